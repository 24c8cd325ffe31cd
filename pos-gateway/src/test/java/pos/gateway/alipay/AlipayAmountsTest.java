package pos.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.money.Money;
import pos.core.pay.PaymentStatus;
import pos.core.pay.RefusalReason;

@DisplayName("Alipay's yuan, times, codes and states in the till's terms")
class AlipayAmountsTest {

    @ParameterizedTest(name = "{0} yuan = {1} fen")
    @CsvSource({"0.01, 1", "12.30, 1230", "12.3, 1230", "99999.99, 9999999", "5, 500", "0.10, 10"})
    void yuanConvertsExactly(String yuan, long fen) {
        assertThat(AlipayAmounts.toMinor(yuan)).isEqualTo(fen);
    }

    @ParameterizedTest(name = "''{0}'' is refused")
    @CsvSource({"12.345", "-1.00", "1e2", "'1,00'", "' 1.00'", "12.", ".5", "abc", "''", "123456789012.00"})
    void anythingButTwoDecimalYuanIsRefused(String yuan) {
        assertThatThrownBy(() -> AlipayAmounts.toMinor(yuan)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fenGoOutWithTwoDecimals() {
        assertThat(AlipayAmounts.toYuan(Money.ofMinor(1, "CNY"))).isEqualTo("0.01");
        assertThat(AlipayAmounts.toYuan(Money.ofMinor(1230, "CNY"))).isEqualTo("12.30");
        assertThat(AlipayAmounts.toYuan(Money.ofMinor(9_999_999, "CNY"))).isEqualTo("99999.99");
        assertThatThrownBy(() -> AlipayAmounts.toYuan(Money.ofMinor(100, "EUR")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CNY");
    }

    @Test
    void timesAreBeijingTime() {
        assertThat(AlipayAmounts.time("2026-12-07 08:00:00")).isEqualTo(Instant.parse("2026-12-07T00:00:00Z"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(textBlock = """
            ACQ.BUYER_BALANCE_NOT_ENOUGH,          INSUFFICIENT_BALANCE
            ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH, INSUFFICIENT_BALANCE
            ACQ.PAYMENT_AUTH_CODE_INVALID,         CODE_INVALID
            ACQ.PAYMENT_REQUEST_HAS_RISK,          RISK_CONTROL
            ACQ.TRADE_BUYER_NOT_MATCH,             BUYER_MISMATCH
            ACQ.TRADE_HAS_CLOSE,                   ORDER_CLOSED
            ACQ.BEYOND_PAY_RESTRICTION,            NOT_PERMITTED
            ACQ.PAYMENT_FAIL,                      PROVIDER_REFUSED
            ACQ.ACCESS_FORBIDDEN,                  MERCHANT_NOT_SET_UP
            isv.invalid-app-id,                    MERCHANT_NOT_SET_UP
            isv.invalid-signature,                 INVALID_REQUEST
            ACQ.INVALID_PARAMETER,                 INVALID_REQUEST
            ACQ.SOMETHING_NEW,                     OTHER
            """)
    @DisplayName("R17 Alipay's sub codes read as the till's neutral reasons")
    void subCodesMapToReasons(String subCode, RefusalReason reason) {
        assertThat(AlipayCodes.reason(subCode)).isEqualTo(reason);
        assertThat(AlipayCodes.refusal("40004", subCode)).isEqualTo(reason.name() + ":" + subCode);
    }

    @ParameterizedTest(name = "{0} (paid before: {1}) → {2}")
    @CsvSource({"WAIT_BUYER_PAY, false, USERPAYING", "TRADE_SUCCESS, true, SUCCESS", "TRADE_FINISHED, true, SUCCESS",
            "TRADE_CLOSED, false, CLOSED", "TRADE_CLOSED, true, REFUNDED"})
    void tradeStatesMapToStatuses(String tradeStatus, boolean everPaid, PaymentStatus status) {
        assertThat(AlipayCodes.status(tradeStatus, everPaid)).isEqualTo(status);
    }

    @Test
    void systemErrorsLeaveTheOutcomeUnknown() {
        assertThat(AlipayCodes.outcomeUnknown("20000", "isp.unknow-error")).isTrue();
        assertThat(AlipayCodes.outcomeUnknown("40004", "ACQ.SYSTEM_ERROR")).isTrue();
        assertThat(AlipayCodes.outcomeUnknown("40004", "ACQ.BUYER_BALANCE_NOT_ENOUGH")).isFalse();
    }

    @Test
    void payCodesAreMaskedToTheirLastFourDigits() {
        assertThat(AlipayGateway.masked("281234567890123456")).isEqualTo("**************3456").doesNotContain("2812");
    }
}
