package pos.gateway.sandbox.face;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import pos.gateway.sandbox.api.NotificationSignature;
import pos.gateway.sandbox.api.SignedHeaders;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.gateway.sandbox.trade.TradeService;

/**
 * The project's own protocol ({@code /v1/...}, described in {@code pos.gateway.sandbox.api}): its routes are the
 * server's own, its notifications are JSON signed with HMAC-SHA256 ({@link NotificationSignature}) and taken on any
 * 2xx. Thread-safe.
 */
public final class SandboxFace implements Face {

    public static final String PROTOCOL = "sandbox";

    private final NotificationSignature signature;
    private volatile Path credentialsDir;

    public SandboxFace(NotificationSignature signature) {
        this.signature = Objects.requireNonNull(signature, "signature");
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public void open(Path dataDir, Clock clock) {
        this.credentialsDir = dataDir; // the shared secret is given on the command line of both sides
    }

    @Override
    public Path credentialsDir() {
        return credentialsDir;
    }

    @Override
    public void routes(FaceRoutes routes, TradeService trades, Chaos chaos) {
        // the /v1 routes are the server's own
    }

    @Override
    public NotificationWire notifications() {
        return new NotificationWire() {
            @Override
            public Delivery render(NotificationRow event) {
                byte[] body = event.body().getBytes(StandardCharsets.UTF_8);
                SignedHeaders headers = signature.sign(body);
                return new Delivery("application/json; charset=utf-8", headers.asMap(), body);
            }

            @Override
            public boolean acknowledged(int status, String body) {
                return status >= 200 && status < 300;
            }
        };
    }

    @Override
    public RetrySchedule documentedSchedule() {
        return RetrySchedule.defaults();
    }

    /** The key id of the notification signature. */
    public String keyId() {
        return signature.keyId();
    }
}
