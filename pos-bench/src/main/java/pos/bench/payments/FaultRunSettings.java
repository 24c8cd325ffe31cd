package pos.bench.payments;

import java.time.Duration;
import java.util.Objects;

/**
 * How big a {@link PaymentsFaultRun} is, how badly the gateway behaves, and which faults hit the
 * store's servers when. Immutable. {@link #full()} is the full size; {@link #small()} the
 * test's.
 *
 * @param payments           sales paid by QR or pay-code (each with one attempt, or two when the first fails)
 * @param tills              tills selling at once, each a thread with its own journal and connections
 * @param qrShare            share of payment attempts by QR (the rest by pay-code)
 * @param timeoutRate        the gateway's {@code timeout_rate} knob: requests processed but answered too late (R11)
 * @param dropNotifyRate     the gateway's {@code drop_notify_rate} knob: first notification attempts lost (R22, R23)
 * @param latePayRate        the gateway's {@code late_pay_rate} knob: customers who pay around or after the till gives up (R24)
 * @param neverPayRate       share of QR customers who never pay (R24)
 * @param payCodeMix         shares of the pay-code scenarios {@code 0000} (confirm on the phone), {@code 9999} (never
 *                           confirms: reversal) and {@code 1111} (not enough balance); the rest pays at once
 * @param retryShare         share of failed first attempts paid again once (the rest cancel the sale)
 * @param qrTimeout          R24: the till gives up a QR payment after this (30 s; shorter in the test)
 * @param firstQueryAfter    R23: the hub (or the till) queries the gateway after this
 * @param payCodeGiveUpAfter a pay-code payment not final after this is reversed (45 s)
 * @param lateWatchFor       a given-up QR payment is watched this long for late money
 * @param gatewayTimeout     the tills' gateway request timeout; the {@code timeout_delay_ms} knob is 1.5 times it
 * @param customerDelayMs    a QR customer pays between these milliseconds after the code is shown
 * @param faults             what happens to the hub, Redis and MariaDB
 * @param pendingThreshold   R11's T on the hub; the final check: nothing pending older than this
 * @param reconcileEvery     R11's P2 on the hub
 * @param monitorEvery       R12: how often the hub measures its queues
 * @param archiveBacklogAlert R12: the hub alerts when more sales than this wait to be archived
 * @param mariaDbDownAlert   R12: the hub alerts when MariaDB has not answered for this long
 * @param settleTimeout      the longest the run waits at the end for everything to settle
 * @param latencySamples     payments per path (pub/sub, poll) measured after the fault run; 0 for none
 * @param seed               seed of the tills' and the gateway's dice
 * @param secured            issue 10: Redis TLS-only with the ACL users of {@link pos.contract.redis.RedisAcl} (tills log
 *                           in as {@code pos-till}, the hub as {@code pos-hub}), the hub on HTTPS with a key store the
 *                           run makes, tills with their own credentials (HTTP and stream signatures) and the hub's
 *                           result key, so tills verify signed results
 * @param protocol           issue 13: the wire protocol the sandbox gateway speaks, one of {@link #PROTOCOLS}:
 *                           {@code sandbox} (its own), {@code wechatpay-v3} or {@code alipay}; for a real protocol the
 *                           hub and the tills reach it through that provider's adapter and its official SDK, and the
 *                           sales are in CNY (the only currency those providers take)
 */
