package pos.contract.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.contract.auth.Ed25519;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;

class ResultSignatureTest {

    private static PaymentResult result(long amountMinor) {
        return new PaymentResult("01JDRESULT0000000000000001", PaymentStatus.SUCCESS, amountMinor, "EUR", PaymentMethod.QR_SHOWN,
                null, Instant.ofEpochMilli(1_765_000_000_000L));
    }

    @Test
    @DisplayName("SEC-213 remembered checks and signatures never let another signature, result or key through")
    void rememberingChangesNoVerdict() {
        KeyPair hub = Ed25519.generate();
        KeyPair other = Ed25519.generate();
        String signature = ResultSignature.sign(hub.getPrivate(), result(1250));
        assertThat(ResultSignature.sign(hub.getPrivate(), result(1250))).as("deterministic, remembered").isEqualTo(signature);
        for (int i = 0; i < 3; i++) { // the first check is computed, the next ones remembered: the same verdicts
            assertThat(ResultSignature.verify(hub.getPublic(), result(1250), signature)).isTrue();
            assertThat(ResultSignature.verify(hub.getPublic(), result(1251), signature)).isFalse();
            assertThat(ResultSignature.verify(other.getPublic(), result(1250), signature)).isFalse();
            assertThat(ResultSignature.verify(hub.getPublic(), result(1250), ResultSignature.sign(other.getPrivate(), result(1250))))
                    .isFalse();
            assertThat(ResultSignature.verify(hub.getPublic(), result(1250), signature.substring(1) + "A")).isFalse();
            assertThat(ResultSignature.verify(hub.getPublic(), result(1250), null)).isFalse();
        }
        assertThat(ResultSignature.sign(other.getPrivate(), result(1250))).isNotEqualTo(signature);
    }
}
