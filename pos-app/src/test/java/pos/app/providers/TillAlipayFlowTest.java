package pos.app.providers;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.PaymentStatus;
import pos.gateway.sandbox.api.TradeState;

/**
 * The payment flows against the sandbox speaking Alipay face-to-face, the till and the hub configured for "alipay":
 * every request goes through the official alipay-sdk-java, every notification is an RSA2-signed form post. The till
 * sells in CNY (face-to-face takes CNY only). Alipay's own truth asserted: the cancel of a pay-code the customer never
 * confirmed is Alipay's {@code action=close}, and the ledger shows exactly that (cancelled, nothing charged, nothing
 * refunded).
 */
class TillAlipayFlowTest extends ProviderFlows {

    @Override
    protected String protocol() {
        return "alipay";
    }

    @Override
    protected String provider() {
        return "alipay";
    }

    @Override
    protected String catalogCurrency() {
        return "CNY";
    }

    /** An Alipay pay-code: 16–24 digits starting 25–30. */
    @Override
    protected String payCode(String lastFour) {
        return "28456789012345" + lastFour;
    }

    /**
     * The cancel's action as the ledger shows it: the trade was closed, not refunded (no charge, no refund, no refund
     * notification); the cancel asked again through the SDK answers the same {@code action=close}.
     */
    @Override
    protected void assertNeverConfirmedReversal(String outTradeNo) {
        assertThat(order(outTradeNo)).satisfies(o -> {
            assertThat(o.tradeState()).isEqualTo(TradeState.REVOKED);
            assertThat(o.chargedMinor()).isZero();
            assertThat(o.refundedMinor()).isZero();
            assertThat(o.transactionId()).as("no Alipay trade was paid").isNull();
        });
        assertThat(sandbox.ledger().notifications(outTradeNo)).noneMatch(n -> n.eventType().startsWith("REFUND"));
        GatewayAnswer again = provider.gateway().reverse(outTradeNo);
        assertThat(again.status()).isEqualTo(PaymentStatus.REVOKED);
        assertThat(again.reasonCode()).isEqualTo("ORDER_REVERSED:action=close");
    }

    @Test
    @Order(7)
    @DisplayName("R16 R17 a till selling in EUR is told Alipay takes CNY only: refused before anything is sent, the sale kept")
    void aSaleInEurosIsRefusedSayingSo(FxRobot robot) throws Exception {
        aSaleInACurrencyTheProviderRefusesIsSaidSo(robot);
    }
}
