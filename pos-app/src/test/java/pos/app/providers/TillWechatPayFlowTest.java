package pos.app.providers;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The payment flows against the sandbox speaking WeChat Pay API v3, the till and the hub configured for "wechatpay":
 * every request goes through the official wechatpay-java SDK, every notification is signed and encrypted as WeChat Pay
 * does and read by the SDK's parser. The till sells in CNY (a mainland merchant is paid in CNY only). WeChat Pay's own
 * truths are asserted on the sandbox's ledger: a QR order given up at 30 s is still open 10 s before 5 minutes from
 * its creation and closed after (its time_expire ends payment, not the order); a pay-code is not reversed within
 * 15 s of the charge.
 */
class TillWechatPayFlowTest extends ProviderFlows {

    @Override
    protected String protocol() {
        return "wechatpay-v3";
    }

    @Override
    protected String provider() {
        return "wechatpay";
    }

    @Override
    protected String catalogCurrency() {
        return "CNY";
    }

    /**
     * WeChat Pay: an order is not closed within 5 minutes of its creation; the adapter adds 5 s for the request's way
     * and the two clocks (the bench found a reversal reaching the provider 73 ms early without it).
     */
    @Override
    protected Duration documentedCloseMinimum() {
        return Duration.ofMinutes(5).plus(pos.gateway.wechatpay.WechatPayGateway.TIMING_MARGIN);
    }

    /** WeChat Pay: a pay-code charge is not reversed within 15 s (plus the adapter's same margin). */
    @Override
    protected Duration documentedReverseMinimum() {
        return Duration.ofSeconds(15).plus(pos.gateway.wechatpay.WechatPayGateway.TIMING_MARGIN);
    }

    @Test
    @Order(7)
    @DisplayName("R16 R17 a till selling in EUR is told WeChat Pay takes CNY only: refused before anything is sent, the sale kept")
    void aSaleInEurosIsRefusedSayingSo(FxRobot robot) throws Exception {
        aSaleInACurrencyTheProviderRefusesIsSaidSo(robot);
    }
}
