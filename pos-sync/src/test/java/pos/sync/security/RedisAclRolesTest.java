package pos.sync.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.contract.auth.TillCredential;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.redis.RedisAcl;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisCredentials;
import pos.contract.redis.RedisLoginRefusedException;
import pos.contract.redis.RedisSettings;
import pos.contract.voucher.RedisVoucherRedemption;
import pos.contract.voucher.VoucherRedisKeys;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.people.DebitResult;
import pos.core.sale.SaleRecord;
import pos.core.sale.TransactionId;
import pos.core.voucher.RedemptionResult;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherKeys;
import pos.hub.voucher.IssuedVoucher;
import pos.hub.voucher.MariaDbVoucherStore;
import pos.hub.voucher.VoucherIssuer;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.sync.auth.StreamSigner;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.people.RedisStoredValue;
import pos.sync.people.SqlitePeopleStore;
import pos.sync.testing.TestSales;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The store Redis's users as README prints them ({@link RedisAcl}): a till logged in as
 * {@code pos-till} does its whole job and nothing more, the hub's user cannot administer the
 * server, and nobody without a password gets in (issue 10, Build 2 "Redis").
 */
@DisplayName("Redis ACL roles (issue 10)")
class RedisAclRolesTest {

    static RedisProcess redis;
    static MariaDbProcess mariadb;
    static TestDatabase database;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void start() {
        redis = RedisProcess.builder()
                .aclUser(RedisAcl.HUB_USER, RedisAcl.hubRules())
                .aclUser(RedisAcl.TILL_USER, RedisAcl.tillRules())
                .build().start();
        mariadb = new MariaDbProcess().start();
        database = mariadb.createTestDatabase();
    }

    @AfterAll
    static void stop() {
        if (mariadb != null) {
            mariadb.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    static RedisSettings as(String user) {
        return RedisSettings.none().withCredentials(RedisCredentials.of(user, redis.password(user).toCharArray()));
    }

    @Test
    @DisplayName("SEC-501 logged in as pos-till, a till hands sales on, queues a payment, redeems a voucher (R6), debits a member and reads what the hub keeps")
    void aTillDoesItsWholeJobAsPosTill() throws Exception {
        // what the hub prepares, as the hub's user: a voucher, a member's balance, the restored marker, a rule base
        Voucher voucher;
        try (RedisConnections hub = RedisConnections.create(redis.uri(), as(RedisAcl.HUB_USER));
                MariaDbVoucherStore store = MariaDbVoucherStore.create(database.jdbcUrl(), database.user(), database.password(),
                        2, Clock.systemUTC());
                StatefulRedisConnection<String, String> c = hub.connect()) {
            List<IssuedVoucher> issued = new VoucherIssuer(VoucherKeys.sandbox(), store, hub, VoucherRedisKeys.DEFAULT,
                    Clock.systemUTC()).issue(1, new VoucherBenefit.AmountOff(Money.ofMinor(500, "EUR")), "acl-",
                    Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), Voucher.ANY_STORE);
            voucher = issued.get(0).voucher();
            c.sync().set(PeopleRedisKeys.DEFAULT.balance("m-1"), "2000");
            c.sync().set(PeopleRedisKeys.DEFAULT.restored(), "acl-test");
            c.sync().set("pos:rules:version", "3");
            c.sync().hset(PeopleRedisKeys.DEFAULT.clerks(), "c-1", "{}");
        }

        SyncSettings settings = SyncSettings.standalone("acl-till").withRedis(redis.uri()).withRedisSettings(as(RedisAcl.TILL_USER))
                .withSigner(pos.sync.testing.TestTills.signer("acl-till"));
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir.resolve("till"));
                SyncService sync = new SyncService(settings, journal)) {
            sync.start();
            List<SaleRecord> sales = TestSales.sales(7, "acl-till", 5);
            for (SaleRecord sale : sales) {
                journal.append(sale);
            }
            await("the sales are handed on as pos-till").atMost(Duration.ofSeconds(15)).until(() -> sync.current().backlog(), equalTo(0L));
        }
        assertThat(redis.call("XLEN", "pos:archive")).isEqualTo(5L);

