package pos.hub;

import static pos.hub.HttpAnswers.ANSWERED;
import static pos.hub.HttpAnswers.answer;

import io.javalin.Javalin;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.TransactionIds;
import pos.contract.hub.CustomerPaymentAnswer;
import pos.contract.hub.PaymentStatusAnswer;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.StoredOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.hub.http.HttpGuard;

/**
 * GET /payments/{tx}: a payment's status for the tills' poll and the customer's side (R3, R17, R22, R23); only
 * a result this hub signed is an answer, and a customer gets the status only. Thread-safe.
 */
final class PaymentRoutes {

    private static final Logger log = LoggerFactory.getLogger(PaymentRoutes.class);

    private final HubSettings settings;
    private final PaymentSettler settler;
    private final RedisPendingPayments pending;
    private final GatewayQueries queries;
    private final Clock clock;

    PaymentRoutes(HubSettings settings, PaymentSettler settler, RedisPendingPayments pending, GatewayQueries queries, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.settler = Objects.requireNonNull(settler, "settler");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.get("/payments/{tx}", this::status);
    }
    private void status(Context ctx) {
        // The customer's side may be a page served elsewhere (R3, R17): CORS for --allow-origin only (HttpGuard).
        ctx.header("Cache-Control", "no-store");
        boolean full = HttpGuard.callerOf(ctx).trusted();
        String tx = ctx.pathParam("tx");
        if (!TransactionIds.isTransactionId(tx)) {
            throw new HttpProblem(400, "bad_transaction_id", "'" + TransactionIds.printable(tx)
                    + "' is not a transaction id (6-32 characters of 0-9 A-Z a-z _ - | *)");
        }
        // Only a result this hub signed is an answer: anything else in Redis may have been written by anyone.
        Optional<PaymentResult> result = settler.trustedResult(tx);
        if (result.isPresent() && result.get().status().isFinal()) {
            answer(ctx, 200, full ? PaymentStatusAnswer.of(result.get()) : CustomerPaymentAnswer.of(result.get()));
            return;
        }
        Optional<StoredOrder> order = pending.order(tx);
        if (result.isEmpty() && order.isEmpty()) {
            throw new HttpProblem(404, "unknown_payment", "no payment " + tx + " is known to the store");
        }
        if (order.isPresent() && Duration.between(order.get().createdAt(), clock.instant()).compareTo(settings.queryAfter()) >= 0) {
            // R23: no final state yet and old enough: ask the gateway, once however many ask at the same moment.
            CompletableFuture<GatewayQueries.Outcome> flight = queries.ask(tx, GatewayQueries.Trigger.STATUS,
                    order.get().createdAt());
            try {
                if (flight.get(settings.queryWait().toMillis(), TimeUnit.MILLISECONDS) == GatewayQueries.Outcome.ANSWERED) {
                    result = settler.trustedResult(tx);
                }
            } catch (TimeoutException e) {
                log.debug("Payment {}: the gateway query takes longer than {} ms; answering from Redis", tx,
                        settings.queryWait().toMillis());
            } catch (ExecutionException e) {
                throw new IllegalStateException("gateway flight for " + tx + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpProblem(503, "stopping", "the hub is stopping; ask again shortly");
            }
        }
        PaymentResult answered = result.orElseGet(() -> {
            StoredOrder o = order.orElseThrow();
            return new PaymentResult(tx, PaymentStatus.PENDING, o.amountMinor(), o.currency(), o.method(), null, o.createdAt());
        });
        answer(ctx, 200, full ? PaymentStatusAnswer.of(answered) : CustomerPaymentAnswer.of(answered));
    }
}
