package pos.hub;

import io.lettuce.core.SetArgs;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.GatewayException;
import pos.core.pay.GatewayRefusedException;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.GatewayUnreachableException;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentStatus;
import pos.core.pay.Refusal;
import pos.contract.pay.ResultUpdate;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;

/**
 * Asks the gateway about payments for the status API (R23) and the reconciler (R11), at most once
 * at a time per payment in this hub (single flight: concurrent askers share one call and its
 * answer) and at most once per {@code queryInterval} across all hubs (a short Redis
 * {@code SET NX PX} lock per payment, left to expire rather than released, so it also spaces
 * repeated polls out). The answer is recorded through {@link PaymentSettler} (compare-and-set,
 * never backwards).
 *
 * <p>For the reconciler, an order still unpaid past {@code orderExpiry} is closed (a close that
 * finds it paid records SUCCESS), a pay-code payment still waiting for the customer is reversed,
 * and an order the gateway never heard of is recorded CLOSED. Gateway timeouts and unreachable
 * gateways are logged and left for the next round (R11). Thread-safe.
 *
 * <p>The provider's documented timing is honoured here too (the hub closes what a till could not, after a till
 * crash): no close before {@link PaymentGateway#closeNotBefore} of the order's creation, no reversal before
 * {@link PaymentGateway#reverseNotBefore} of the charge. The hub knows only the payment's first attempt
 * ({@code pendingSince}); a till sends its create or charge no later than {@link #SENT_WITHIN} after it, so a
 * provider with a documented delay is counted from there (a provider without one is closed at once).
 */
final class GatewayQueries {

    /** Why the gateway is asked. */
    enum Trigger {
        /** A client asked for the status of an open order at least 5 s old (R23). */
        STATUS("status"),
        /** The reconciler found the payment pending for longer than T (R11). */
        RECONCILE("reconcile");

        final String label;

        Trigger(String label) {
            this.label = label;
        }
    }

    /** What one flight did. */
    enum Outcome {
        /** The gateway answered and the answer was recorded. */
        ANSWERED,
        /** Another flight (this hub's or another's) asked recently: nothing sent. */
        SKIPPED,
        /** The gateway could not be asked or did not answer: retried later. */
        FAILED
    }

    private static final Logger log = LoggerFactory.getLogger(GatewayQueries.class);
    /** The gateway's "no such order" codes: the sandbox's and WeChat Pay's, Alipay's, older spellings. */
    private static final Set<String> NOT_FOUND_CODES = Set.of("ORDER_NOT_EXIST", "ORDERNOTEXIST", "NOT_FOUND",
            "ACQ.TRADE_NOT_EXIST");
    /**
     * The longest a till takes from a payment's first attempt to its last create or charge request: its R24 wait (30 s
     * for a QR order, 45 s for a pay-code by default) with room to spare. Only for providers with a documented delay.
     */
    static final Duration SENT_WITHIN = Duration.ofSeconds(60);

    private final PaymentGateway gateway;
    private final PaymentSettler settler;
    private final RedisLink redis;
    private final HubSettings settings;
    private final Executor executor;
    private final Clock clock;
    private final HubMetrics metrics;
    private final String hubName;
    private final ConcurrentMap<String, CompletableFuture<Outcome>> inFlight = new ConcurrentHashMap<>();
    private final Set<String> factless = ConcurrentHashMap.newKeySet();

