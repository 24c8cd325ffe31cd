package pos.gateway.sandboxapi;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import pos.contract.json.Json;
import pos.core.pay.PaymentNotice;
import pos.core.pay.PaymentNotifications;

/**
 * The sandbox protocol's notifications: HMAC-signed JSON ({@link NotificationVerifier}), parsed by
 * {@link SandboxNotification}; answered with HTTP 200 and {@code {"code":"SUCCESS"}}, refused with a 4xx/5xx and
 * {@code {"code":"FAIL","error":...}} (the gateway retries anything but a 2xx). Thread-safe.
 */
public final class SandboxNotifications implements PaymentNotifications {

    /** The provider's name and the hub's route: {@code /notify/sandbox}. */
    public static final String PROVIDER = "sandbox";

    private final NotificationVerifier verifier;

    public SandboxNotifications(NotificationVerifier verifier) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Optional<PaymentNotice> read(Function<String, String> header, String contentType, byte[] body) {
        verifier.verify(header, body);
        SandboxNotification n = SandboxNotification.parse(body);
        return Optional.of(new PaymentNotice(PROVIDER, n.id(), n.outTradeNo(), n.status(), n.tradeState(),
                n.amountMinor(), n.currency(), n.gatewayTradeNo(), n.successTime(), ""));
    }

    @Override
    public Reply accepted() {
        return new Reply(200, "application/json", Json.write(new Ack("SUCCESS", "OK")));
    }

    @Override
    public Reply refused(int status, String code, String message) {
        return new Reply(status, "application/json", Json.write(new Refusal("FAIL", code, message)));
    }

    /** The body of an acknowledgement to the sandbox gateway. */
    record Ack(String code, String message) {
    }

    /** The body of a refusal: the gateway's {@code code} and the hub's usual {@code error} beside it. */
    record Refusal(String code, String error, String message) {
    }
}
