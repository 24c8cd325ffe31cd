package pos.app.providers;

/** The payment flows against the sandbox speaking its own protocol, the till and the hub configured for "sandbox". */
class TillSandboxProviderFlowTest extends ProviderFlows {

    @Override
    protected String protocol() {
        return "sandbox";
    }

    @Override
    protected String provider() {
        return "sandbox";
    }
}
