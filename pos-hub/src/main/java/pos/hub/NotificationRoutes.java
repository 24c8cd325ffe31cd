package pos.hub;

import static pos.hub.HttpAnswers.answer;
import static pos.hub.HttpAnswers.error;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.redis.UnableToReachRedisException;
import pos.core.pay.PaymentStatus;
import pos.gateway.sandboxapi.InvalidNotificationException;
import pos.gateway.sandboxapi.NotificationVerifier;
import pos.gateway.sandboxapi.SandboxNotification;
import pos.hub.http.SlowBodyGate;

/**
 * POST /notify/sandbox: the gateway's signed notification (R8, R17); a notification for another amount or
 * currency than the order's is held, never settled (issue 10). Thread-safe.
 */
final class NotificationRoutes {

    private static final Logger log = LoggerFactory.getLogger(NotificationRoutes.class);
    /** Refused notifications logged without letting a hostile caller flood the log. */
    private static final pos.hub.http.RefusalLog notificationRefusals = new pos.hub.http.RefusalLog(log, Clock.systemUTC());

    private final NotificationVerifier verifier;
    private final PaymentSettler settler;
    private final HubMetrics metrics;
    private final SlowBodyGate bodies;

    NotificationRoutes(NotificationVerifier verifier, PaymentSettler settler, HubMetrics metrics, SlowBodyGate bodies) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.settler = Objects.requireNonNull(settler, "settler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.post("/notify/sandbox", this::notification);
    }
    private void notification(Context ctx) {
        long started = System.nanoTime();
        byte[] body = bodies.read(ctx.req(), HubHttp.MAX_BODY_BYTES);
        try {
            verifier.verify(ctx::header, body);
        } catch (InvalidNotificationException e) {
            metrics.notification("bad_signature", System.nanoTime() - started);
            notificationRefusals.refused(ctx.ip(), "notification",
                    () -> "Refused a notification from " + ctx.ip() + ": " + e.getMessage());
            answer(ctx, 401, error("bad_signature", e.getMessage()));
            return;
        }
        SandboxNotification notification;
        try {
            notification = SandboxNotification.parse(body);
        } catch (InvalidNotificationException e) {
            metrics.notification("malformed", System.nanoTime() - started);
            log.warn("Refused a signed but malformed notification from {}: {}", ctx.ip(), e.getMessage());
            answer(ctx, 400, error("malformed", e.getMessage()));
            return;
        }
        String tx = notification.outTradeNo();
        PaymentSettler.ClaimOutcome outcome;
        try {
            Optional<PaymentSettler.Facts> known = settler.facts(tx);
            if (known.isEmpty()) {
                log.warn("Notification {} for payment {} that Redis has no order for; recording it as a QR payment",
                        notification.id(), tx);
            }
            // Issue 10: a notification for another amount or currency than the order's is held, never settled.
            outcome = settler.settleOrHold(tx, new HeldPayments.Claim("notification", notification.id(),
                    notification.status(), notification.amountMinor(), notification.currency()),
                    notification.status() == PaymentStatus.FAILED ? notification.tradeState() : null, known, "notification");
        } catch (UnableToReachRedisException e) {
            // Nothing settled and nothing held: a 503 makes the gateway send it again.
            metrics.notification("unavailable", System.nanoTime() - started);
            throw e;
        }
        // Held means stored in Redis: the gateway may stop sending it.
        metrics.notification(outcome.held() ? "held" : "accepted", System.nanoTime() - started);
        answer(ctx, 200, new NotificationAck("SUCCESS", "OK"));
    }

    /** The gateway's expected acknowledgement of a notification. Immutable. */
    record NotificationAck(String code, String message) {
    }
}
