package pos.sync.pay;

import java.net.URI;
import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How the till's payment desk waits, polls and gives up. Immutable.
 *
 * @param qrTimeout              R24: a QR payment with no final state after this is given up and closed (30 s)
 * @param firstQueryAfter        R23: with no final state after this, the status is asked of the hub (which
 *                               queries the gateway) or, with no hub, of the gateway itself (5 s)
 * @param pollEvery              R22: the fallback poll of the result while waiting (2 s)
 * @param payCodeFirstQueryAfter the first query of a pay-code payment in USERPAYING (5 s)
 * @param payCodeQueryEvery      the following queries (3 s)
 * @param payCodeGiveUpAfter     a pay-code payment not final after this is reversed (45 s)
 * @param retryEvery             how often an owed close, reversal, refund or Redis write is tried again (2 s)
 * @param lateWatchFor           how long a given-up QR payment is still watched for late money (10 min)
 * @param lateQueryEvery         how often the gateway is asked about a given-up payment meanwhile (15 s)
 * @param latePaymentPolicy      what to do with late money ({@link LatePaymentPolicy#REFUND} by default)
 * @param notifyUrl              where the gateway notifies results: the store hub's notify receiver
 * @param hubBaseUrl             the store hub, for {@code GET /payments/{tx}} (R22, R23); null when the till
 *                               has no hub (then it queries the gateway itself after {@code firstQueryAfter})
 * @param hubTimeout             the longest a hub status request may take (2 s)
 * @param maxAmountMinor         the largest amount the basic pre-check lets through, in minor units
 * @param tickEvery              how often the desk looks at its sessions' clocks (200 ms); the resolution of every
 *                               duration above
 * @param hubPublicKey           the store hub's result key ({@link pos.contract.pay.ResultSignature}): a result read
 *                               from Redis or the hub counts only with its signature and the order's amount; null:
 *                               the till trusts only its own gateway calls
 */
public record PaymentSettings(Duration qrTimeout, Duration firstQueryAfter, Duration pollEvery,
        Duration payCodeFirstQueryAfter, Duration payCodeQueryEvery, Duration payCodeGiveUpAfter, Duration retryEvery,
        Duration lateWatchFor, Duration lateQueryEvery, LatePaymentPolicy latePaymentPolicy, String notifyUrl,
        URI hubBaseUrl, Duration hubTimeout, long maxAmountMinor, Duration tickEvery, PublicKey hubPublicKey) {

    /** R24. */
    public static final Duration DEFAULT_QR_TIMEOUT = Duration.ofSeconds(30);
    /** R23. */
    public static final Duration DEFAULT_FIRST_QUERY_AFTER = Duration.ofSeconds(5);
    /** R22. */
    public static final Duration DEFAULT_POLL_EVERY = Duration.ofSeconds(2);
    /** The basic pre-check's ceiling until the rule base (R13, R14) takes over: 50,000.00. */
    public static final long DEFAULT_MAX_AMOUNT_MINOR = 5_000_000;

    public PaymentSettings {
        positive(qrTimeout, "qrTimeout");
        positive(firstQueryAfter, "firstQueryAfter");
        positive(pollEvery, "pollEvery");
        positive(payCodeFirstQueryAfter, "payCodeFirstQueryAfter");
        positive(payCodeQueryEvery, "payCodeQueryEvery");
        positive(payCodeGiveUpAfter, "payCodeGiveUpAfter");
        positive(retryEvery, "retryEvery");
        positive(lateWatchFor, "lateWatchFor");
        positive(lateQueryEvery, "lateQueryEvery");
        positive(hubTimeout, "hubTimeout");
        positive(tickEvery, "tickEvery");
        Objects.requireNonNull(latePaymentPolicy, "latePaymentPolicy");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
        if (maxAmountMinor < 1) {
            throw new IllegalArgumentException("maxAmountMinor must be positive: " + maxAmountMinor);
        }
        if (hubBaseUrl != null && !String.valueOf(hubBaseUrl.getScheme()).matches("https?")) {
            throw new IllegalArgumentException("not an http(s) hub URL: '" + hubBaseUrl + "'");
        }
    }

    private static void positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
    }

    /** The documented defaults (R22–R24, the gateways' pay-code schedule), refunding late money. */
    public static PaymentSettings defaults(String notifyUrl, URI hubBaseUrl) {
        return new PaymentSettings(DEFAULT_QR_TIMEOUT, DEFAULT_FIRST_QUERY_AFTER, DEFAULT_POLL_EVERY, Duration.ofSeconds(5),
                Duration.ofSeconds(3), Duration.ofSeconds(45), Duration.ofSeconds(2), Duration.ofMinutes(10),
                Duration.ofSeconds(15), LatePaymentPolicy.REFUND, notifyUrl, hubBaseUrl, Duration.ofSeconds(2),
                DEFAULT_MAX_AMOUNT_MINOR, Duration.ofMillis(200), null);
    }

    public PaymentSettings withQrTimeout(Duration value) {
        return new PaymentSettings(value, firstQueryAfter, pollEvery, payCodeFirstQueryAfter, payCodeQueryEvery,
                payCodeGiveUpAfter, retryEvery, lateWatchFor, lateQueryEvery, latePaymentPolicy, notifyUrl, hubBaseUrl,
                hubTimeout, maxAmountMinor, tickEvery, hubPublicKey);
    }

    public PaymentSettings withPolling(Duration firstQuery, Duration poll) {
        return new PaymentSettings(qrTimeout, firstQuery, poll, payCodeFirstQueryAfter, payCodeQueryEvery,
                payCodeGiveUpAfter, retryEvery, lateWatchFor, lateQueryEvery, latePaymentPolicy, notifyUrl, hubBaseUrl,
                hubTimeout, maxAmountMinor, tickEvery, hubPublicKey);
    }

    public PaymentSettings withPayCodeSchedule(Duration firstQuery, Duration every, Duration giveUpAfter) {
        return new PaymentSettings(qrTimeout, firstQueryAfter, pollEvery, firstQuery, every, giveUpAfter, retryEvery,
                lateWatchFor, lateQueryEvery, latePaymentPolicy, notifyUrl, hubBaseUrl, hubTimeout, maxAmountMinor,
                tickEvery, hubPublicKey);
    }

    public PaymentSettings withRetryEvery(Duration value) {
        return new PaymentSettings(qrTimeout, firstQueryAfter, pollEvery, payCodeFirstQueryAfter, payCodeQueryEvery,
                payCodeGiveUpAfter, value, lateWatchFor, lateQueryEvery, latePaymentPolicy, notifyUrl, hubBaseUrl,
                hubTimeout, maxAmountMinor, tickEvery, hubPublicKey);
    }

    public PaymentSettings withLateWatch(Duration watchFor, Duration queryEvery, LatePaymentPolicy policy) {
        return new PaymentSettings(qrTimeout, firstQueryAfter, pollEvery, payCodeFirstQueryAfter, payCodeQueryEvery,
                payCodeGiveUpAfter, retryEvery, watchFor, queryEvery, policy, notifyUrl, hubBaseUrl, hubTimeout,
                maxAmountMinor, tickEvery, hubPublicKey);
    }

    public PaymentSettings withHub(URI value) {
        return new PaymentSettings(qrTimeout, firstQueryAfter, pollEvery, payCodeFirstQueryAfter, payCodeQueryEvery,
                payCodeGiveUpAfter, retryEvery, lateWatchFor, lateQueryEvery, latePaymentPolicy, notifyUrl, value,
                hubTimeout, maxAmountMinor, tickEvery, hubPublicKey);
    }

    public PaymentSettings withMaxAmountMinor(long value) {
        return new PaymentSettings(qrTimeout, firstQueryAfter, pollEvery, payCodeFirstQueryAfter, payCodeQueryEvery,
                payCodeGiveUpAfter, retryEvery, lateWatchFor, lateQueryEvery, latePaymentPolicy, notifyUrl, hubBaseUrl,
                hubTimeout, value, tickEvery, hubPublicKey);
    }

    public PaymentSettings withTickEvery(Duration value) {
        return new PaymentSettings(qrTimeout, firstQueryAfter, pollEvery, payCodeFirstQueryAfter, payCodeQueryEvery,
                payCodeGiveUpAfter, retryEvery, lateWatchFor, lateQueryEvery, latePaymentPolicy, notifyUrl, hubBaseUrl,
                hubTimeout, maxAmountMinor, value, hubPublicKey);
    }

    /** The store hub's result key; null: the till trusts only its own gateway calls. */
    public PaymentSettings withHubPublicKey(PublicKey value) {
        return new PaymentSettings(qrTimeout, firstQueryAfter, pollEvery, payCodeFirstQueryAfter, payCodeQueryEvery,
                payCodeGiveUpAfter, retryEvery, lateWatchFor, lateQueryEvery, latePaymentPolicy, notifyUrl, hubBaseUrl,
                hubTimeout, maxAmountMinor, tickEvery, value);
    }
}
