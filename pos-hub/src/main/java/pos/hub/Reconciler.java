package pos.hub;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.pay.PendingPayment;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.redis.UnableToReachRedisException;

/**
 * R11's second periodic job: every P2 ({@link HubSettings#reconcileEvery()}), the payments pending
 * for longer than T ({@link HubSettings#pendingThreshold()}), oldest first and at most
 * {@link HubSettings#reconcileBatch()} of them, are asked about at the gateway (in parallel on the
 * hub's gateway threads) and driven to a final state: SUCCESS, CLOSED, REVOKED, REFUNDED or
 * FAILED through the compare-and-set; an unpaid order past its expiry is closed, never before the provider's
 * documented earliest close or reversal ({@link GatewayQueries}). A final payment
 * leaves the pending queue; a gateway timeout is simply asked again next period. Thread-safe
 * ({@link #runOnce()} runs on the hub's scheduler thread).
 */
final class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final RedisPendingPayments pending;
    private final GatewayQueries queries;
    private final HubSettings settings;
    private final Clock clock;
    private String lastFailure; // scheduler thread only

    Reconciler(RedisPendingPayments pending, GatewayQueries queries, HubSettings settings, Clock clock) {
        this.pending = Objects.requireNonNull(pending, "pending");
        this.queries = Objects.requireNonNull(queries, "queries");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** One round; never throws (a scheduled task that throws is never run again). */
    void runOnce() {
        try {
            round();
            if (lastFailure != null) {
                log.info("Reconciler works again (after: {})", lastFailure);
                lastFailure = null;
            }
        } catch (UnableToReachRedisException e) {
            if (!e.getMessage().equals(lastFailure)) {
                log.warn("Reconciler round skipped: {}; trying again in {} ms", e.getMessage(),
                        settings.reconcileEvery().toMillis());
                lastFailure = e.getMessage();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            log.error("Reconciler round failed; trying again in {} ms", settings.reconcileEvery().toMillis(), e);
            lastFailure = String.valueOf(e.getMessage());
        }
    }

    private void round() throws InterruptedException {
        Instant cutoff = clock.instant().minus(settings.pendingThreshold());
        List<PendingPayment> due = pending.olderThan(cutoff, settings.reconcileBatch());
        if (due.isEmpty()) {
            return;
        }
        List<CompletableFuture<GatewayQueries.Outcome>> flights = new ArrayList<>(due.size());
        for (PendingPayment payment : due) {
            flights.add(queries.ask(payment.transactionId(), GatewayQueries.Trigger.RECONCILE, payment.pendingSince()));
        }
        Map<GatewayQueries.Outcome, Integer> counts = new EnumMap<>(GatewayQueries.Outcome.class);
        long deadline = System.nanoTime() + settings.reconcileEvery().multipliedBy(3).plusSeconds(30).toNanos();
        for (CompletableFuture<GatewayQueries.Outcome> flight : flights) {
            GatewayQueries.Outcome outcome;
            try {
                outcome = flight.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                outcome = GatewayQueries.Outcome.FAILED; // still running; it records its answer when it comes
            } catch (ExecutionException e) {
                throw new IllegalStateException("a gateway flight completed exceptionally", e.getCause());
            }
            counts.merge(outcome, 1, Integer::sum);
        }
        log.info("Reconciler: {} payments pending for over {} s: {}", due.size(), settings.pendingThreshold().toSeconds(),
                counts);
    }
}
