package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.QrOrder;
import pos.core.sale.TransactionId;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.ledger.NotificationStatus;
import pos.hub.StoreHub;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 13: a real store hub taking one real provider's notifications at {@code /notify/<provider>}, the sandbox
 * speaking that provider's protocol, and what a till does around a QR order (pending queue, the order at the
 * provider, the customer paying). For the hub-level notification tests of each provider. Not thread-safe.
 */
final class ProviderHubRig implements AutoCloseable {

    final HubHarness harness;
    final SandboxGateway sandbox;
    final PaymentProvider provider;
    final StoreHub hub;
    private final String name;
    private final TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());
    private final Map<String, String> qrCodes = new ConcurrentHashMap<>();

    /**
     * @param protocol the sandbox's protocol ({@code wechatpay-v3}, {@code alipay})
     * @param name     the provider's name ({@code wechatpay}, {@code alipay})
     */
    ProviderHubRig(RedisProcess redis, TestDatabase database, Path harnessDir, Path sandboxDir, String protocol,
            String name) {
        this.name = name;
        this.harness = new HubHarness(redis, database, harnessDir);
        this.sandbox = SandboxGateway.builder().protocol(protocol).dataDir(sandboxDir).fastRetries(200).build().start();
        this.provider = PaymentProviders.open(new ProviderSettings(name, sandbox.baseUri(), sandbox.credentialsDir(),
                Map.of(), null, Duration.ofSeconds(2), Duration.ofMinutes(2), null));
        this.hub = new StoreHub(harness.settings("hub-" + name).reconcileEvery(Duration.ofHours(1)).build(),
                provider.gateway(), Clock.systemUTC());
        hub.acceptNotifications(provider.notifications());
        hub.start();
    }

    PaymentOrder order(long fen) {
        return new PaymentOrder(ids.next(), "till-1", PaymentMethod.QR_SHOWN, Money.ofMinor(fen, "CNY"), "Store 12",
                Instant.now());
    }

    /** What a till does for a QR payment: pending queue first (R7), then the order at the provider, notifying the hub. */
    void openQrOrder(PaymentOrder order) {
        harness.pending.add(order, null);
        QrOrder qr = provider.gateway().createQrOrder(order, hub.baseUri().resolve("notify/" + name).toString());
        harness.pending.add(order, qr.codeUrl());
        qrCodes.put(order.outTradeNo(), qr.codeUrl());
    }

    /** The customer scans the order's code and pays. */
    void pay(PaymentOrder order) {
        HttpResponse<String> paid = harness.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("sandbox/pay"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"code_url\":\"" + qrCodes.get(order.outTradeNo()) + "\"}")).build());
        assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    }

    /** True once the provider's notification of {@code outTradeNo} was taken by the hub. */
    boolean delivered(String outTradeNo) {
        return sandbox.ledger().notifications(outTradeNo).stream().anyMatch(n -> n.status() == NotificationStatus.DELIVERED);
    }

    /** POSTs {@code body} with {@code headers} to the hub's {@code /notify/<provider>}. */
    HttpResponse<String> notify(String contentType, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.baseUri().resolve("notify/" + name))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return harness.send(request.build());
    }

    @Override
    public void close() {
        hub.stop();
        provider.close();
        sandbox.close();
        harness.close();
    }
}
