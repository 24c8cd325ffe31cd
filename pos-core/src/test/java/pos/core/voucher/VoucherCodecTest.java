package pos.core.voucher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.money.Money;

@DisplayName("Voucher codes: signed, compact, verified offline (R1, R5)")
class VoucherCodecTest {

    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant EXPIRY = Instant.parse("2026-12-31T23:59:59Z");

    private final VoucherCodec codec = new VoucherCodec(VoucherKeys.sandbox());

    private static Voucher tenOff(String store) {
        return new Voucher("01JDVOUCHER0000000000000001", new VoucherBenefit.AmountOff(Money.ofMinor(1000, "EUR")),
                "cust-4711", EXPIRY, store, VoucherKeys.SANDBOX_KEY_ID.replace('.', '-'));
    }

    @Test
    @DisplayName("R1 a code names its voucher and customer, round trip")
    void r1_roundTripNamesVoucherAndCustomer() {
        Voucher voucher = new Voucher("V1", new VoucherBenefit.Product("4006381333931"), "alice@example.com", EXPIRY,
                Voucher.ANY_STORE, VoucherKeys.SANDBOX_KEY_ID);
        String code = codec.encode(voucher);
        assertThat(code).startsWith("PV1.sandbox-voucher-1.").hasSizeLessThan(VoucherCodec.MAX_CODE_LENGTH);
        VoucherCheck check = codec.verify(code, NOW, "store-9");
        assertThat(check).isEqualTo(new VoucherCheck.Valid(voucher));
        assertThat(((VoucherCheck.Valid) check).voucher().customerRef()).isEqualTo("alice@example.com");
    }

    @Test
    @DisplayName("R5 expired, wrong store, unknown key and forged are told apart")
    void r5_refusalsAreDistinct() {
        String code = codec.encode(tenOff("store-1"));
        assertThat(codec.verify(code, NOW, "store-1").isValid()).isTrue();
        assertThat(reason(codec.verify(code, EXPIRY.plusSeconds(1), "store-1"))).isEqualTo(VoucherRefusal.EXPIRED);
        assertThat(reason(codec.verify(code, EXPIRY, "store-1"))).as("valid up to its last second").isNull();
        assertThat(reason(codec.verify(code, NOW, "store-2"))).isEqualTo(VoucherRefusal.WRONG_STORE);
        VoucherCodec other = new VoucherCodec(VoucherKeys.of(Map.of("rotated-2", "another-secret-of-16+"), "rotated-2"));
        assertThat(reason(other.verify(code, NOW, "store-1"))).isEqualTo(VoucherRefusal.UNKNOWN_KEY);
        VoucherCodec sameIdOtherSecret = new VoucherCodec(VoucherKeys.of(
                Map.of(VoucherKeys.SANDBOX_KEY_ID, "not-the-sandbox-secret"), VoucherKeys.SANDBOX_KEY_ID));
        assertThat(reason(sameIdOtherSecret.verify(code, NOW, "store-1"))).isEqualTo(VoucherRefusal.FORGED);
        assertThat(reason(codec.verify(code.substring(0, code.length() - 1), NOW, "store-1"))).isEqualTo(VoucherRefusal.MALFORMED);
    }

    @Test
    @DisplayName("R5 several keys are accepted at once during a rotation")
    void rotationAcceptsOldAndNewKeys() {
        VoucherKeys rotated = VoucherKeys.parse("new-2=the-new-secret-key-2,sandbox-voucher-1=sandbox-voucher-key");
        assertThat(rotated.signingKeyId()).isEqualTo("new-2");
        VoucherCodec both = new VoucherCodec(rotated);
        assertThat(both.verify(codec.encode(tenOff("store-1")), NOW, "store-1").isValid()).isTrue();
        Voucher fresh = new Voucher("V2", new VoucherBenefit.AmountOff(Money.ofMinor(500, "EUR")), "c", EXPIRY, "store-1", "new-2");
        assertThat(both.verify(both.encode(fresh), NOW, "store-1").isValid()).isTrue();
        assertThat(reason(codec.verify(both.encode(fresh), NOW, "store-1"))).isEqualTo(VoucherRefusal.UNKNOWN_KEY);
        assertThat(rotated.toString()).doesNotContain("secret");
    }

    @Test
    @DisplayName("a spelling of the signature with the unused base64 bits set is refused, not accepted as the same")
    void nonCanonicalBase64IsRefused() {
        String code = codec.encode(tenOff("store-1"));
        char last = code.charAt(code.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int index = alphabet.indexOf(last);
        String twin = code.substring(0, code.length() - 1) + alphabet.charAt(index ^ 1);
        assertThat(reason(codec.verify(twin, NOW, "store-1"))).isEqualTo(VoucherRefusal.MALFORMED);
    }

    @Test
    @DisplayName("weak keys and bad key text are refused with a sentence that never shows a secret")
    void badKeysAreRefused() {
        assertThatThrownBy(() -> VoucherKeys.parse("k1=short")).hasMessageContaining("at least 16").hasMessageNotContaining("short");
        assertThatThrownBy(() -> VoucherKeys.parse("no-equals-sign")).hasMessageContaining("keyId=secret");
        assertThatThrownBy(() -> VoucherKeys.parse("a.b=0123456789abcdefgh")).hasMessageContaining("key id");
    }

    private static VoucherRefusal reason(VoucherCheck check) {
        return check instanceof VoucherCheck.Refused refused ? refused.reason() : null;
    }
}
