package pos.app.providers;

import org.junit.jupiter.api.Disabled;

/**
 * The payment flows against the sandbox speaking Alipay face-to-face, the till and the hub configured for "alipay":
 * every request goes through the official alipay-sdk-java, every notification is an RSA2-signed form post.
 */
@Disabled("enabled when the alipay face is merged")
class TillAlipayFlowTest extends ProviderFlows {

    @Override
    protected String protocol() {
        return "alipay";
    }

    @Override
    protected String provider() {
        return "alipay";
    }

    /** An Alipay pay-code: 16–24 digits starting 25–30. */
    @Override
    protected String payCode(String lastFour) {
        return "28456789012345" + lastFour;
    }
}
