package pos.gateway.wechatpay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.face.wechatpay.WechatPayFace;

/**
 * A sandbox gateway speaking WeChat Pay API v3 and the adapter made from the credentials it wrote, sharing one movable
 * clock (the till's and the sandbox's trade rules; signatures stay on the wall clock, as the SDK's do). Not
 * thread-safe; one per test.
 */
final class WechatPaySandbox implements AutoCloseable {

    static final String NOTIFY_URL = "http://127.0.0.1:9/notify/wechatpay"; // discard: events are stored, not taken

    final MovableClock clock = new MovableClock();
    final WechatPayFace face = new WechatPayFace(WechatPayFace.DEFAULT_CLOSE_MINIMUM,
            WechatPayFace.DEFAULT_REVERSE_MINIMUM, java.time.Clock.systemUTC());
    final SandboxGateway gateway;
    final WechatPayProvider provider;

    WechatPaySandbox(Path dataDir) {
        this(dataDir, Duration.ofSeconds(5));
    }

    WechatPaySandbox(Path dataDir, Duration timeout) {
        gateway = SandboxGateway.builder().face(face).dataDir(dataDir).clock(clock).build().start();
        provider = WechatPayProvider.open(settings(timeout), clock);
    }

    ProviderSettings settings(Duration timeout) {
        return new ProviderSettings("wechatpay", gateway.baseUri(), gateway.credentialsDir(), Map.of(), NOTIFY_URL,
                timeout, Duration.ofMinutes(2), null);
    }

    WechatPayGateway adapter() {
        return provider.gateway();
    }

    /** The customer scans the code and pays (the sandbox's control route); the status code. */
    int customerPays(String codeUrl) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(gateway.baseUri().resolve("sandbox/pay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code_url\":\"" + codeUrl + "\"}")).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    URI baseUri() {
        return gateway.baseUri();
    }

    @Override
    public void close() {
        provider.close();
        gateway.close();
    }
}
