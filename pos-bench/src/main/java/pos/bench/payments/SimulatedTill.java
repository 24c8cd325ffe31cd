package pos.bench.payments;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.pay.ResultBoard;
import pos.core.sale.Sale;
import pos.core.sale.SaleRecord;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.journal.JournalEntry;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.pay.LatePaymentPolicy;
import pos.sync.pay.PaymentSettings;
import pos.sync.pay.PendingQueue;
import pos.sync.pay.TillPaymentDesk;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisConnections;

/**
 * One till of a fault run, wired like the app wires it: its own SQLite journal in its own data
 * directory, a {@link SyncService} handing sales to Redis (no archiver: the hub archives), its own
 * Redis connections, result board and pending queue, a gateway client and a
 * {@link TillPaymentDesk} that knows the hub. {@link #sell} rings up one sale and pays it by QR or
 * pay-code like a clerk would: a paid attempt completes the sale with a QR / PAY_CODE tender
 * referencing the attempt's transaction id and journals it; a failed one is paid again once or the
 * sale is cancelled. Thread-safe for one selling thread plus the desk's and customers' threads.
 */
final class SimulatedTill implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SimulatedTill.class);
    private static final TaxClass STANDARD = new TaxClass("STD", 1_900);
    private static final TaxClass REDUCED = new TaxClass("RED", 700);
    private static final Duration FINAL_STATE_MARGIN = Duration.ofSeconds(90);

    private final String tillId;
    private final FaultRunSettings settings;
    private final RunStats stats;
    private final SandboxCustomer customer;
    private final ScheduledExecutorService customers;
    private final Random dice;
    private final Clock clock = Clock.systemUTC();
    private final TransactionId.Generator ids = new TransactionId.Generator(clock);
    private final SqliteSaleJournal journal;
    private final SyncService sync;
    private final RedisConnections redis;
    private final RedisResultBoard board;
    private final RedisPendingPayments pending;
    private final ScheduledExecutorService deskThreads;
    private final TillPaymentDesk desk;
    private final PaymentProvider provider;
    private final Currency currency;
    private String scriptedSuffix; // the selling thread only
    private final AtomicInteger saleNo = new AtomicInteger();
    private final int tillNo;

    /**
     * @param hints false for a till whose result board never delivers pub/sub hints (the poll path, R22)
     */
    /** One credential per simulated till for the whole run (the hub reads them from the file the run writes). */
    private static final java.util.Map<String, pos.contract.auth.TillCredential> CREDENTIALS =
            new java.util.concurrent.ConcurrentHashMap<>();

    static pos.contract.auth.TillCredential credential(String tillId) {
        return CREDENTIALS.computeIfAbsent(tillId, id -> pos.contract.auth.TillCredential.issue(id,
                new java.security.SecureRandom()));
    }

    /**
     * What a till of a secured run is configured with (issue 10): its Redis login ({@code pos-till}, the Redis CA), the
     * trust in the store CA for the hub's HTTPS, and the hub's result key. Immutable.
     */
    record Secured(pos.contract.redis.RedisSettings redis, javax.net.ssl.SSLContext hubTrust,
            java.security.PublicKey hubPublicKey) {
        Secured {
            java.util.Objects.requireNonNull(redis, "redis");
            java.util.Objects.requireNonNull(hubTrust, "hubTrust");
            java.util.Objects.requireNonNull(hubPublicKey, "hubPublicKey");
        }
    }

    SimulatedTill(String tillId, FaultRunSettings settings, Path dataDir, String redisUri, URI gatewayUri, URI hubUri,
            RunStats stats, SandboxCustomer customer, ScheduledExecutorService customers, long seed, boolean hints) {
        this(tillId, settings, dataDir, redisUri, gatewayUri, null, hubUri, stats, customer, customers, seed, hints, null);
    }

    /**
     * @param credentialsDir the merchant's credential files for {@link FaultRunSettings#provider()} (issue 13: the
     *                       sandbox face writes them); null for the sandbox's own protocol
     * @param secured        the till's Redis login, hub trust and hub key; null for a plain run
     */
    SimulatedTill(String tillId, FaultRunSettings settings, Path dataDir, String redisUri, URI gatewayUri,
            Path credentialsDir, URI hubUri, RunStats stats, SandboxCustomer customer, ScheduledExecutorService customers,
            long seed, boolean hints, Secured secured) {
        this.tillId = tillId;
        this.tillNo = Integer.parseInt(tillId.replaceAll("\\D", "").isEmpty() ? "0" : tillId.replaceAll("\\D", ""));
        this.settings = settings;
        this.stats = stats;
        this.customer = customer;
        this.customers = customers;
        this.dice = new Random(seed);
        this.currency = Currency.getInstance(settings.currency());
        this.journal = SqliteSaleJournal.open(dataDir);
        SyncSettings syncSettings = SyncSettings.standalone(tillId).withRedis(redisUri)
                .withSigner(pos.sync.auth.StreamSigner.of(credential(tillId)));
        if (secured != null) {
            syncSettings = syncSettings.withRedisSettings(secured.redis());
        }
        this.sync = new SyncService(syncSettings, journal);
        this.redis = secured == null ? RedisConnections.create(redisUri) : RedisConnections.create(redisUri, secured.redis());
        this.board = new RedisResultBoard(redis);
        this.pending = new RedisPendingPayments(redis);
        // Issue 13: the gateway is made as the till's Wiring makes it, from the configured provider: the sandbox's own
        // client, or WeChat Pay's / Alipay's adapter on its official SDK reading the credential files the face wrote.
        String notifyUrl = hubUri.resolve("notify/" + settings.provider()).toString();
        this.provider = PaymentProviders.open(new ProviderSettings(settings.provider(), gatewayUri, credentialsDir, Map.of(),
                notifyUrl, settings.gatewayTimeout(), SandboxPaymentGateway.DEFAULT_ORDER_EXPIRY, null));
        PaymentGateway gateway = provider.gateway();
        PaymentSettings payments = PaymentSettings.defaults(notifyUrl, hubUri)
                .withQrTimeout(settings.qrTimeout())
                .withPolling(settings.firstQueryAfter(), PaymentSettings.DEFAULT_POLL_EVERY)
                .withPayCodeSchedule(Duration.ofMillis(Math.min(5_000, settings.payCodeGiveUpAfter().toMillis() / 4)),
                        Duration.ofMillis(Math.min(3_000, settings.payCodeGiveUpAfter().toMillis() / 6)),
                        settings.payCodeGiveUpAfter())
                .withRetryEvery(Duration.ofMillis(Math.min(2_000, settings.gatewayTimeout().toMillis())))
                .withLateWatch(settings.lateWatchFor(), Duration.ofMillis(Math.max(1_000, settings.lateWatchFor().toMillis() / 5)),
                        LatePaymentPolicy.REFUND);
        if (secured != null) {
            payments = payments.withHubPublicKey(secured.hubPublicKey());
        }
        AtomicInteger threadNo = new AtomicInteger();
        this.deskThreads = Executors.newScheduledThreadPool(4, r -> {
            Thread t = new Thread(r, tillId + "-desk-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ResultBoard usedBoard = hints ? board : new HintlessBoard(board);
        this.desk = secured == null
                ? new TillPaymentDesk(payments, new CountingGateway(gateway, stats), journal, usedBoard,
                        PendingQueue.of(pending), clock, deskThreads)
                // Issue 10: the till asks the hub over HTTPS with its own credential, trusting the store CA only.
                : new TillPaymentDesk(payments, new CountingGateway(gateway, stats), journal, usedBoard,
                        PendingQueue.of(pending), clock, deskThreads, null,
                        new pos.sync.hub.HubClient(hubUri, credential(tillId), secured.hubTrust(), payments.hubTimeout()));
        desk.onLatePayment(late -> stats.count("late money " + late.outcome().name().toLowerCase(Locale.ROOT)));
    }

    void start() {
        sync.start();
        desk.start();
    }

    String tillId() {
        return tillId;
    }

    SqliteSaleJournal journal() {
        return journal;
    }

    TillPaymentDesk desk() {
        return desk;
    }

    /**
     * The longest the provider wants a till to wait before it closes an order or reverses a charge (WeChat Pay: no
     * close within 5 minutes of the order, no reversal within 15 s of the charge; zero for the sandbox and Alipay).
     */
    Duration owedDelay() {
        java.time.Instant now = clock.instant();
        PaymentGateway gateway = provider.gateway();
        Duration close = Duration.between(now, gateway.closeNotBefore(now));
        Duration reverse = Duration.between(now, gateway.reverseNotBefore(now));
        Duration longest = close.compareTo(reverse) >= 0 ? close : reverse;
        return longest.isNegative() ? Duration.ZERO : longest;
    }

    /**
     * One sale, paid (one or two attempts) or cancelled, journaled. So that every run, however
     * small, has each of the slow scenarios at least once, a till's first sale is scripted by its
     * number: a QR customer who never pays (R24), a pay-code that is never confirmed (reversal),
     * one confirmed on the phone (USERPAYING), one without enough balance; the rest is dice.
     */
    void sell() throws InterruptedException {
        Sale sale = ringUp();
        sale.beginTender();
        boolean first = saleNo.get() == 1;
        PaymentMethod method = dice.nextDouble() < settings.qrShare() ? PaymentMethod.QR_SHOWN : PaymentMethod.PAY_CODE;
        boolean neverPays = dice.nextDouble() < settings.neverPayRate();
        scriptedSuffix = null;
        if (first) {
            switch (tillNo % 4) {
                case 1 -> {
                    // A run without never-paying customers (FaultRunSettings#withoutGiveUps) has no scripted one either.
                    method = PaymentMethod.QR_SHOWN;
                    neverPays = settings.neverPayRate() > 0;
                }
                case 2 -> scriptedSuffix = "9999";
                case 3 -> scriptedSuffix = "0000";
                default -> scriptedSuffix = "1111";
            }
            if (scriptedSuffix != null) {
                method = PaymentMethod.PAY_CODE;
            }
        }
        Attempt firstAttempt = attempt(sale, method, method == PaymentMethod.QR_SHOWN && neverPays, customerDelay());
        scriptedSuffix = null;
        Attempt paid = firstAttempt.state() == State.PAID ? firstAttempt : null;
        if (paid == null && dice.nextDouble() < settings.retryShare()) {
            stats.count("sales paid again");
            method = dice.nextDouble() < settings.qrShare() ? PaymentMethod.QR_SHOWN : PaymentMethod.PAY_CODE;
            boolean secondNeverPays = dice.nextDouble() < settings.neverPayRate();
            Attempt second = attempt(sale, method, method == PaymentMethod.QR_SHOWN && secondNeverPays, customerDelay());
            paid = second.state() == State.PAID ? second : null;
        }
        if (paid != null) {
            sale.payInFull(paid.method() == PaymentMethod.QR_SHOWN ? TenderType.QR : TenderType.PAY_CODE,
                    paid.order().outTradeNo(), clock.instant());
            stats.count("sales paid");
        } else {
            sale.cancel(clock.instant());
            stats.count("sales cancelled");
        }
        if (!journal.append(SaleRecord.of(sale, tillId))) {
            stats.problem("till " + tillId + ": sale " + sale.id() + " was journaled twice");
        }
        stats.saleDone();
    }

    /**
     * A QR payment the customer pays at once, for the latency figures: from just before the
     * customer's payment to the session's PAID.
     *
     * @return the sample, or empty when it did not end PAID (counted as a problem)
     */
    Optional<LatencySample> payForLatency() throws InterruptedException {
        // The customer scans a moment after the code shows, so the poll path's wait is not always a whole period.
        long delayMs = dice.nextInt((int) PaymentSettings.DEFAULT_POLL_EVERY.toMillis());
        Sale sale = ringUp();
        sale.beginTender();
        PaymentOrder order = order(sale, PaymentMethod.QR_SHOWN);
        CompletableFuture<Long> paidAt = new CompletableFuture<>();
        CompletableFuture<Long> customerPaidAt = new CompletableFuture<>();
        AtomicBoolean acted = new AtomicBoolean();
        PaymentSession session = desk.startQr(order);
        Consumer<State> listener = state -> {
            if (state == State.WAITING_FOR_CUSTOMER && acted.compareAndSet(false, true)) {
                String codeUrl = session.qrOrder().orElseThrow().codeUrl();
                schedule(() -> {
                    long before = System.nanoTime();
                    customerPaidAt.complete(before);
                    try {
                        customer.pays(codeUrl);
                    } catch (RuntimeException e) {
                        stats.problem("latency payment " + order.outTradeNo() + ": " + e.getMessage());
                    }
                }, delayMs);
            } else if (state == State.PAID) {
                paidAt.complete(System.nanoTime());
            } else if (state.isFinal()) {
                paidAt.complete(-1L);
            }
        };
        try (AutoCloseable subscription = session.onChange(listener)) {
            listener.accept(session.state());
            long seen = await(paidAt, order, session);
            if (seen < 0) {
                stats.problem("latency payment " + order.outTradeNo() + " ended " + session.state());
                sale.cancel(clock.instant());
                journal.append(SaleRecord.of(sale, tillId));
                return Optional.empty();
            }
            sale.payInFull(TenderType.QR, order.outTradeNo(), clock.instant());
            journal.append(SaleRecord.of(sale, tillId));
            return Optional.of(new LatencySample(order.outTradeNo(), customerPaidAt.getNow(seen), seen));
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("latency payment " + order.outTradeNo() + " failed: " + e.getMessage(), e);
        }
    }

    /** One measured payment: nanoTime just before the customer paid, and when the till's session turned PAID. */
    record LatencySample(String transactionId, long customerPaidNanos, long tillPaidNanos) {
        long micros() {
            return (tillPaidNanos - customerPaidNanos) / 1_000;
        }
    }

    private record Attempt(PaymentOrder order, PaymentMethod method, State state) {
    }

    private Attempt attempt(Sale sale, PaymentMethod method, boolean neverPays, long delayMs) throws InterruptedException {
        PaymentOrder order = order(sale, method);
        String kind = method == PaymentMethod.QR_SHOWN ? "qr" : "pay-code";
        String authCode = method == PaymentMethod.PAY_CODE ? authCode() : null;
        long started = System.nanoTime();
        CompletableFuture<State> ended = new CompletableFuture<>();
        AtomicBoolean acted = new AtomicBoolean();
        PaymentSession session = method == PaymentMethod.QR_SHOWN ? desk.startQr(order) : desk.startPayCode(order, authCode);
        stats.count(kind + " attempts");
        Consumer<State> listener = state -> {
            if (state == State.WAITING_FOR_CUSTOMER && !neverPays && acted.compareAndSet(false, true)) {
                String codeUrl = session.qrOrder().orElseThrow().codeUrl();
                schedule(() -> customerPays(order, codeUrl), delayMs);
            }
            if (state.isFinal()) {
                ended.complete(state);
            }
        };
        if (neverPays) {
            stats.count("qr customers who never pay");
        }
        State end;
        try (AutoCloseable subscription = session.onChange(listener)) {
            listener.accept(session.state());
            end = awaitState(ended, order, session);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("till " + tillId + ": payment " + order.outTradeNo() + " failed: " + e.getMessage(), e);
        }
        stats.attemptTook((System.nanoTime() - started) / 1_000_000);
        stats.count(kind + " " + end.name().toLowerCase(Locale.ROOT).replace('_', ' '));
        if (end == State.PAID && method == PaymentMethod.QR_SHOWN && !clock.instant().isBefore(session.deadline())) {
            stats.count("qr paid only at or after the deadline (R24: the close found it paid)");
        }
        if (end == State.CANCELLED && method == PaymentMethod.PAY_CODE) {
            stats.count("pay-code reversals");
        }
        return new Attempt(order, method, end);
    }

    private void customerPays(PaymentOrder order, String codeUrl) {
        try {
            switch (customer.pays(codeUrl)) {
                case NOW -> stats.count("qr customers paid");
                case LATER -> {
                    stats.count("qr customers paying late (late_pay_rate knob)");
                    stats.latePay(order.outTradeNo());
                }
                case REFUSED -> stats.count("qr customers refused (order closed)");
            }
        } catch (RuntimeException e) {
            stats.problem("till " + tillId + ": the customer of " + order.outTradeNo() + " could not pay: " + e.getMessage());
        }
    }

    private void schedule(Runnable action, long delayMs) {
        try {
            customers.schedule(action, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            stats.problem("till " + tillId + ": the customers' executor refused a payment (run stopping?)");
        }
    }

    private State awaitState(CompletableFuture<State> ended, PaymentOrder order, PaymentSession session)
            throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), session.deadline()).plus(FINAL_STATE_MARGIN);
        try {
            return ended.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stats.problem("till " + tillId + ": payment " + order.outTradeNo() + " (" + order.method() + ") still "
                    + session.state() + " " + FINAL_STATE_MARGIN.toSeconds() + " s after its deadline");
            return session.state();
        } catch (ExecutionException e) {
            throw new IllegalStateException("payment " + order.outTradeNo() + ": the state listener failed", e.getCause());
        }
    }

    private long await(CompletableFuture<Long> paidAt, PaymentOrder order, PaymentSession session) throws InterruptedException {
        Duration wait = Duration.between(clock.instant(), session.deadline()).plus(FINAL_STATE_MARGIN);
        try {
            return paidAt.get(Math.max(1, wait.toMillis()), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            stats.problem("latency payment " + order.outTradeNo() + " still " + session.state() + " after its deadline");
            return -1;
        } catch (ExecutionException e) {
            throw new IllegalStateException("payment " + order.outTradeNo() + ": the state listener failed", e.getCause());
        }
    }

    private PaymentOrder order(Sale sale, PaymentMethod method) {
        return new PaymentOrder(ids.next(), tillId, method, sale.total(), "Bench store · " + tillId + " · "
                + sale.totals().itemCount() + " items", clock.instant());
    }

    private Sale ringUp() {
        Sale sale = new Sale(ids.next(), currency, clock.instant());
        int lines = 1 + dice.nextInt(3);
        for (int i = 0; i < lines; i++) {
            int item = dice.nextInt(40);
            long price = 50 + (item * 137L + saleNo.get() % 7) % 2_450; // 0.50 .. 25.00, never 0
            Product product = new Product("B" + item, null, "Bench item " + item, Money.ofMinor(price, currency),
                    item % 3 == 0 ? REDUCED : STANDARD, SaleUnit.PIECE, null, "BENCH");
            sale.addPieces(product, 1 + dice.nextInt(3));
        }
        saleNo.incrementAndGet();
        return sale;
    }

    /**
     * A pay-code in the provider's format whose last four digits pick the sandbox's scenario: WeChat's (and the
     * sandbox's) 18 digits from 13; for Alipay 18 digits from 28 (Alipay's are 16 to 24 digits starting 25 to 30).
     */
    private String authCode() {
        double roll = dice.nextDouble();
        FaultRunSettings.PayCodeMix mix = settings.payCodeMix();
        String suffix;
        if (scriptedSuffix != null) {
            suffix = scriptedSuffix;
            stats.count("pay-code scenario " + suffix + " (scripted first sale)");
        } else if (roll < mix.confirmLater()) {
            suffix = "0000";
            stats.count("pay-code scenario 0000 (confirm on the phone)");
        } else if (roll < mix.confirmLater() + mix.neverConfirm()) {
            suffix = "9999";
            stats.count("pay-code scenario 9999 (never confirms)");
        } else if (roll < mix.confirmLater() + mix.neverConfirm() + mix.notEnough()) {
            suffix = "1111";
            stats.count("pay-code scenario 1111 (not enough)");
        } else {
            int digits;
            do {
                digits = dice.nextInt(10_000);
            } while (digits == 0 || digits == 9_999 || digits == 1_111);
            suffix = String.format(Locale.ROOT, "%04d", digits);
        }
        StringBuilder code = new StringBuilder(PaymentProviders.ALIPAY.equals(settings.provider()) ? "28" : "13");
        for (int i = 0; i < 12; i++) {
            code.append(dice.nextInt(10));
        }
        return code.append(suffix).toString();
    }

    private long customerDelay() {
        int[] range = settings.customerDelayMs();
        return range[0] + dice.nextInt(range[1] - range[0]);
    }

    /** Stops the desk and sync, closes connections and the journal. */
    @Override
    public void close() {
        desk.close();
        deskThreads.shutdownNow();
        try {
            if (!deskThreads.awaitTermination(10, TimeUnit.SECONDS)) {
                log.warn("Till {}: desk threads still busy after 10 s", tillId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sync.stop();
        provider.close();
        board.close();
        pending.close();
        redis.close();
        journal.close();
    }

    /**
     * A result board that never delivers pub/sub hints (its watch is accepted and never fires), so
     * the till learns results only by its R22 poll: the poll path of the latency figures. Thread-safe.
     */
    private static final class HintlessBoard implements ResultBoard {
        private final ResultBoard board;

        HintlessBoard(ResultBoard board) {
            this.board = board;
        }

        @Override
        public Optional<PaymentResult> get(String transactionId) {
            return board.get(transactionId);
        }

        @Override
        public PaymentResult publish(PaymentResult result) {
            return board.publish(result);
        }

        @Override
        public AutoCloseable watch(String transactionId, Consumer<String> listener) {
            return () -> { };
        }
    }

    /** Every finished sale the journal holds, in append order. */
    static List<SaleRecord> finishedSales(SqliteSaleJournal journal) {
        List<SaleRecord> sales = new ArrayList<>();
        long after = 0;
        while (true) {
            List<JournalEntry> page = journal.readAfter(after, 1_000);
            if (page.isEmpty()) {
                return sales;
            }
            for (JournalEntry entry : page) {
                sales.add(SaleRecordJson.read(entry.payload()));
                after = entry.seq();
            }
        }
    }
}
