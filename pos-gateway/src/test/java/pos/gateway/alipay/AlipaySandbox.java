package pos.gateway.alipay;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.sale.TransactionId;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.sandbox.SandboxGateway;

/** The sandbox gateway speaking Alipay, the provider made from the credentials it wrote, and its customer. */
final class AlipaySandbox implements AutoCloseable {

    static final TransactionId.Generator IDS = new TransactionId.Generator(Clock.systemUTC());

    final SandboxGateway gateway;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    AlipaySandbox(Path dataDir) {
        gateway = SandboxGateway.builder().protocol("alipay").dataDir(dataDir).seed(13).fastRetries(200).build().start();
    }

    /** The settings a till or hub would have: the sandbox's address and the credentials directory it wrote. */
    ProviderSettings settings(String notifyUrl, Duration timeout) {
        return new ProviderSettings("alipay", gateway.baseUri(), gateway.credentialsDir(), Map.of(), notifyUrl, timeout,
                Duration.ofMinutes(2), null);
    }

    PaymentProvider provider(String notifyUrl, Duration timeout) {
        return PaymentProviders.open(settings(notifyUrl, timeout));
    }

    static PaymentOrder order(PaymentMethod method, long fen) {
        return new PaymentOrder(IDS.next(), "till-1", method, Money.ofMinor(fen, "CNY"), "Store 1 · 1 item",
                Instant.now());
    }

    /** The customer scans {@code qrCode} and pays at once. */
    void customerPays(String qrCode) {
        post("sandbox/pay", "{\"code_url\":\"" + qrCode + "\"}");
    }

    /** The customer confirms a pay-code charge waiting in WAIT_BUYER_PAY. */
    void customerConfirms(String outTradeNo) {
        post("sandbox/confirm", "{\"out_trade_no\":\"" + outTradeNo + "\"}");
    }

    private void post(String path, String json) {
        URI uri = gateway.baseUri().resolve(path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new AssertionError(uri + " answered " + response.statusCode() + ": " + response.body());
            }
        } catch (IOException e) {
            throw new AssertionError(uri + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}