    GatewayQueries(PaymentGateway gateway, PaymentSettler settler, RedisLink redis, HubSettings settings, Executor executor,
            Clock clock, HubMetrics metrics) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.settler = Objects.requireNonNull(settler, "settler");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.hubName = settings.archiver().consumerName();
    }

    /**
     * Asks the gateway about {@code transactionId} on the hub's gateway threads, or joins the
     * flight already under way for it. The future never completes exceptionally.
     *
     * @param pendingSince the payment's first attempt (the reconciler's decisions on expiry)
     */
    CompletableFuture<Outcome> ask(String transactionId, Trigger trigger, Instant pendingSince) {
        CompletableFuture<Outcome> mine = new CompletableFuture<>();
        CompletableFuture<Outcome> running = inFlight.putIfAbsent(transactionId, mine);
        if (running != null) {
            return running;
        }
        try {
            executor.execute(() -> {
                try {
                    mine.complete(fly(transactionId, trigger, pendingSince));
                } catch (UnableToReachRedisException e) {
                    log.warn("Gateway query of payment {} ({}) not recorded: {}", transactionId, trigger.label, e.getMessage());
                    mine.complete(Outcome.FAILED);
                } catch (RuntimeException | Error e) {
                    log.error("Gateway query of payment {} ({}) failed unexpectedly", transactionId, trigger.label, e);
                    mine.complete(Outcome.FAILED);
                } finally {
                    inFlight.remove(transactionId, mine);
                }
            });
        } catch (RejectedExecutionException e) {
            inFlight.remove(transactionId, mine);
            log.warn("Gateway query of payment {} ({}) not started: the hub's gateway threads are busy or stopped",
                    transactionId, trigger.label);
            mine.complete(Outcome.FAILED);
        }
        return mine;
    }

    private Outcome fly(String tx, Trigger trigger, Instant pendingSince) {
        if (!takeLock(tx)) {
            log.debug("Payment {}: gateway asked recently; not asking again ({})", tx, trigger.label);
            return Outcome.SKIPPED;
        }
        Optional<PaymentSettler.Facts> facts = settler.facts(tx);
        if (facts.isEmpty()) {
            // Said once per payment (per hub process), not every period: the pending-age alert keeps it visible.
            if (factless.size() < 10_000 && factless.add(tx)) {
                log.error("Payment {}: Redis has neither its order nor a result, so a gateway answer could not be recorded"
                        + " (the amount is unknown); it stays pending until the till writes its order again", tx);
            }
            return Outcome.FAILED;
        }
        try {
            GatewayAnswer answer = call(tx, trigger, "query", () -> gateway.query(tx));
            boolean expired = trigger == Trigger.RECONCILE
                    && Duration.between(pendingSince, clock.instant()).compareTo(settings.orderExpiry()) >= 0;
            Instant now = clock.instant();
            if (expired && answer.status() == PaymentStatus.PENDING && now.isBefore(closeNotBefore(pendingSince))) {
                log.debug("Payment {} is unpaid but the gateway takes no close before {}; asking again next period", tx,
                        closeNotBefore(pendingSince));
            } else if (expired && answer.status() == PaymentStatus.USERPAYING
                    && now.isBefore(reverseNotBefore(pendingSince))) {
                log.debug("Payment {} still waits for the customer but the gateway takes no reversal before {}; asking "
                        + "again next period", tx, reverseNotBefore(pendingSince));
            } else if (expired && answer.status() == PaymentStatus.PENDING) {
                log.info("Payment {} is unpaid {} s after its first attempt: closing the order at the gateway", tx,
                        Duration.between(pendingSince, clock.instant()).toSeconds());
                answer = call(tx, trigger, "close", () -> gateway.close(tx));
            } else if (expired && answer.status() == PaymentStatus.USERPAYING) {
                log.info("Payment {} still waits for the customer {} s after its first attempt: reversing it", tx,
                        Duration.between(pendingSince, clock.instant()).toSeconds());
                answer = call(tx, trigger, "reverse", () -> gateway.reverse(tx));
            }
            String source = trigger == Trigger.STATUS ? "status query" : "reconciler";
            if (answer.amountMinor() != null && answer.status() != PaymentStatus.PENDING) {
                // Issue 10: an answer for another amount or currency than the order's is held, never settled.
                PaymentSettler.ClaimOutcome claim = settler.settleOrHold(tx, new HeldPayments.Claim("gateway " + operation(
                        trigger), answer.gatewayTradeNo(), answer.status(), answer.amountMinor(), answer.currency()),
                        answer.reasonCode(), facts, source);
                if (claim.held()) {
                    return Outcome.ANSWERED;
                }
                log.debug("Payment {}: gateway says {}, board holds {}", tx, answer.status(), claim.update().stored().status());
                return Outcome.ANSWERED;
            }
            ResultUpdate update = settler.settle(tx, answer.status(), answer.reasonCode(), facts.get(), source);
            log.debug("Payment {}: gateway says {}, board holds {}", tx, answer.status(), update.stored().status());
            return Outcome.ANSWERED;
        } catch (GatewayRefusedException e) {
            boolean expired = Duration.between(pendingSince, clock.instant()).compareTo(settings.orderExpiry()) >= 0;
            if (trigger == Trigger.RECONCILE && expired && isUnknownOrder(e)) {
                // The till's request never reached the gateway: nothing can be paid any more.
                log.warn("Payment {}: the gateway at {} has no such order {} s after the first attempt; recording CLOSED",
                        tx, settings.gatewayUrl(), Duration.between(pendingSince, clock.instant()).toSeconds());
                settler.settle(tx, PaymentStatus.CLOSED, e.code(), facts.get(), "reconciler");
                return Outcome.ANSWERED;
            }
            log.warn("Payment {}: the gateway refused the {}: {} {}", tx, trigger.label, e.code(), e.getMessage());
            return Outcome.FAILED;
        } catch (GatewayException e) {
            log.warn("Payment {}: {}; asking again {}", tx, e.getMessage(),
                    trigger == Trigger.RECONCILE ? "next period (R11)" : "on a later request");
            return Outcome.FAILED;
        }
    }

    private static String operation(Trigger trigger) {
        return trigger == Trigger.STATUS ? "answer to a status query" : "answer to the reconciler";
    }

    /** A bare old code or a {@link Refusal} ({@code OTHER:ORDER_NOT_EXIST}): the provider's own code decides. */
    private static boolean isUnknownOrder(GatewayRefusedException e) {
        return Refusal.parse(e.code()).flatMap(Refusal::provider).filter(NOT_FOUND_CODES::contains).isPresent();
    }

    /** The earliest close of an order whose payment was first attempted at {@code pendingSince}. */
    private Instant closeNotBefore(Instant pendingSince) {
        Instant atOnce = gateway.closeNotBefore(pendingSince);
        return atOnce.isAfter(pendingSince) ? gateway.closeNotBefore(pendingSince.plus(SENT_WITHIN)) : atOnce;
    }

    /** The earliest reversal of a charge whose payment was first attempted at {@code pendingSince}. */
    private Instant reverseNotBefore(Instant pendingSince) {
        Instant atOnce = gateway.reverseNotBefore(pendingSince);
        return atOnce.isAfter(pendingSince) ? gateway.reverseNotBefore(pendingSince.plus(SENT_WITHIN)) : atOnce;
    }

    private GatewayAnswer call(String tx, Trigger trigger, String operation, Supplier<GatewayAnswer> request) {
        try {
            GatewayAnswer answer = request.get();
            metrics.gatewayCall(trigger.label, operation + "_answered");
            return answer;
        } catch (GatewayTimeoutException e) {
            metrics.gatewayCall(trigger.label, operation + "_timeout");
            throw e;
        } catch (GatewayUnreachableException e) {
            metrics.gatewayCall(trigger.label, operation + "_unreachable");
            throw e;
        } catch (GatewayRefusedException e) {
            metrics.gatewayCall(trigger.label, operation + "_refused");
            throw e;
        } catch (GatewayException e) {
            metrics.gatewayCall(trigger.label, operation + "_failed");
            throw e;
        }
    }

    /** SET lock NX PX queryInterval: true when this hub may ask now. */
    private boolean takeLock(String tx) {
        try {
            String reply = redis.get().sync().set(settings.queryLockKey(tx), hubName,
                    SetArgs.Builder.nx().px(settings.queryInterval().toMillis()));
            return "OK".equals(reply);
        } catch (RuntimeException e) {
            throw redis.failed(e);
        }
    }
}
