package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The sandbox's misbehaviour settings, read and changed at {@code GET/PUT /sandbox/knobs}, from
 * {@code SandboxGateway#updateKnobs} or from the command line. Rates are probabilities from 0 to
 * 1, rolled per request or per event with the gateway's seeded dice; delays are milliseconds
 * from 0 to 600000.
 *
 * <p>Immutable and thread-safe.
 *
 * @param latencyMs added before every {@code /v1} answer
 * @param declineRate share of pay-code charges that fail with {@code PAYERROR}, and of customer
 *     payments ({@code /sandbox/pay}) that are refused
 * @param timeoutRate share of {@code /v1} requests that are processed but answered only after
 *     {@link #timeoutDelayMs()}: the caller times out without knowing the outcome (R11)
 * @param timeoutDelayMs how late a "timed-out" answer comes
 * @param dropNotifyRate share of notification events whose first delivery attempt is silently
 *     lost; the retry schedule still delivers them later
 * @param dropNotifyPermanently when {@code true}, a dropped event is never delivered at all: only
 *     a query finds the payment (R23)
 * @param duplicateNotifyRate share of delivered notifications that are delivered a second time
 * @param latePayRate share of customer payments ({@code /sandbox/pay}) that happen
 *     {@link #latePayDelayMs()} later than asked
 * @param latePayDelayMs how much later a late customer pays (default 35 s: after the till gave up, R24)
 * @param confirmDelayMs how long a customer takes to confirm a pay-code ending in 0000 (default 3 s)
 * @param refundTimeouts how many of the next refund requests ({@code POST /v1/refunds}) are processed
 *     but answered only after {@link #timeoutDelayMs()}, each one counting down by one (default 0):
 *     "the refund call times out once" is 1 (issue 12, returns)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Knobs(
        @JsonProperty("latency_ms") long latencyMs,
        @JsonProperty("decline_rate") double declineRate,
        @JsonProperty("timeout_rate") double timeoutRate,
        @JsonProperty("timeout_delay_ms") long timeoutDelayMs,
        @JsonProperty("drop_notify_rate") double dropNotifyRate,
        @JsonProperty("drop_notify_permanently") boolean dropNotifyPermanently,
        @JsonProperty("duplicate_notify_rate") double duplicateNotifyRate,
        @JsonProperty("late_pay_rate") double latePayRate,
        @JsonProperty("late_pay_delay_ms") long latePayDelayMs,
        @JsonProperty("confirm_delay_ms") long confirmDelayMs,
        @JsonProperty("refund_timeouts") int refundTimeouts) {

    /** The longest delay any knob accepts: ten minutes. */
    public static final long MAX_DELAY_MS = 600_000;

    private static final Knobs DEFAULTS = new Knobs(0, 0, 0, 10_000, 0, false, 0, 0, 35_000, 3_000, 0);

    /**
     * Checks every value.
     *
     * @param latencyMs added before every {@code /v1} answer
     * @param declineRate share of declined payments
     * @param timeoutRate share of answers delayed like a gateway timeout
     * @param timeoutDelayMs how late a timed-out answer comes
     * @param dropNotifyRate share of events whose first attempt is lost
     * @param dropNotifyPermanently whether dropped events are never delivered
     * @param duplicateNotifyRate share of notifications delivered twice
     * @param latePayRate share of customers paying late
     * @param latePayDelayMs how much later they pay
     * @param confirmDelayMs how long a 0000 pay-code takes to confirm
     * @throws IllegalArgumentException naming the knob and the value when one is out of range
     */
    public Knobs {
        requireDelay("latency_ms", latencyMs);
        requireRate("decline_rate", declineRate);
        requireRate("timeout_rate", timeoutRate);
        requireDelay("timeout_delay_ms", timeoutDelayMs);
        requireRate("drop_notify_rate", dropNotifyRate);
        requireRate("duplicate_notify_rate", duplicateNotifyRate);
        requireRate("late_pay_rate", latePayRate);
        requireDelay("late_pay_delay_ms", latePayDelayMs);
        requireDelay("confirm_delay_ms", confirmDelayMs);
        if (refundTimeouts < 0 || refundTimeouts > 1_000) {
            throw new IllegalArgumentException("refund_timeouts must be between 0 and 1000, was " + refundTimeouts);
        }
    }

    /** The knobs without {@code refund_timeouts} (0), as before it existed. */
    public Knobs(long latencyMs, double declineRate, double timeoutRate, long timeoutDelayMs, double dropNotifyRate,
            boolean dropNotifyPermanently, double duplicateNotifyRate, double latePayRate, long latePayDelayMs,
            long confirmDelayMs) {
        this(latencyMs, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, 0);
    }

    /**
     * The well-behaved gateway: no latency, nothing declined, dropped, duplicated or late;
     * timeout delay 10 s, late-pay delay 35 s, confirm delay 3 s.
     *
     * @return the default knobs
     */
    public static Knobs defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a copy with another {@code latency_ms}.
     *
     * @param value the new {@code latency_ms}
     * @return a copy with it
     */
    public Knobs withLatencyMs(long value) {
        return new Knobs(value, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code decline_rate}.
     *
     * @param value the new {@code decline_rate}
     * @return a copy with it
     */
    public Knobs withDeclineRate(double value) {
        return new Knobs(latencyMs, value, timeoutRate, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code timeout_rate}.
     *
     * @param value the new {@code timeout_rate}
     * @return a copy with it
     */
    public Knobs withTimeoutRate(double value) {
        return new Knobs(latencyMs, declineRate, value, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code timeout_delay_ms}.
     *
     * @param value the new {@code timeout_delay_ms}
     * @return a copy with it
     */
    public Knobs withTimeoutDelayMs(long value) {
        return new Knobs(latencyMs, declineRate, timeoutRate, value, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code drop_notify_rate}.
     *
     * @param value the new {@code drop_notify_rate}
     * @return a copy with it
     */
    public Knobs withDropNotifyRate(double value) {
        return new Knobs(latencyMs, declineRate, timeoutRate, timeoutDelayMs, value, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code drop_notify_permanently}.
     *
     * @param value the new {@code drop_notify_permanently}
     * @return a copy with it
     */
    public Knobs withDropNotifyPermanently(boolean value) {
        return new Knobs(latencyMs, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate, value,
                duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code duplicate_notify_rate}.
     *
     * @param value the new {@code duplicate_notify_rate}
     * @return a copy with it
     */
    public Knobs withDuplicateNotifyRate(double value) {
        return new Knobs(latencyMs, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                value, latePayRate, latePayDelayMs, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code late_pay_rate}.
     *
     * @param value the new {@code late_pay_rate}
     * @return a copy with it
     */
    public Knobs withLatePayRate(double value) {
        return new Knobs(latencyMs, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, value, latePayDelayMs, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code late_pay_delay_ms}.
     *
     * @param value the new {@code late_pay_delay_ms}
     * @return a copy with it
     */
    public Knobs withLatePayDelayMs(long value) {
        return new Knobs(latencyMs, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, value, confirmDelayMs, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code confirm_delay_ms}.
     *
     * @param value the new {@code confirm_delay_ms}
     * @return a copy with it
     */
    public Knobs withConfirmDelayMs(long value) {
        return new Knobs(latencyMs, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, latePayDelayMs, value, refundTimeouts);
    }

    /**
     * Returns a copy with another {@code refund_timeouts}.
     *
     * @param value how many of the next refund requests time out
     * @return a copy with it
     */
    public Knobs withRefundTimeouts(int value) {
        return new Knobs(latencyMs, declineRate, timeoutRate, timeoutDelayMs, dropNotifyRate, dropNotifyPermanently,
                duplicateNotifyRate, latePayRate, latePayDelayMs, confirmDelayMs, value);
    }

    private static void requireRate(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }

    private static void requireDelay(String name, long value) {
        if (value < 0 || value > MAX_DELAY_MS) {
            throw new IllegalArgumentException(name + " must be between 0 and " + MAX_DELAY_MS + " ms, was " + value);
        }
    }
}
