package pos.app.providers;

import org.junit.jupiter.api.Disabled;

/**
 * The payment flows against the sandbox speaking WeChat Pay API v3, the till and the hub configured for "wechatpay":
 * every request goes through the official wechatpay-java SDK, every notification is signed and encrypted as WeChat Pay
 * does and read by the SDK's parser. The 5-minute close and the 15-second reverse minimums come from the provider's
 * {@code closeNotBefore}/{@code reverseNotBefore}, enforced by the face on the shared clock.
 */
@Disabled("enabled when the wechatpay-v3 face is merged")
class TillWechatPayFlowTest extends ProviderFlows {

    @Override
    protected String protocol() {
        return "wechatpay-v3";
    }

    @Override
    protected String provider() {
        return "wechatpay";
    }
}
