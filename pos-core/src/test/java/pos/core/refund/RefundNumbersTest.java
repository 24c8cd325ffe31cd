package pos.core.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import pos.core.sale.TransactionId;

/** Issue 12 point 3: "one refund number per return, so a retry never refunds twice". */
class RefundNumbersTest {

    @Test
    void aReturnIdAndTenderIndexMakeTheSameNumberEveryTime() {
        String returnId = "01JEQ5R2X8K7M3N4P5Q6R7S8T9";

        assertThat(RefundNumbers.of(returnId, 1)).isEqualTo(returnId + "-1").isEqualTo(RefundNumbers.of(returnId, 1));
        assertThat(RefundNumbers.of(returnId, 0)).isNotEqualTo(RefundNumbers.of(returnId, 1));
    }

    @Test
    void aUlidReturnIdFitsTheGatewaysLimitWithRoomForTenders() {
        String returnId = new TransactionId.Generator(java.time.Clock.systemUTC()).next().value();

        String number = RefundNumbers.of(returnId, 99);

        assertThat(number).hasSizeLessThanOrEqualTo(RefundNumbers.MAX_LENGTH).matches("[0-9A-Za-z_-]+");
        assertThat(RefundNumbers.isValid(number)).isTrue();
    }

    @Test
    void anIdGatewaysWouldRefuseIsRefusedHere() {
        assertThatThrownBy(() -> RefundNumbers.of("has space", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefundNumbers.of("x".repeat(31), 0)).hasMessageContaining("1 to 32 characters");
        assertThatThrownBy(() -> RefundNumbers.of("ok", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
