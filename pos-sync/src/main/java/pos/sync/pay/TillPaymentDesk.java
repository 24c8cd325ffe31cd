package pos.sync.pay;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.journal.JournalWriteException;
import pos.core.pay.CardCharge;
import pos.core.pay.PaymentDesk;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.pay.PaymentStatus;
import pos.core.pay.PreCheck;
import pos.core.pay.ResultBoard;
import pos.sync.card.CardRef;
import pos.sync.card.CardTokens;
import pos.sync.journal.PaymentEvent;
import pos.sync.journal.PaymentEventKind;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The till's {@link PaymentDesk} (R20): QR payments (R21–R24), pay-code and bank card payments through a
 * {@link PaymentGateway}, with the journal, the store's pending queue (R7, R8) and result board
 * (R17, R22) in Redis. Thread-safe; no public method blocks on the network.
 *
 * <p>A payment: {@link #preCheck} (basic: amount within {@link PaymentSettings#maxAmountMinor()};
 * the rule base of R13–R14 plugs in later) → {@code PAYMENT_PENDING} journaled durably on the
 * caller's thread (so a full disk refuses the payment before anything leaves the counter) → then
 * on the desk's executor: the pending entry in Redis (R7; with Redis down the desk goes on and
 * writes it when Redis is back) → the gateway (R16). The result is learnt at once from the result
 * board's pub/sub hint, else by the {@link PaymentSettings#pollEvery()} poll of the hub's status
 * API or the board (R22); from {@link PaymentSettings#firstQueryAfter()} the hub queries the
 * gateway when polled, or the till itself does when there is no reachable hub (R23); at the
 * deadline the till closes the order: "already paid" means PAID, otherwise TIMED_OUT (R24).
 * Pay-code: micropay, USERPAYING queried on the schedule, reversed (retried until answered) when
 * it never becomes final; an unclear answer is queried, never charged again under a new id.
 * Every step is journaled ({@link PaymentEventKind}) and published to the board; the transaction
 * id is the idempotency key everywhere.
 *
 * <p>Late money: a QR payment the till gave up on is watched for
 * {@link PaymentSettings#lateWatchFor()}; money found meanwhile is journaled, reported to the
 * {@linkplain #onLatePayment late-payment listeners} and refunded once (refund number "R" + the
 * transaction id) or kept, per {@link PaymentSettings#latePaymentPolicy()}.
 *
 * <p>Time: every deadline and poll is measured on the injected {@link Clock}; the desk looks at
 * its sessions every {@link PaymentSettings#tickEvery()} on the injected scheduler, which also
 * runs the sessions' steps. A test can drive time with a settable clock and {@link #tick()}.
 *
 * <p>Wiring (in the app, beside the journal and the sync service):
 * <pre>{@code
 * PaymentSettings settings = PaymentSettings.defaults("http://hub:8480/notify/sandbox", URI.create("http://hub:8480/"));
 * PaymentGateway gateway = new SandboxPaymentGateway(gatewayUrl, Duration.ofSeconds(5), Duration.ofSeconds(5),
 *         Duration.ofMinutes(2), settings.notifyUrl());
 * RedisConnections redis = RedisConnections.create("redis://hub:6379/0");
 * ScheduledExecutorService payThreads = Executors.newScheduledThreadPool(4);
 * CardTokens cardTokens = CardTokens.openIn(dataDir); // the till's card-token.key, made once (mode 600)
 * TillPaymentDesk desk = new TillPaymentDesk(settings, gateway, journal, new RedisResultBoard(redis),
 *         PendingQueue.of(new RedisPendingPayments(redis)), Clock.systemUTC(), payThreads, cardTokens);
 * CardSpending spending = new JournalCardSpending(journal, cardTokens, storeZone); // for the rule base (card_daily_limit)
 * PinKey pinKey = PinKey.fromText(pinKeySetting); // shared with the gateway; the card screen makes CardCharges with it
 * desk.onLatePayment(late -> UiThread.run(() -> statusBar.showLatePayment(late)));
 * desk.start(); // also takes up payments a restart interrupted
 * }</pre>
 */
public final class TillPaymentDesk implements PaymentDesk, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TillPaymentDesk.class);

    private final PaymentSettings settings;
    private final PaymentGateway gateway;
    private final SqliteSaleJournal journal;
    private final ResultBoard board;
    private final PendingQueue pending;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final pos.sync.hub.HubClient hub;
    private final java.util.concurrent.atomic.AtomicLong refusedResults = new java.util.concurrent.atomic.AtomicLong();
    private volatile CardTokens cardTokens; // opened on the first card payment unless given
    private final Map<String, TillPaymentSession> sessions = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<LatePayment>> lateListeners = new CopyOnWriteArrayList<>();
    private ScheduledFuture<?> ticker; // guarded by this
    private boolean closed; // guarded by this

    /**
     * A desk; {@link #start()} begins ticking. It does not own its collaborators: the caller
     * closes the journal, Redis and the scheduler.
     *
     * @param scheduler runs the ticks and every session's steps (gateway calls block a thread for up
     *                  to the gateway's timeout: give it a few threads)
     */
    public TillPaymentDesk(PaymentSettings settings, PaymentGateway gateway, SqliteSaleJournal journal, ResultBoard board,
            PendingQueue pending, Clock clock, ScheduledExecutorService scheduler) {
        this(settings, gateway, journal, board, pending, clock, scheduler, null);
    }

    /**
     * A desk that journals bank cards as tokens made with {@code cardTokens} (the same ones the
     * till's {@link pos.sync.card.JournalCardSpending} uses); null opens
     * {@link CardTokens#openIn the key in the journal's directory} on the first card payment.
     */
    public TillPaymentDesk(PaymentSettings settings, PaymentGateway gateway, SqliteSaleJournal journal, ResultBoard board,
            PendingQueue pending, Clock clock, ScheduledExecutorService scheduler, CardTokens cardTokens) {
        this(settings, gateway, journal, board, pending, clock, scheduler, cardTokens,
                settings.hubBaseUrl() == null ? null : new pos.sync.hub.HubClient(settings.hubBaseUrl(), null, null,
                        settings.hubTimeout()));
    }

    /** Like the constructor above, asking the hub through {@code hub} (with this till's credential and trust), or not at all when null. */
    public TillPaymentDesk(PaymentSettings settings, PaymentGateway gateway, SqliteSaleJournal journal, ResultBoard board,
            PendingQueue pending, Clock clock, ScheduledExecutorService scheduler, CardTokens cardTokens,
            pos.sync.hub.HubClient hub) {
        this.cardTokens = cardTokens;
        this.settings = Objects.requireNonNull(settings, "settings");
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.board = Objects.requireNonNull(board, "board");
        this.pending = Objects.requireNonNull(pending, "pending");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.hub = hub;
    }

    /**
     * Starts ticking and takes up the payments the journal holds unsettled from before a restart
     * ({@link #recoverPending()}). Once only.
     */
    public synchronized void start() {
        if (ticker != null || closed) {
            throw new IllegalStateException("the payment desk was already started or is closed");
        }
        if (settings.hubPublicKey() == null) {
            log.warn("No hub public key configured (pos.hub.publicKey): this till takes a payment as paid only from its own"
                    + " gateway calls; results in Redis and the hub's answers are not trusted");
        } else {
            log.info("Payment results from Redis and the hub count only with the hub's signature and the order's amount");
        }
        long period = settings.tickEvery().toMillis();
        ticker = scheduler.scheduleAtFixedRate(this::tickSafely, period, period, TimeUnit.MILLISECONDS);
        recoverPending();
    }

    @Override
    public PreCheck preCheck(PaymentOrder order) {
        Objects.requireNonNull(order, "order");
        List<PreCheck.Failure> failures = new ArrayList<>();
        if (order.amount().minorUnits() > settings.maxAmountMinor()) {
            failures.add(new PreCheck.Failure("pay.max_amount", "pay.precheck.amountTooHigh",
                    List.of(order.amount().minorUnits(), settings.maxAmountMinor(), order.amount().currency().getCurrencyCode()),
                    "amount"));
        }
        if (order.description().isBlank()) {
            failures.add(new PreCheck.Failure("pay.description", "pay.precheck.noDescription", List.of(), "description"));
        }
        return failures.isEmpty() ? PreCheck.ok() : new PreCheck(failures);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the order fails {@link #preCheck} or is not a QR order
     * @throws IllegalStateException    if the same transaction is already in progress on this desk
     * @throws JournalWriteException    if PENDING cannot be journaled: nothing was sent
     */
    @Override
    public PaymentSession startQr(PaymentOrder order) {
        return start(order, PaymentMethod.QR_SHOWN, null, null);
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if the order fails {@link #preCheck}, is not a pay-code order or the code is blank
     * @throws IllegalStateException    if the same transaction is already in progress on this desk
     * @throws JournalWriteException    if PENDING cannot be journaled: nothing was sent
     */
    @Override
    public PaymentSession startPayCode(PaymentOrder order, String authCode) {
        Objects.requireNonNull(authCode, "authCode");
        if (authCode.isBlank()) {
            throw new IllegalArgumentException("payment " + order.outTradeNo() + ": the pay-code is empty");
        }
        return start(order, PaymentMethod.PAY_CODE, authCode.strip(), null);
    }

    /**
     * {@inheritDoc}
     *
     * <p>The journal's events of this payment hold the card as {@link CardRef} only (masked
     * number, BIN, last four, the till's token); Redis and the gateway's notifications hold
     * nothing of it; the card number and the PIN block stay in memory until the session is final.
     * The session behaves like a pay-code's: an unclear charge is queried (never charged again
     * under a new id) and reversed if it never becomes final.
     *
     * @throws IllegalArgumentException if the order fails {@link #preCheck} or is not a bank card order
     * @throws IllegalStateException    if the same transaction is already in progress on this desk
     * @throws JournalWriteException    if PENDING cannot be journaled: nothing was sent
     * @throws pos.sync.card.UnableToReadCardKeyException if the till's card token key cannot be read
     */
    @Override
    public PaymentSession startCard(PaymentOrder order, CardCharge charge) {
        Objects.requireNonNull(charge, "charge");
        return start(order, PaymentMethod.BANK_CARD, null, charge);
    }

    private CardTokens cardTokens() {
        CardTokens tokens = cardTokens;
        if (tokens == null) {
            synchronized (this) {
                if (cardTokens == null) {
                    cardTokens = CardTokens.openIn(journal.file().getParent());
                }
                tokens = cardTokens;
            }
        }
        return tokens;
    }

    private PaymentSession start(PaymentOrder order, PaymentMethod method, String authCode, CardCharge charge) {
        Objects.requireNonNull(order, "order");
        if (order.method() != method) {
            throw new IllegalArgumentException("payment " + order.outTradeNo() + " is a " + order.method()
                    + " order, not " + method);
        }
        PreCheck check = preCheck(order);
        if (!check.passed()) {
            throw new IllegalArgumentException("payment " + order.outTradeNo() + " fails the pre-check: "
                    + check.failures().stream().map(PreCheck.Failure::keyword).toList());
        }
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("the payment desk is closed");
            }
        }
        CardRef card = charge == null ? null : cardTokens().refOf(charge.card());
        Instant now = now();
        Instant deadline = now.plus(method == PaymentMethod.QR_SHOWN ? settings.qrTimeout() : settings.payCodeGiveUpAfter());
        TillPaymentSession session = new TillPaymentSession(this, order, authCode, charge, card, now, deadline);
        if (sessions.putIfAbsent(order.outTradeNo(), session) != null) {
            throw new IllegalStateException("payment " + order.outTradeNo() + " is already in progress on this till");
        }
        boolean journaled;
        try {
            // R7: durable before anything leaves the counter.
            journaled = journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_PENDING, order,
                    PaymentStatus.PENDING, State.STARTING.name(), null, null, now, card));
        } catch (RuntimeException e) {
            sessions.remove(order.outTradeNo(), session);
            throw e;
        }
        if (!journaled) {
            sessions.remove(order.outTradeNo(), session);
            throw new IllegalStateException("payment " + order.outTradeNo() + " was already started on this till "
                    + "(the journal has it); a new attempt needs a new transaction id");
        }
        log.info("Payment {} ({} {}{}) started, deadline {}", order.outTradeNo(), method, order.amount(),
                card == null ? "" : ", card " + card.masked(), deadline);
        session.requestStep();
        return session;
    }

    /**
     * Registers a listener for money that arrived after the till gave up (the app shows "late
     * payment of X for sale Y"); called on a background thread.
     *
     * @return a handle that removes the listener
     */
    public AutoCloseable onLatePayment(Consumer<LatePayment> listener) {
        Objects.requireNonNull(listener, "listener");
        lateListeners.add(listener);
        return () -> lateListeners.remove(listener);
    }

    /**
     * Takes up the payments that the journal holds as started and not settled (a restart in the
     * middle of a payment): each is closed or reversed at the gateway (idempotent), and money found
     * is treated as late money (policy). A payment whose sale is journaled as finished, or whose
     * result was PAID, is only marked settled.
     *
     * @return the sessions taken up
     */
    public List<PaymentSession> recoverPending() {
        List<PaymentSession> recovered = new ArrayList<>();
        Instant now = now();
        for (PaymentEvent latest : journal.pendingPayments()) {
            String tx = latest.transactionId();
            if (sessions.containsKey(tx)) {
                continue;
            }
            boolean paid = latest.kind() == PaymentEventKind.PAYMENT_RESULT && latest.status() == PaymentStatus.SUCCESS
                    || journal.find(tx).isPresent();
            if (paid) {
                journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_SETTLED, latest.order(),
                        PaymentStatus.SUCCESS, State.PAID.name(), null, "recovered: paid", now, latest.card()));
                continue;
            }
            State shown = latest.kind() == PaymentEventKind.PAYMENT_RESULT && latest.state() != null
                    ? stateNamed(latest.state()) : State.TIMED_OUT;
            if (latest.kind() != PaymentEventKind.PAYMENT_RESULT) {
                journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_RESULT, latest.order(),
                        PaymentStatus.CLOSED, State.TIMED_OUT.name(), "TILL_RESTARTED", null, now, latest.card()));
            }
            TillPaymentSession session = TillPaymentSession.recovered(this, latest.order(), latest.card(), shown,
                    "TILL_RESTARTED", now);
            if (sessions.putIfAbsent(tx, session) == null) {
                log.warn("Payment {} ({} {}) was unsettled when the till stopped; closing it at the gateway and "
                        + "watching for late money", tx, latest.order().method(), latest.order().amount());
                recovered.add(session);
                session.requestStep();
            }
        }
        return recovered;
    }

    private static State stateNamed(String name) {
        try {
            State state = State.valueOf(name);
            return state.isFinal() ? state : State.TIMED_OUT;
        } catch (IllegalArgumentException e) {
            log.warn("Unknown session state '{}' in the journal; showing TIMED_OUT", name, e);
            return State.TIMED_OUT;
        }
    }

    /** The session of a payment still in progress or watched on this desk. */
    public Optional<PaymentSession> session(String transactionId) {
        return Optional.ofNullable(sessions.get(transactionId));
    }

    /** How many payments this desk is still working on (in progress, or given up and watched). */
    public int activeCount() {
        return sessions.size();
    }

    /** Looks at every session now: what is due by the clock is done (normally called every tick). */
    public void tick() {
        for (TillPaymentSession session : sessions.values()) {
            session.requestStep();
        }
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            // A failed tick must not cancel the fixed-rate schedule.
            log.error("Payment desk tick failed", e);
        }
    }

    /** Stops ticking; payments in progress are left to restart recovery and the hub's reconciler. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            if (ticker != null) {
                ticker.cancel(false);
            }
        }
        if (!sessions.isEmpty()) {
            log.info("Payment desk closed with {} payments in progress; the journal has them for the next start",
                    sessions.size());
        }
    }

    // ---- for the sessions ----

    PaymentSettings settings() {
        return settings;
    }

    PaymentGateway gateway() {
        return gateway;
    }

    SqliteSaleJournal journal() {
        return journal;
    }

    ResultBoard board() {
        return board;
    }

    PendingQueue pending() {
        return pending;
    }

    pos.sync.hub.HubClient hub() {
        return hub;
    }

    /**
     * How many results from Redis or the hub this desk refused since it started (no or a wrong hub
     * signature, another amount or currency than the order's): each one logged with what differed.
     */
    public long refusedResults() {
        return refusedResults.get();
    }

    void refusedResult() {
        refusedResults.incrementAndGet();
    }

    Executor executor() {
        return scheduler;
    }

    Instant now() {
        return clock.instant();
    }

    void forget(TillPaymentSession session) {
        sessions.remove(session.order().outTradeNo(), session);
    }

    void reportLate(LatePayment late) {
        for (Consumer<LatePayment> listener : lateListeners) {
            try {
                listener.accept(late);
            } catch (RuntimeException e) {
                log.error("A late-payment listener failed on {}", late, e);
            }
        }
    }
}
