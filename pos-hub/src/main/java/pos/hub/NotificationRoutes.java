package pos.hub;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.redis.UnableToReachRedisException;
import pos.core.pay.NotificationRefusedException;
import pos.core.pay.PaymentNotice;
import pos.core.pay.PaymentNotifications;
import pos.core.pay.PaymentStatus;
import pos.hub.http.SlowBodyGate;

/**
 * POST /notify/{provider}: a payment provider's asynchronous notification (R8, R17). The provider's
 * {@link PaymentNotifications} proves its origin and reads it; this route only settles it. A notification for another
 * amount or currency than the order's is held, never settled (issue 10). Each provider is answered the way it
 * documents (HTTP status and body), so it stops retrying exactly when the notification was taken. No provider code
 * lives here. Thread-safe.
 */
final class NotificationRoutes {

    private static final Logger log = LoggerFactory.getLogger(NotificationRoutes.class);
    /** Refused notifications logged without letting a hostile caller flood the log. */
    private static final pos.hub.http.RefusalLog notificationRefusals = new pos.hub.http.RefusalLog(log, Clock.systemUTC());

    private final Map<String, PaymentNotifications> providers;
    private final PaymentSettler settler;
    private final HubMetrics metrics;
    private final SlowBodyGate bodies;

    NotificationRoutes(List<PaymentNotifications> providers, PaymentSettler settler, HubMetrics metrics,
            SlowBodyGate bodies) {
        Map<String, PaymentNotifications> byName = new LinkedHashMap<>();
        for (PaymentNotifications p : providers) {
            if (byName.putIfAbsent(p.provider(), p) != null) {
                throw new IllegalArgumentException("two notification readers for provider '" + p.provider() + "'");
            }
        }
        this.providers = Map.copyOf(byName);
        this.settler = Objects.requireNonNull(settler, "settler");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.bodies = Objects.requireNonNull(bodies, "bodies");
    }

    /** Adds one route per provider to {@code javalin}. */
    void register(Javalin javalin) {
        providers.forEach((name, provider) -> javalin.post("/notify/" + name, ctx -> notification(ctx, provider)));
    }

    /** The providers whose notifications this hub takes, by route name. */
    java.util.Set<String> providers() {
        return providers.keySet();
    }

    private void notification(Context ctx, PaymentNotifications provider) {
        long started = System.nanoTime();
        byte[] body = bodies.read(ctx.req(), HubHttp.MAX_BODY_BYTES);
        Optional<PaymentNotice> read;
        try {
            read = provider.read(ctx::header, ctx.contentType(), body);
        } catch (NotificationRefusedException e) {
            if (e.isOriginUnproven()) {
                metrics.notification("bad_signature", System.nanoTime() - started);
                notificationRefusals.refused(ctx.ip(), "notification", () -> "Refused a " + provider.provider()
                        + " notification from " + ctx.ip() + ": " + e.getMessage());
                reply(ctx, provider.refused(401, "bad_signature", e.getMessage()));
            } else {
                metrics.notification("malformed", System.nanoTime() - started);
                log.warn("Refused a signed but malformed {} notification from {}: {}", provider.provider(), ctx.ip(),
                        e.getMessage());
                reply(ctx, provider.refused(400, "malformed", e.getMessage()));
            }
            return;
        }
        if (read.isEmpty()) {
            metrics.notification("ignored", System.nanoTime() - started);
            reply(ctx, provider.accepted()); // proven, but about no payment state: taken, so it is not sent again
            return;
        }
        PaymentNotice notice = read.get();
        String tx = notice.outTradeNo();
        PaymentSettler.ClaimOutcome outcome;
        try {
            Optional<PaymentSettler.Facts> known = settler.facts(tx);
            if (known.isEmpty()) {
                log.warn("{} notification {} for payment {} that Redis has no order for; recording it as a QR payment",
                        provider.provider(), notice.noticeId(), tx);
            }
            // Issue 10: a notification for another amount or currency than the order's is held, never settled.
            outcome = settler.settleOrHold(tx, new HeldPayments.Claim("notification", notice.noticeId(),
                    notice.status(), notice.amountMinor(), notice.currency()),
                    notice.status() == PaymentStatus.FAILED ? notice.providerState() : null, known, "notification");
        } catch (UnableToReachRedisException e) {
            // Nothing settled and nothing held: the provider sends it again on anything but its acknowledgement.
            metrics.notification("unavailable", System.nanoTime() - started);
            throw e;
        }
        // Held means stored in Redis: the provider may stop sending it.
        metrics.notification(outcome.held() ? "held" : "accepted", System.nanoTime() - started);
        reply(ctx, provider.accepted());
    }

    private static void reply(Context ctx, PaymentNotifications.Reply reply) {
        ctx.status(reply.status());
        if (reply.contentType() != null) {
            ctx.contentType(reply.contentType());
        }
        ctx.result(reply.body());
    }
}