public record FaultRunSettings(int payments, int tills, double qrShare, double timeoutRate, double dropNotifyRate,
        double latePayRate, double neverPayRate, PayCodeMix payCodeMix, double retryShare, Duration qrTimeout,
        Duration firstQueryAfter, Duration payCodeGiveUpAfter, Duration lateWatchFor, Duration gatewayTimeout,
        int[] customerDelayMs, Faults faults, Duration pendingThreshold, Duration reconcileEvery, Duration monitorEvery,
        long archiveBacklogAlert, Duration mariaDbDownAlert, Duration settleTimeout, int latencySamples, long seed,
        boolean secured, String protocol) {

    /** The sandbox gateway's own protocol (the default). */
    public static final String SANDBOX = "sandbox";
    /** WeChat Pay API v3, spoken by the sandbox's wechatpay-v3 face. */
    public static final String WECHATPAY_V3 = "wechatpay-v3";
    /** Alipay's open API (face-to-face), spoken by the sandbox's alipay face. */
    public static final String ALIPAY = "alipay";
    /** The protocols a fault run can speak. */
    public static final java.util.List<String> PROTOCOLS = java.util.List.of(SANDBOX, WECHATPAY_V3, ALIPAY);

    /**
     * Shares of the pay-code scenarios, chosen by the auth code's last four digits. Immutable.
     *
     * @param confirmLater {@code …0000}: USERPAYING, confirmed on the phone after a moment
     * @param neverConfirm {@code …9999}: USERPAYING for ever: the till reverses
     * @param notEnough    {@code …1111}: NOTENOUGH, nothing charged
     */
    public record PayCodeMix(double confirmLater, double neverConfirm, double notEnough) {
        public PayCodeMix {
            rate("confirmLater", confirmLater);
            rate("neverConfirm", neverConfirm);
            rate("notEnough", notEnough);
            if (confirmLater + neverConfirm + notEnough > 1.0) {
                throw new IllegalArgumentException("pay-code shares add up to more than 1: " + (confirmLater + neverConfirm
                        + notEnough));
            }
        }
    }

    /**
     * The faults, each at a share of the sales done (0..1; negative: not at all). Immutable.
     *
     * @param hubKillAt      the hub is SIGKILLed when this share of sales is done...
     * @param hubDownFor     ...and started again (same port, same consumer name) after this
     * @param redisRestartAt Redis is stopped when this share is done...
     * @param redisDownFor   ...and started again after this
     * @param mariaDbStopAt  MariaDB is stopped when this share is done...
     * @param mariaDbDownFor ...for this long
     */
    public record Faults(double hubKillAt, Duration hubDownFor, double redisRestartAt, Duration redisDownFor,
            double mariaDbStopAt, Duration mariaDbDownFor) {
        public Faults {
            Objects.requireNonNull(hubDownFor, "hubDownFor");
            Objects.requireNonNull(redisDownFor, "redisDownFor");
            Objects.requireNonNull(mariaDbDownFor, "mariaDbDownFor");
            if (hubKillAt > 1 || redisRestartAt > 1 || mariaDbStopAt > 1) {
                throw new IllegalArgumentException("faults happen at a share of the sales, at most 1: hub " + hubKillAt
                        + ", redis " + redisRestartAt + ", mariadb " + mariaDbStopAt);
            }
        }

        /** No faults at all. */
        public static Faults none() {
            return new Faults(-1, Duration.ZERO, -1, Duration.ZERO, -1, Duration.ZERO);
        }
    }

    public FaultRunSettings {
        if (payments < 1 || tills < 1) {
            throw new IllegalArgumentException("a fault run needs at least one payment and one till: " + payments + ", "
                    + tills);
        }
        rate("qrShare", qrShare);
        rate("timeoutRate", timeoutRate);
        rate("dropNotifyRate", dropNotifyRate);
        rate("latePayRate", latePayRate);
        rate("neverPayRate", neverPayRate);
        rate("retryShare", retryShare);
        Objects.requireNonNull(payCodeMix, "payCodeMix");
        Objects.requireNonNull(faults, "faults");
        for (Duration d : new Duration[] {qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
            pendingThreshold, reconcileEvery, monitorEvery, mariaDbDownAlert, settleTimeout}) {
            Objects.requireNonNull(d, "a duration");
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("durations must be positive: " + d);
            }
        }
        if (customerDelayMs == null || customerDelayMs.length != 2 || customerDelayMs[0] < 0
                || customerDelayMs[1] <= customerDelayMs[0]) {
            throw new IllegalArgumentException("customerDelayMs must be {min, max} with 0 <= min < max");
        }
        customerDelayMs = customerDelayMs.clone();
        if (latencySamples < 0) {
            throw new IllegalArgumentException("latencySamples must not be negative: " + latencySamples);
        }
        if (!PROTOCOLS.contains(protocol)) {
            throw new IllegalArgumentException("protocol must be one of " + String.join(", ", PROTOCOLS) + ", was '"
                    + protocol + "'");
        }
    }

    /** Settings of a run against the sandbox's own protocol. */
    public FaultRunSettings(int payments, int tills, double qrShare, double timeoutRate, double dropNotifyRate,
            double latePayRate, double neverPayRate, PayCodeMix payCodeMix, double retryShare, Duration qrTimeout,
            Duration firstQueryAfter, Duration payCodeGiveUpAfter, Duration lateWatchFor, Duration gatewayTimeout,
            int[] customerDelayMs, Faults faults, Duration pendingThreshold, Duration reconcileEvery, Duration monitorEvery,
            long archiveBacklogAlert, Duration mariaDbDownAlert, Duration settleTimeout, int latencySamples, long seed,
            boolean secured) {
        this(payments, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate, payCodeMix, retryShare,
                qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout, customerDelayMs, faults,
                pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert, mariaDbDownAlert, settleTimeout,
                latencySamples, seed, secured, SANDBOX);
    }

    /** Settings of a plain (not {@link #secured()}) run. */
    public FaultRunSettings(int payments, int tills, double qrShare, double timeoutRate, double dropNotifyRate,
            double latePayRate, double neverPayRate, PayCodeMix payCodeMix, double retryShare, Duration qrTimeout,
            Duration firstQueryAfter, Duration payCodeGiveUpAfter, Duration lateWatchFor, Duration gatewayTimeout,
            int[] customerDelayMs, Faults faults, Duration pendingThreshold, Duration reconcileEvery, Duration monitorEvery,
            long archiveBacklogAlert, Duration mariaDbDownAlert, Duration settleTimeout, int latencySamples, long seed) {
        this(payments, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate, payCodeMix, retryShare,
                qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout, customerDelayMs, faults,
                pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert, mariaDbDownAlert, settleTimeout,
                latencySamples, seed, false);
    }

    @Override
    public int[] customerDelayMs() {
        return customerDelayMs.clone();
    }

    /**
     * The full size: 2,000 payments across 4 tills, 10 % gateway timeouts, 5 % dropped
     * notifications, some customers paying after the till gave up; the hub SIGKILLed and restarted
     * once, Redis restarted once, MariaDB stopped for 30 s; the documented R22–R24 durations.
     */
    public static FaultRunSettings full() {
        return new FaultRunSettings(2_000, 4, 0.6, 0.10, 0.05, 0.03, 0.02, new PayCodeMix(0.10, 0.02, 0.05), 0.6,
                Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(45), Duration.ofSeconds(60),
                Duration.ofSeconds(2), new int[] {100, 800},
                new Faults(0.20, Duration.ofSeconds(5), 0.40, Duration.ofSeconds(3), 0.60, Duration.ofSeconds(30)),
                Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(1), 20, Duration.ofSeconds(10),
                Duration.ofMinutes(5), 200, 20_261_122L);
    }

    /**
     * The test's size: the same faults and knobs on 120 payments across 4 tills, QR timeout 6 s,
     * MariaDB stopped for 10 s, no latency phase.
     */
    public static FaultRunSettings small() {
        return new FaultRunSettings(120, 4, 0.6, 0.10, 0.05, 0.06, 0.04, new PayCodeMix(0.12, 0.06, 0.06), 0.6,
                Duration.ofSeconds(6), Duration.ofSeconds(3), Duration.ofSeconds(6), Duration.ofSeconds(10),
                Duration.ofMillis(1_000), new int[] {100, 700},
                new Faults(0.15, Duration.ofSeconds(2), 0.35, Duration.ofSeconds(2), 0.50, Duration.ofSeconds(10)),
                Duration.ofSeconds(15), Duration.ofSeconds(2), Duration.ofSeconds(1), 5, Duration.ofSeconds(3),
                Duration.ofSeconds(60), 0, 20_261_122L);
    }

    public FaultRunSettings withPayments(int value) {
        return new FaultRunSettings(value, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate,
                payCodeMix, retryShare, qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
                customerDelayMs, faults, pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert,
                mariaDbDownAlert, settleTimeout, latencySamples, seed, secured, protocol);
    }

    public FaultRunSettings withTills(int value) {
        return new FaultRunSettings(payments, value, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate,
                payCodeMix, retryShare, qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
                customerDelayMs, faults, pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert,
                mariaDbDownAlert, settleTimeout, latencySamples, seed, secured, protocol);
    }

    public FaultRunSettings withQrTimeout(Duration value) {
        return new FaultRunSettings(payments, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate,
                payCodeMix, retryShare, value, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
                customerDelayMs, faults, pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert,
                mariaDbDownAlert, settleTimeout, latencySamples, seed, secured, protocol);
    }

    public FaultRunSettings withFaults(Faults value) {
        return new FaultRunSettings(payments, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate,
                payCodeMix, retryShare, qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
                customerDelayMs, value, pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert,
                mariaDbDownAlert, settleTimeout, latencySamples, seed, secured, protocol);
    }

    public FaultRunSettings withLatencySamples(int value) {
        return new FaultRunSettings(payments, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate,
                payCodeMix, retryShare, qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
                customerDelayMs, faults, pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert,
                mariaDbDownAlert, settleTimeout, value, seed, secured, protocol);
    }

    public FaultRunSettings withSeed(long value) {
        return new FaultRunSettings(payments, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate,
                payCodeMix, retryShare, qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
                customerDelayMs, faults, pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert,
                mariaDbDownAlert, settleTimeout, latencySamples, value, secured, protocol);
    }

    /** These settings with Redis TLS and ACL users, the hub on HTTPS, till credentials and signed results ({@link #secured()}). */
    public FaultRunSettings withSecured(boolean value) {
        return new FaultRunSettings(payments, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate,
                payCodeMix, retryShare, qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
                customerDelayMs, faults, pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert,
                mariaDbDownAlert, settleTimeout, latencySamples, seed, value, protocol);
    }

    /** These settings against the sandbox speaking {@code value} (one of {@link #PROTOCOLS}). */
    public FaultRunSettings withProtocol(String value) {
        return new FaultRunSettings(payments, tills, qrShare, timeoutRate, dropNotifyRate, latePayRate, neverPayRate,
                payCodeMix, retryShare, qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout,
                customerDelayMs, faults, pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert,
                mariaDbDownAlert, settleTimeout, latencySamples, seed, secured, value);
    }

    /**
     * These settings with every QR customer paying in time: no customer who never pays (not even a till's scripted
     * first sale) and none paying late, so no QR order is given up on purpose. For a short run against a provider
     * that owes a close minutes after the order (WeChat Pay: 5 minutes), which a given-up order would have to wait for.
     */
    public FaultRunSettings withoutGiveUps() {
        return new FaultRunSettings(payments, tills, qrShare, timeoutRate, dropNotifyRate, 0, 0, payCodeMix, retryShare,
                qrTimeout, firstQueryAfter, payCodeGiveUpAfter, lateWatchFor, gatewayTimeout, customerDelayMs, faults,
                pendingThreshold, reconcileEvery, monitorEvery, archiveBacklogAlert, mariaDbDownAlert, settleTimeout,
                latencySamples, seed, secured, protocol);
    }

    /** The payment provider the hub and the tills are configured with: {@code sandbox}, {@code wechatpay} or {@code alipay}. */
    public String provider() {
        return pos.gateway.provider.PaymentProviders.normalise(protocol);
    }

    /** The sales' currency: CNY for a real provider's protocol (WeChat Pay and Alipay take nothing else), else EUR. */
    public String currency() {
        return SANDBOX.equals(protocol) ? "EUR" : "CNY";
    }

    private static void rate(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
