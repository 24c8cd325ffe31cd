package pos.core.pay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PaymentStatusTest {

    @ParameterizedTest(name = "{0} -> {1}: {2}")
    @CsvSource(textBlock = """
            PENDING,    SUCCESS,    true
            PENDING,    USERPAYING, true
            USERPAYING, PENDING,    false
            SUCCESS,    PENDING,    false
            SUCCESS,    CLOSED,     false
            SUCCESS,    FAILED,     false
            SUCCESS,    REFUNDED,   true
            CLOSED,     SUCCESS,    true
            CLOSED,     REFUNDED,   true
            CLOSED,     FAILED,     false
            CLOSED,     PENDING,    false
            REVOKED,    SUCCESS,    false
            REFUNDED,   SUCCESS,    false
            FAILED,     SUCCESS,    true
            SUCCESS,    SUCCESS,    true
            """)
    @DisplayName("the compare-and-set rule never moves a final state backwards")
    void theCompareAndSetRuleNeverMovesAFinalStateBackwards(PaymentStatus from, PaymentStatus to, boolean allowed) {
        assertThat(from.canMoveTo(to)).isEqualTo(allowed);
    }

    @Test
    void onlyPendingAndUserPayingKeepTheTillWaiting() {
        for (PaymentStatus s : PaymentStatus.values()) {
            assertThat(s.isFinal()).as(s.name()).isEqualTo(s != PaymentStatus.PENDING && s != PaymentStatus.USERPAYING);
        }
        assertThat(PaymentStatus.SUCCESS.isPaid()).isTrue();
        assertThat(PaymentStatus.CLOSED.isPaid()).isFalse();
    }
}