        try (RedisConnections till = RedisConnections.create(redis.uri(), as(RedisAcl.TILL_USER));
                RedisPendingPayments pending = new RedisPendingPayments(till);
                RedisVoucherRedemption redemption = new RedisVoucherRedemption(till, "store-1");
                SqlitePeopleStore people = SqlitePeopleStore.open(dataDir.resolve("people"));
                RedisStoredValue storedValue = new RedisStoredValue(till, PeopleRedisKeys.DEFAULT, Clock.systemUTC(), people,
                        pos.sync.testing.TestTills.signer("acl-till"));
                StatefulRedisConnection<String, String> c = till.connect()) {
            PaymentOrder order = new PaymentOrder(new TransactionId("01JDACE0000000000000000001"), "acl-till",
                    PaymentMethod.QR_SHOWN, Money.ofMinor(1250, "EUR"), "acl test", Instant.now());
            assertThat(pending.add(order, "weixin://wxpay/acl")).isEqualTo(RedisPendingPayments.Added.QUEUED);
            assertThat(pending.contains(order.outTradeNo())).isTrue();

            RedemptionResult redeemed = redemption.redeem(voucher, "acl-till", "01JDACE0000000000000000002");
            assertThat(redeemed.isSuccess()).as(redeemed.detail()).isTrue();
            assertThat(redemption.redeem(voucher, "acl-till-2", "01JDACE0000000000000000003").isSuccess())
                    .as("R6: the second redemption is refused").isFalse();

            DebitResult debit = storedValue.debit("m-1", "01JDACE0000000000000000004", 750, "acl-till");
            assertThat(debit.outcome()).isEqualTo(DebitResult.Outcome.DONE);
            assertThat(storedValue.balance("m-1")).contains(1250L);

            RedisCommands<String, String> commands = c.sync();
            assertThat(commands.get("pos:rules:version")).isEqualTo("3");
            assertThat(commands.hgetall(PeopleRedisKeys.DEFAULT.clerks())).containsKey("c-1");
            assertThat(commands.publish("pos:pay:results", "hint")).isNotNull();
        }
    }

    @Test
    @DisplayName("SEC-502 as pos-till, writing the rule base or the people, reading or trimming the streams, and administering Redis are refused (NOPERM)")
    void theTillsUserIsRefusedEverythingElse() {
        try (RedisConnections till = RedisConnections.create(redis.uri(), as(RedisAcl.TILL_USER));
                StatefulRedisConnection<String, String> c = till.connect()) {
            RedisCommands<String, String> r = c.sync();
            List<Consumer<RedisCommands<String, String>>> attacks = List.of(
                    x -> x.set("pos:rules:current", "{\"version\":9223372036854775807,\"rules\":[]}"),
                    x -> x.set("pos:rules:version", "9223372036854775807"),
                    x -> x.hset(PeopleRedisKeys.DEFAULT.clerks(), "evil", "{\"role\":\"SUPERVISOR\"}"),
                    x -> x.hset(PeopleRedisKeys.DEFAULT.members(), "evil", "{}"),
                    x -> x.set(PeopleRedisKeys.DEFAULT.restored(), "x"),
                    x -> x.hset("pos:alerts", "fake", "{}"),
                    x -> x.xrange("pos:archive", io.lettuce.core.Range.create("-", "+")),
                    x -> x.xtrim("pos:archive", 0),
                    x -> x.del("pos:archive"),
                    x -> x.set("someone-elses-key", "1"),
                    x -> x.keys("*"),
                    x -> x.flushall(),
                    x -> x.configSet("appendonly", "no"),
                    x -> x.eval("return redis.call('SET', 'pos:rules:version', '9')", ScriptOutputType.STATUS));
            int refused = 0;
            for (Consumer<RedisCommands<String, String>> attack : attacks) {
                assertThatThrownBy(() -> attack.accept(r)).isInstanceOf(RedisCommandExecutionException.class)
                        .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("NOPERM", "can't run this command"));
                refused++;
            }
            assertThat(refused).isEqualTo(attacks.size());
        }
        assertThat(redis.call("EXISTS", "someone-elses-key")).isEqualTo(0L);
    }

    @Test
    @DisplayName("SEC-503 without a password nobody gets in; the hub's user cannot administer the server")
    void nobodyWithoutAPasswordAndNoAdministration() {
        try (RedisConnections anonymous = RedisConnections.create(redis.uri(), RedisSettings.none())) {
            assertThatThrownBy(anonymous::connect).isInstanceOf(RedisLoginRefusedException.class).hasMessageContaining("NOAUTH");
        }
        try (RedisConnections hub = RedisConnections.create(redis.uri(), as(RedisAcl.HUB_USER));
                StatefulRedisConnection<String, String> c = hub.connect()) {
            c.sync().set("pos:rules:version", "4");
            assertThat(c.sync().get("pos:rules:version")).isEqualTo("4");
            assertThatThrownBy(() -> c.sync().flushall()).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> c.sync().configSet("appendonly", "no")).hasMessageContaining("NOPERM");
            assertThatThrownBy(() -> c.sync().set("not-ours", "1")).hasMessageContaining("NOPERM");
        }
    }

    @Test
    @DisplayName("SEC-504 the ACL lines README prints carry only password hashes, and Redis accepts them as written")
    void aclLinesHoldHashesAndAreAccepted() {
        List<String> lines = RedisAcl.setUserCommands("hub-secret-1", "till-secret-2");
        assertThat(String.join("\n", lines)).doesNotContain("hub-secret-1").doesNotContain("till-secret-2")
                .contains("#" + RedisAcl.sha256("till-secret-2"));
        // the SETUSER lines are what an operator pastes: check Redis takes them (as a third user, so the others stay)
        String line = lines.get(1).replace("ACL SETUSER " + RedisAcl.TILL_USER, "ACL SETUSER pos-till-pasted");
        assertThat(redis.call(words(line))).isEqualTo("OK");
        assertThat(redis.call("ACL", "DRYRUN", "pos-till-pasted", "SET", "pos:rules:current", "x").toString())
                .contains("no permissions");
        assertThat(redis.call("ACL", "DRYRUN", "pos-till-pasted", "XADD", "pos:archive", "*", "k", "v")).isEqualTo("OK");
    }

    /** The words of a command line as redis-cli reads them: a parenthesised selector is one word. */
    static String[] words(String line) {
        List<String> words = new java.util.ArrayList<>();
        StringBuilder word = new StringBuilder();
        int depth = 0;
        for (char c : line.toCharArray()) {
            if (c == ' ' && depth == 0) {
                if (word.length() > 0) {
                    words.add(word.toString());
                    word.setLength(0);
                }
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            word.append(c);
        }
        if (word.length() > 0) {
            words.add(word.toString());
        }
        return words.toArray(String[]::new);
    }
}
