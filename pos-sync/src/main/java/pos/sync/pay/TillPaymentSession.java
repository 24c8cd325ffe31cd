package pos.sync.pay;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.helpers.MessageFormatter;
import pos.core.pay.CardCharge;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.GatewayException;
import pos.core.pay.GatewayRefusedException;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.GatewayUnreachableException;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.core.pay.ResultBoard;
import pos.core.pay.RefundAnswer;
import pos.core.pay.Refusal;
import pos.core.pay.RefusalReason;
import pos.sync.card.CardRef;
import pos.sync.journal.PaymentEvent;
import pos.sync.journal.PaymentEventKind;
import pos.sync.hub.HubClient;

/**
 * One payment of the {@link TillPaymentDesk}: a small state machine driven by {@link #step()},
 * which runs on the desk's executor, never twice at once for one session (a request while a step
 * runs makes the step run again). The clerk's calls ({@link #cancel()}, {@link #checkAgain()})
 * and pub/sub hints only set a flag and ask for a step, so nothing here blocks the caller.
 * Thread-safe.
 *
 * <p>Phases: START (ask the gateway), WAITING (for the customer: hints, the R22 poll, the R23
 * query, the R24 deadline), ABANDONED (given up: close or reversal owed until answered, and a QR
 * order is watched for late money for {@link PaymentSettings#lateWatchFor()}), DONE.
 *
 * <p>The provider's documented timing: a close is not sent before {@link PaymentGateway#closeNotBefore} of the
 * order's creation (WeChat Pay: 5 minutes), a reversal not before {@link PaymentGateway#reverseNotBefore} of the
 * charge (WeChat Pay: 15 s). The clerk is told at once when the till gives up (R24); the close stays owed until that
 * instant, the order is watched for late money meanwhile and for {@link PaymentSettings#lateWatchFor()} after it,
 * and the session does not settle before the owed close or reversal is done.
 */
final class TillPaymentSession implements PaymentSession {

    private static final Logger log = LoggerFactory.getLogger(TillPaymentSession.class);

    enum Phase { START, WAITING, ABANDONED, DONE }

    /** The till's own reasons (R24, an unreachable gateway), in the form every refusal travels in. */
    private static final String NO_RESULT_IN_TIME = Refusal.of(RefusalReason.NO_RESULT_IN_TIME).code();
    private static final String GATEWAY_UNREACHABLE = Refusal.of(RefusalReason.GATEWAY_UNREACHABLE).code();
    /** A FAILED answer without a code of its own. */
    private static final String REFUSED_WITHOUT_CODE = Refusal.of(RefusalReason.PROVIDER_REFUSED).code();

    private final TillPaymentDesk desk;
    private final PaymentOrder order;
    private final String authCode; // pay-code only
    private final CardRef card; // bank card only: what the journal keeps of it
    private volatile CardCharge cardCharge; // bank card only, in memory until the session is final
    private final Instant startedAt;
    private final Instant deadline;
    private final CopyOnWriteArrayList<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    private volatile State state = State.STARTING;
    private volatile String reasonCode;
    private volatile QrOrder qrOrder;

    // Step state: touched only by step(), which never runs twice at once.
    private Phase phase = Phase.START;
    private boolean maybeAtGateway; // the gateway may hold the order (a request was sent)
    private boolean outcomeUnknown; // the last charge/create request timed out
    private boolean closeOwed; // a close (QR) or reversal (pay-code) was not answered yet
    private Instant closeNotBefore = Instant.MIN; // the provider's earliest moment for that close or reversal
    private Instant orderOpenedAt; // QR: when the gateway answered the create (at or after the order's creation there)
    private Instant chargeSentAt; // pay-code, card: the latest charge request sent
    private boolean refundOwed;
    private boolean lateFound;
    private boolean pendingAddOwed = true;
    private boolean pendingRemoveOwed;
    // In order: the board's compare-and-set takes CLOSED → SUCCESS → REFUNDED, not CLOSED → REFUNDED.
    private final ArrayDeque<PaymentResult> boardOwed = new ArrayDeque<>();
    private boolean watchOwed = true;
    private AutoCloseable watch;
    private Instant nextPollAt;
    private Instant nextQueryAt;
    private Instant nextRetryAt;
    private Instant nextRedisRetryAt;
    private Instant watchUntil;
    private boolean hubFailed;
    private String lastProblem;
    private final java.util.Set<String> refusedSaid = new java.util.HashSet<>(); // step() only

    // Requests from other threads.
    private final AtomicBoolean hinted = new AtomicBoolean();
    private final AtomicBoolean checkRequested = new AtomicBoolean();
    private final AtomicBoolean cancelRequested = new AtomicBoolean();

    TillPaymentSession(TillPaymentDesk desk, PaymentOrder order, String authCode, CardCharge cardCharge, CardRef card,
            Instant startedAt, Instant deadline) {
        this.desk = desk;
        this.order = order;
        this.authCode = authCode;
        this.cardCharge = cardCharge;
        this.card = card;
        this.startedAt = startedAt;
        this.deadline = deadline;
        this.nextPollAt = startedAt.plus(desk.settings().pollEvery());
        this.nextQueryAt = order.method() == PaymentMethod.QR_SHOWN ? startedAt.plus(desk.settings().firstQueryAfter())
                : startedAt.plus(desk.settings().payCodeFirstQueryAfter());
        this.nextRetryAt = startedAt;
        this.nextRedisRetryAt = startedAt;
        this.boardOwed.add(result(PaymentStatus.PENDING, null, startedAt));
    }

    /** A session for a payment found unsettled in the journal at start (restart recovery). */
    static TillPaymentSession recovered(TillPaymentDesk desk, PaymentOrder order, CardRef card, State shown, String reason,
            Instant now) {
        TillPaymentSession session = new TillPaymentSession(desk, order, null, null, card, order.createdAt(), now);
        session.state = shown;
        session.reasonCode = reason;
        session.phase = Phase.ABANDONED;
        session.maybeAtGateway = true;
        session.closeOwed = true;
        session.pendingAddOwed = false;
        session.boardOwed.clear();
        session.closeNotBefore = session.recoveredCloseNotBefore();
        session.watchUntil = later(now, session.closeNotBefore).plus(desk.settings().lateWatchFor());
        session.nextQueryAt = now;
        if (now.isBefore(session.closeNotBefore)) {
            log.info("Payment {}: the {} is owed no sooner than {} (the payment service's documented delay)",
                    order.outTradeNo(), order.method() == PaymentMethod.QR_SHOWN ? "close" : "reversal",
                    session.closeNotBefore);
        }
        return session;
    }

    // ---- PaymentSession ----

    @Override
    public PaymentOrder order() {
        return order;
    }

    @Override
    public State state() {
        return state;
    }

    @Override
    public Optional<QrOrder> qrOrder() {
        return Optional.ofNullable(qrOrder);
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public Optional<String> reasonCode() {
        return Optional.ofNullable(reasonCode);
    }

    @Override
    public void checkAgain() {
        checkRequested.set(true);
        requestStep();
    }

    @Override
    public void cancel() {
        if (!state.isFinal()) {
            cancelRequested.set(true);
            requestStep();
        }
    }

    @Override
    public AutoCloseable onChange(Consumer<State> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public String toString() {
        return "payment " + order.outTradeNo() + " (" + order.method() + ", " + order.amount()
                + (card == null ? "" : ", card " + card.masked()) + ", " + state + ")";
    }

    // ---- driving ----

    /** A pub/sub hint: the result may have changed. */
    void hint(String transactionId) {
        hinted.set(true);
        requestStep();
    }


    /** Asks for a step on the desk's executor; returns at once. */
    void requestStep() {
        again.set(true);
        if (running.compareAndSet(false, true)) {
            submit();
        }
    }

    private void submit() {
        try {
            desk.executor().execute(this::drain);
        } catch (RejectedExecutionException e) {
            running.set(false);
            log.debug("Desk stopped; {} makes no more progress here", this, e);
        }
    }

    private void drain() {
        try {
            while (again.getAndSet(false)) {
                try {
                    step();
                } catch (RuntimeException e) {
                    // A bug or an unexpected failure: the session must keep going on the next tick.
                    log.error("Payment {} step failed; trying again on the next tick", order.outTradeNo(), e);
                }
            }
        } finally {
            running.set(false);
            if (again.get() && running.compareAndSet(false, true)) {
                submit();
            }
        }
    }

    /** One look at the session: does whatever is due now. */
    void step() {
        Instant now = desk.now();
        flushRedis(now);
        switch (phase) {
            case START -> startStep(now);
            case WAITING -> waitingStep(now);
            case ABANDONED -> abandonedStep(now);
            case DONE -> closeWatch();
        }
        flushRedis(now);
        if (phase == Phase.DONE && boardOwed.isEmpty() && !pendingRemoveOwed && !pendingAddOwed) {
            desk.forget(this); // nothing left to do
        }
    }

    // ---- START ----

    private void startStep(Instant now) {
        if (cancelRequested.get()) {
            giveUp(State.CANCELLED, "CANCELLED_BY_CLERK", now);
            return;
        }
        if (!now.isBefore(deadline)) {
            giveUp(order.method() == PaymentMethod.QR_SHOWN ? State.TIMED_OUT : State.CANCELLED, NO_RESULT_IN_TIME, now);
            return;
        }
        if (now.isBefore(nextRetryAt)) {
            return;
        }
        if (order.method() == PaymentMethod.QR_SHOWN) {
            createQrOrder(now);
        } else {
            chargePayCode(now);
        }
    }

    private void createQrOrder(Instant now) {
        maybeAtGateway = true;
        QrOrder created;
        try {
            created = desk.gateway().createQrOrder(order, desk.settings().notifyUrl());
        } catch (GatewayTimeoutException e) {
            // R11: the outcome is unknown; the same out_trade_no is asked again (creating an order charges nothing).
            outcomeUnknown = true;
            nextRetryAt = now.plus(desk.settings().retryEvery());
            log.warn("Payment {}: {}; asking again with the same id", order.outTradeNo(), e.getMessage());
            return;
        } catch (GatewayUnreachableException e) {
            log.warn("Payment {}: {}", order.outTradeNo(), e.getMessage());
            if (outcomeUnknown) {
                giveUp(State.UNREACHABLE, GATEWAY_UNREACHABLE, now);
            } else {
                maybeAtGateway = false;
                finish(State.UNREACHABLE, PaymentStatus.FAILED, GATEWAY_UNREACHABLE, now);
            }
            return;
        } catch (GatewayRefusedException e) {
            log.warn("Payment {}: {}", order.outTradeNo(), e.getMessage());
            finish(State.FAILED, PaymentStatus.FAILED, e.code(), now);
            return;
        }
        outcomeUnknown = false;
        orderOpenedAt = now;
        qrOrder = created;
        journal(PaymentEventKind.PAYMENT_ORDERED, PaymentStatus.PENDING, null, created.codeUrl(), now);
        pendingAddOwed = true; // again, now with the code_url for the hub
        phase = Phase.WAITING;
        changeState(State.WAITING_FOR_CUSTOMER);
        waitingStep(now);
    }

    /** Pay-code (micropay) or bank card: one charge; an unclear answer is queried, never charged under a new id. */
    private void chargePayCode(Instant now) {
        CardCharge charge = cardCharge;
        if (order.method() == PaymentMethod.BANK_CARD && charge == null) {
            // Only a final session drops the card; nothing to charge again.
            log.warn("Payment {}: no card in memory to charge again; querying instead", order.outTradeNo());
            phase = Phase.WAITING;
            return;
        }
        maybeAtGateway = true;
        chargeSentAt = now;
        GatewayAnswer answer;
        try {
            answer = order.method() == PaymentMethod.BANK_CARD ? desk.gateway().payByCard(order, charge)
                    : desk.gateway().payByCode(order, authCode);
        } catch (GatewayTimeoutException e) {
            // Outcome unknown: query, never a blind second charge (DESIGN §7).
            outcomeUnknown = true;
            phase = Phase.WAITING;
            nextQueryAt = now.plus(desk.settings().retryEvery());
            log.warn("Payment {}: {}; querying before anything else", order.outTradeNo(), e.getMessage());
            return;
        } catch (GatewayUnreachableException e) {
            log.warn("Payment {}: {}", order.outTradeNo(), e.getMessage());
            if (outcomeUnknown) {
                phase = Phase.WAITING;
                nextQueryAt = now.plus(desk.settings().retryEvery());
            } else {
                maybeAtGateway = false;
                finish(State.UNREACHABLE, PaymentStatus.FAILED, GATEWAY_UNREACHABLE, now);
            }
            return;
        } catch (GatewayRefusedException e) {
            log.warn("Payment {}: {}", order.outTradeNo(), e.getMessage());
            finish(State.FAILED, PaymentStatus.FAILED, e.code(), now);
            return;
        }
        outcomeUnknown = false;
        journal(PaymentEventKind.PAYMENT_ORDERED, answer.status(), answer.reasonCode(), null, now);
        phase = Phase.WAITING;
        if (!apply(answer.status(), answer.reasonCode(), now)) {
            nextQueryAt = startedAt.plus(desk.settings().payCodeFirstQueryAfter());
        }
    }

    // ---- WAITING ----

    private void waitingStep(Instant now) {
        if (cancelRequested.get()) {
            giveUp(State.CANCELLED, "CANCELLED_BY_CLERK", now);
            return;
        }
        boolean check = checkRequested.getAndSet(false);
        if (hinted.getAndSet(false) && readBoard(now)) {
            return; // R22: at once through pub/sub
        }
        if (order.method() == PaymentMethod.QR_SHOWN) {
            waitingForQr(now, check);
        } else {
            waitingForPayCode(now, check);
        }
    }

    private void waitingForQr(Instant now, boolean check) {
        if (check || !now.isBefore(nextPollAt)) {
            nextPollAt = now.plus(desk.settings().pollEvery());
            boolean old = !now.isBefore(startedAt.plus(desk.settings().firstQueryAfter()));
            // R22 poll: the hub's status API (which queries the gateway itself once the order is 5 s old, R23),
            // else the board in Redis; R23 without a reachable hub: the till queries the gateway.
            if (askHub(now) || readBoard(now)) {
                return;
            }
            boolean hubTrusted = desk.hub() != null && !hubFailed && desk.settings().hubPublicKey() != null;
            if ((old && !hubTrusted) || check) {
                if (queryGateway(now)) {
                    return;
                }
            }
        }
        if (!now.isBefore(deadline)) {
            giveUp(State.TIMED_OUT, NO_RESULT_IN_TIME, now); // R24
        }
    }

    private void waitingForPayCode(Instant now, boolean check) {
        if (check || !now.isBefore(nextQueryAt)) {
            nextQueryAt = now.plus(desk.settings().payCodeQueryEvery());
            try {
                GatewayAnswer answer = desk.gateway().query(order.outTradeNo());
                if (apply(answer.status(), answer.reasonCode(), now)) {
                    return;
                }
            } catch (GatewayRefusedException e) {
                if (GatewayCodes.isUnknownOrder(e.code()) && outcomeUnknown && now.isBefore(deadline)) {
                    // The charge never arrived: send it again with the same id, which the gateway charges at most once.
                    log.warn("Payment {}: the gateway has no such order after an unclear charge; charging again with the "
                            + "same id", order.outTradeNo());
                    phase = Phase.START;
                    nextRetryAt = now;
                    chargePayCode(now);
                    return;
                }
                problem(e, "Payment {}: {}", order.outTradeNo(), e.getMessage());
            } catch (GatewayException e) {
                problem(e, "Payment {}: {}; asking again in {} ms", order.outTradeNo(), e.getMessage(),
                        desk.settings().payCodeQueryEvery().toMillis());
            }
        }
        if (!now.isBefore(deadline)) {
            giveUp(State.CANCELLED, "NOT_CONFIRMED_IN_TIME", now);
        }
    }

    /** Applies a status learnt while waiting; true if the session reached a final state. */
    private boolean apply(PaymentStatus status, String reason, Instant now) {
        switch (status) {
            case SUCCESS -> {
                finish(State.PAID, PaymentStatus.SUCCESS, null, now);
                return true;
            }
            case FAILED -> {
                finish(State.FAILED, PaymentStatus.FAILED, reason == null ? REFUSED_WITHOUT_CODE : reason, now);
                return true;
            }
            case CLOSED, REVOKED -> {
                State shown = order.method() == PaymentMethod.QR_SHOWN ? State.TIMED_OUT : State.CANCELLED;
                closeOwed = false;
                finish(shown, status, reason == null ? status.name() + "_AT_GATEWAY" : reason, now);
                return true;
            }
            case REFUNDED -> {
                finish(State.FAILED, PaymentStatus.REFUNDED, "REFUNDED", now);
                return true;
            }
            case USERPAYING -> {
                if (state != State.USER_PAYING && order.method() == PaymentMethod.PAY_CODE) {
                    journal(PaymentEventKind.PAYMENT_USERPAYING, PaymentStatus.USERPAYING, null, null, now);
                    offerToBoard(result(PaymentStatus.USERPAYING, null, now));
                    changeState(State.USER_PAYING);
                }
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private boolean readBoard(Instant now) {
        if (desk.settings().hubPublicKey() == null) {
            return false; // no hub key: nothing in Redis can be told from a forgery (said once at the desk's start)
        }
        Optional<ResultBoard.Entry> entry;
        try {
            entry = desk.board().read(order.outTradeNo());
        } catch (RuntimeException e) {
            problem(e, "Payment {}: cannot read the result board: {}", order.outTradeNo(), e.getMessage());
            return false;
        }
        if (entry.isEmpty()) {
            return false;
        }
        PaymentResult result = entry.get().result();
        if (phase == Phase.ABANDONED && result.status() != PaymentStatus.SUCCESS) {
            return false; // given up: only late money matters, and the board holds the till's own close meanwhile
        }
        if (!result.status().isFinal()) {
            return learnt(result.status(), result.reasonCode(), now); // only final states change anything
        }
        Optional<String> refusal = ResultTrust.refusalOfBoard(desk.settings().hubPublicKey(), order, entry.get());
        if (refusal.isPresent()) {
            refused("Redis", result.status(), refusal.get());
            return false;
        }
        return learnt(result.status(), result.reasonCode(), now);
    }

    /** A result the till does not take: counted, logged once per distinct reason, and the session keeps waiting. */
    private void refused(String from, PaymentStatus status, String why) {
        desk.refusedResult();
        String text = from + " says " + status + " but " + why;
        if (refusedSaid.size() < 8 && refusedSaid.add(text)) {
            log.warn("Payment {}: refused a result: {}; still waiting for the hub's or the gateway's word", order.outTradeNo(),
                    text);
        }
    }

    private boolean askHub(Instant now) {
        HubClient hub = desk.hub();
        if (hub == null) {
            return false;
        }
        Optional<HubClient.PaymentAnswer> answer;
        try {
            answer = hub.paymentStatus(order.outTradeNo());
            // A hub that knows nothing of the payment (its pending entry not written yet) cannot query for it (R23).
            hubFailed = answer.isEmpty();
        } catch (UnableToReachHubException e) {
            if (!hubFailed) {
                log.warn("Payment {}: {}; the till asks the gateway itself", order.outTradeNo(), e.getMessage());
            }
            hubFailed = true;
            return false;
        }
        if (answer.isEmpty()) {
            return false;
        }
        HubClient.PaymentAnswer said = answer.get();
        if (said.status().isFinal()) {
            if (desk.settings().hubPublicKey() == null) {
                return false; // no hub key: the till trusts only its own gateway calls (said once at the desk's start)
            }
            Optional<String> refusal = said.amountMinor() == null || said.currency() == null
                    ? Optional.of("it names no amount") : ResultTrust.refusalOfAmount(order, said.amountMinor(), said.currency());
            if (refusal.isPresent()) {
                refused("the hub", said.status(), refusal.get());
                return false;
            }
        }
        return learnt(said.status(), said.reasonCode(), now);
    }

    private boolean queryGateway(Instant now) {
        try {
            GatewayAnswer answer = desk.gateway().query(order.outTradeNo());
            return learnt(answer.status(), answer.reasonCode(), now);
        } catch (GatewayException e) {
            problem(e, "Payment {}: {}", order.outTradeNo(), e.getMessage());
            return false;
        }
    }

    /** A status from the board, the hub or a query while waiting: only final ones change anything here. */
    private boolean learnt(PaymentStatus status, String reason, Instant now) {
        if (phase == Phase.ABANDONED) {
            if (status == PaymentStatus.SUCCESS) {
                latePaid(now);
                return true;
            }
            return false;
        }
        return apply(status, reason, now);
    }

    // ---- giving up ----

    /** Closes the order (QR) or reverses it (pay-code) and ends in {@code shown}, or PAID if the close finds it paid. */
    private void giveUp(State shown, String reason, Instant now) {
        if (!maybeAtGateway) {
            finish(shown, PaymentStatus.CLOSED, reason, now);
            return;
        }
        closeOwed = true;
        closeNotBefore = order.method() == PaymentMethod.QR_SHOWN
                ? desk.gateway().closeNotBefore(orderOpenedAt != null ? later(order.createdAt(), orderOpenedAt) : now)
                : desk.gateway().reverseNotBefore(chargeSentAt != null ? chargeSentAt : now);
        GatewayAnswer answer = null;
        if (now.isBefore(closeNotBefore)) {
            nextRetryAt = closeNotBefore;
            log.info("Payment {}: the {} is owed no sooner than {} (the payment service's documented delay); {}",
                    order.outTradeNo(), order.method() == PaymentMethod.QR_SHOWN ? "close" : "reversal", closeNotBefore,
                    order.method() == PaymentMethod.QR_SHOWN ? "watching for late money meanwhile" : "waiting");
        } else {
            answer = closeAtGateway(now);
        }
        if (answer != null && answer.status() == PaymentStatus.SUCCESS) {
            // R24: "already paid" at the close: the sale is paid.
            closeOwed = false;
            finish(State.PAID, PaymentStatus.SUCCESS, null, now);
            return;
        }
        PaymentStatus status = order.method() == PaymentMethod.QR_SHOWN ? PaymentStatus.CLOSED : PaymentStatus.REVOKED;
        finish(shown, status, closeOwed ? reason + (order.method() == PaymentMethod.QR_SHOWN ? "_CLOSE_PENDING"
                : "_REVERSAL_PENDING") : reason, now);
    }

    /** One close/reversal attempt; clears closeOwed when answered; null when not answered. */
    private GatewayAnswer closeAtGateway(Instant now) {
        boolean qr = order.method() == PaymentMethod.QR_SHOWN;
        try {
            GatewayAnswer answer = qr ? desk.gateway().close(order.outTradeNo()) : desk.gateway().reverse(order.outTradeNo());
            if (answer.status() != PaymentStatus.SUCCESS) {
                closeOwed = false;
            }
            return answer;
        } catch (GatewayRefusedException e) {
            if (GatewayCodes.isOrderPaid(e.code())) {
                return new GatewayAnswer(order.outTradeNo(), PaymentStatus.SUCCESS, null, e.code(), null);
            }
            if (GatewayCodes.isUnknownOrder(e.code()) || isClosedAlready(e.code())) {
                // ORDER_NOT_EXIST, ORDER_CLOSED, ORDER_REVERSED: nothing there can be paid any more.
                log.info("Payment {}: {}: nothing left to {}", order.outTradeNo(), e.getMessage(), qr ? "close" : "reverse");
                closeOwed = false;
                return new GatewayAnswer(order.outTradeNo(), qr ? PaymentStatus.CLOSED : PaymentStatus.REVOKED, null,
                        e.code(), null);
            }
            // Any other refusal (WeChat Pay's RULE_LIMIT for a close or reversal it takes as too soon, a malformed
            // request) leaves the order open at the provider, where the customer could still pay: the close stays owed.
            nextRetryAt = now.plus(desk.settings().retryEvery());
            problem(e, "Payment {}: the {} was refused ({}); it stays owed and is tried again every {} ms",
                    order.outTradeNo(), qr ? "close" : "reversal", e.code(), desk.settings().retryEvery().toMillis());
            return null;
        } catch (GatewayException e) {
            nextRetryAt = now.plus(desk.settings().retryEvery());
            problem(e, "Payment {}: {}; the {} is tried again every {} ms", order.outTradeNo(), e.getMessage(),
                    qr ? "close" : "reversal", desk.settings().retryEvery().toMillis());
            return null;
        }
    }

    /** The provider's word that the order is closed or reversed already. */
    private static boolean isClosedAlready(String code) {
        pos.core.pay.RefusalReason reason = pos.core.pay.Refusal.reasonOf(code);
        return reason == pos.core.pay.RefusalReason.ORDER_CLOSED || reason == pos.core.pay.RefusalReason.ORDER_REVERSED;
    }

    // ---- ABANDONED ----

    private void abandonedStep(Instant now) {
        boolean check = checkRequested.getAndSet(false);
        if (closeOwed && !now.isBefore(nextRetryAt) && !now.isBefore(closeNotBefore)) {
            GatewayAnswer answer = closeAtGateway(now);
            if (answer != null) {
                if (answer.status() == PaymentStatus.SUCCESS) {
                    latePaid(now);
                } else {
                    journal(PaymentEventKind.PAYMENT_CLOSED, answer.status(), answer.reasonCode(), null, now);
                    pendingRemoveOwed = true;
                    log.info("Payment {}: the owed {} is done", order.outTradeNo(),
                            order.method() == PaymentMethod.QR_SHOWN ? "close" : "reversal");
                }
            }
        }
        if (refundOwed && !now.isBefore(nextRetryAt)) {
            refund(now);
        }
        boolean watching = order.method() == PaymentMethod.QR_SHOWN && !lateFound;
        if (watching) {
            if (check) {
                checkAfterGivingUp(now);
            } else {
                if (hinted.getAndSet(false) || !now.isBefore(nextPollAt)) {
                    nextPollAt = now.plus(desk.settings().pollEvery());
                    readBoard(now);
                }
                if (!lateFound && !now.isBefore(nextQueryAt)) {
                    nextQueryAt = now.plus(desk.settings().lateQueryEvery());
                    queryGateway(now);
                }
            }
        }
        if (!closeOwed && !refundOwed && (lateFound || order.method() != PaymentMethod.QR_SHOWN
                || !now.isBefore(watchUntil))) {
            settle(now);
        }
    }

    /** The clerk's "check again" after the till gave up: money found now is honoured, the sale is paid. */
    private void checkAfterGivingUp(Instant now) {
        GatewayAnswer answer;
        try {
            answer = desk.gateway().query(order.outTradeNo());
        } catch (GatewayException e) {
            log.warn("Payment {}: check again: {}", order.outTradeNo(), e.getMessage());
            return;
        }
        if (answer.status() == PaymentStatus.SUCCESS && !lateFound) {
            lateFound = true;
            closeOwed = false;
            journal(PaymentEventKind.PAYMENT_LATE_SUCCESS, PaymentStatus.SUCCESS, null, "HONOURED: the clerk checked again",
                    now);
            offerToBoard(result(PaymentStatus.SUCCESS, null, now));
            reasonCode = null;
            changeState(State.PAID);
            desk.reportLate(new LatePayment(order, LatePayment.Outcome.HONOURED, null, now));
        }
    }

    /** Money found after the till gave up: journaled, reported, and refunded or kept per the policy. */
    private void latePaid(Instant now) {
        if (lateFound) {
            return;
        }
        lateFound = true;
        closeOwed = false;
        LatePaymentPolicy policy = desk.settings().latePaymentPolicy();
        log.warn("Payment {} of {} was paid after the till gave up ({}); policy: {}", order.outTradeNo(), order.amount(),
                state, policy);
        journal(PaymentEventKind.PAYMENT_LATE_SUCCESS, PaymentStatus.SUCCESS, null, policy.name(), now);
        offerToBoard(result(PaymentStatus.SUCCESS, "PAID_AFTER_GIVING_UP", now));
        if (policy == LatePaymentPolicy.REFUND) {
            refundOwed = true;
            reasonCode = "LATE_PAYMENT_REFUNDING";
            desk.reportLate(new LatePayment(order, LatePayment.Outcome.REFUNDING, refundNo(), now));
            nextRetryAt = now;
            refund(now);
        } else {
            reasonCode = "LATE_PAYMENT_REPORTED";
            desk.reportLate(new LatePayment(order, LatePayment.Outcome.REPORTED, null, now));
        }
    }

    private void refund(Instant now) {
        RefundAnswer answer;
        try {
            answer = desk.gateway().refund(order.outTradeNo(), refundNo(), order.amount(), order.amount(),
                    "paid after the till gave up");
        } catch (GatewayException e) {
            nextRetryAt = now.plus(desk.settings().retryEvery());
            problem(e, "Payment {}: refund {} not done: {}; trying again every {} ms", order.outTradeNo(), refundNo(),
                    e.getMessage(), desk.settings().retryEvery().toMillis());
            return;
        }
        if (!answer.done()) {
            nextRetryAt = now.plus(desk.settings().retryEvery());
            log.info("Payment {}: refund {} is processing at the gateway; asking again", order.outTradeNo(), refundNo());
            return;
        }
        refundOwed = false;
        reasonCode = "LATE_PAYMENT_REFUNDED";
        journal(PaymentEventKind.PAYMENT_REFUNDED, PaymentStatus.REFUNDED, null, "refund " + refundNo() + " id "
                + answer.refundId(), now);
        offerToBoard(result(PaymentStatus.REFUNDED, "PAID_AFTER_GIVING_UP", now));
        desk.reportLate(new LatePayment(order, LatePayment.Outcome.REFUNDED, refundNo(), now));
        log.info("Payment {}: late payment of {} refunded as {}", order.outTradeNo(), order.amount(), refundNo());
    }

    /** The refund number of a late payment: one per transaction, so it refunds once whoever asks again. */
    String refundNo() {
        return "R" + order.outTradeNo();
    }

    // ---- ends ----

    private void finish(State shown, PaymentStatus status, String reason, Instant now) {
        cardCharge = null; // final: the card number and the PIN block are not needed any more
        reasonCode = reason;
        journal(PaymentEventKind.PAYMENT_RESULT, status, reason, null, now);
        offerToBoard(result(status, reason, now));
        if (!closeOwed) {
            pendingRemoveOwed = true; // R8: final at the gateway; the late watch below is the till's own safety net
        }
        boolean watchLate = order.method() == PaymentMethod.QR_SHOWN && maybeAtGateway
                && (shown == State.TIMED_OUT || shown == State.CANCELLED || shown == State.UNREACHABLE);
        if (watchLate || closeOwed) {
            phase = Phase.ABANDONED;
            // The watch covers the whole wait for an owed close, and as long again after it as after an immediate one.
            watchUntil = later(now, closeOwed ? closeNotBefore : now).plus(desk.settings().lateWatchFor());
            nextPollAt = now.plus(desk.settings().pollEvery());
            nextQueryAt = now.plus(desk.settings().lateQueryEvery());
        } else {
            // The final status, not statusOf(state): the state changes only below, after the journal rows.
            settle(now, status);
        }
        changeState(shown);
    }

    private void settle(Instant now) {
        settle(now, lateFound && !refundOwed && reasonCode != null && reasonCode.endsWith("REFUNDED")
                ? PaymentStatus.REFUNDED : statusOf(state));
    }

    private void settle(Instant now, PaymentStatus status) {
        if (phase == Phase.DONE) {
            return;
        }
        phase = Phase.DONE;
        pendingRemoveOwed = true; // R8
        journal(PaymentEventKind.PAYMENT_SETTLED, status, reasonCode, null, now);
        closeWatch();
    }

    private static PaymentStatus statusOf(State state) {
        return switch (state) {
            case PAID -> PaymentStatus.SUCCESS;
            case FAILED, UNREACHABLE -> PaymentStatus.FAILED;
            case TIMED_OUT, CANCELLED -> PaymentStatus.CLOSED;
            default -> PaymentStatus.PENDING;
        };
    }

    private void changeState(State next) {
        if (state == next) {
            return;
        }
        state = next;
        log.info("Payment {} ({} {}): {}{}", order.outTradeNo(), order.method(), order.amount(), next,
                reasonCode == null ? "" : " (" + reasonCode + ")");
        for (Consumer<State> listener : listeners) {
            try {
                listener.accept(next);
            } catch (RuntimeException e) {
                log.error("Payment {}: a state listener failed on {}", order.outTradeNo(), next, e);
            }
        }
    }

    // ---- journal and Redis ----

    private void journal(PaymentEventKind kind, PaymentStatus status, String reason, String note, Instant now) {
        try {
            desk.journal().appendPaymentEvent(new PaymentEvent(kind, order, status, state.name(), reason, note, now, card));
        } catch (RuntimeException e) {
            // The payment goes on (the gateway and Redis hold its truth); the clerk's screen still shows it.
            log.error("Payment {}: cannot journal {} ({})", order.outTradeNo(), kind, status, e);
        }
    }

    private PaymentResult result(PaymentStatus status, String reason, Instant at) {
        return new PaymentResult(order.outTradeNo(), status, order.amount().minorUnits(),
                order.amount().currency().getCurrencyCode(), order.method(), reason, at);
    }

    private void offerToBoard(PaymentResult result) {
        boardOwed.add(result);
        nextRedisRetryAt = Instant.MIN;
    }

    /** The Redis writes the session owes (R7 pending entry, R17 result, R8 removal, the watch), retried while Redis is down. */
    private void flushRedis(Instant now) {
        if (now.isBefore(nextRedisRetryAt)) {
            return;
        }
        boolean failed = false;
        if (watchOwed && phase != Phase.DONE) {
            try {
                watch = desk.board().watch(order.outTradeNo(), this::hint);
                watchOwed = false;
            } catch (RuntimeException e) {
                failed = true;
                problem(e, "Payment {}: cannot watch the result board (the {} ms poll stands in): {}", order.outTradeNo(),
                        desk.settings().pollEvery().toMillis(), e.getMessage());
            }
        }
        if (pendingAddOwed && !failed) {
            try {
                desk.pending().add(order, qrOrder == null ? null : qrOrder.codeUrl());
                pendingAddOwed = false;
            } catch (RuntimeException e) {
                failed = true;
                problem(e, "Payment {}: cannot write the pending entry (R7), going on with the gateway and trying again "
                        + "every {} ms: {}", order.outTradeNo(), desk.settings().retryEvery().toMillis(), e.getMessage());
            }
        }
        while (!boardOwed.isEmpty() && !failed && !pendingAddOwed) {
            PaymentResult toPublish = boardOwed.peek();
            try {
                desk.board().publish(toPublish);
                boardOwed.remove();
            } catch (RuntimeException e) {
                failed = true;
                problem(e, "Payment {}: cannot publish {} to the result board; trying again: {}", order.outTradeNo(),
                        toPublish.status(), e.getMessage());
            }
        }
        if (pendingRemoveOwed && !failed && boardOwed.isEmpty() && !pendingAddOwed) {
            try {
                desk.pending().remove(order.outTradeNo());
                pendingRemoveOwed = false;
            } catch (RuntimeException e) {
                failed = true;
                problem(e, "Payment {}: cannot take it out of the pending queue (R8); trying again: {}", order.outTradeNo(),
                        e.getMessage());
            }
        }
        if (failed) {
            nextRedisRetryAt = now.plus(desk.settings().retryEvery());
        }
    }

    private void closeWatch() {
        AutoCloseable current = watch;
        watch = null;
        watchOwed = false;
        if (current != null) {
            try {
                current.close();
            } catch (Exception e) {
                log.warn("Payment {}: could not stop watching the result board", order.outTradeNo(), e);
            }
        }
    }

    Phase phase() {
        return phase;
    }

    /**
     * After a restart the till knows only when the payment began, not when the gateway created the order or took the
     * charge: no later than the give-up time after that (the till sends nothing past its deadline). A gateway without
     * a documented delay is closed at once.
     */
    private Instant recoveredCloseNotBefore() {
        Instant began = order.createdAt();
        boolean qr = order.method() == PaymentMethod.QR_SHOWN;
        Instant atOnce = qr ? desk.gateway().closeNotBefore(began) : desk.gateway().reverseNotBefore(began);
        if (!atOnce.isAfter(began)) {
            return atOnce;
        }
        Instant latestSent = began.plus(qr ? desk.settings().qrTimeout() : desk.settings().payCodeGiveUpAfter());
        return qr ? desk.gateway().closeNotBefore(latestSent) : desk.gateway().reverseNotBefore(latestSent);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /**
     * A failure the session retries (gateway or Redis down): said once at WARN while it stays the
     * same, every time at DEBUG with its cause, so a long outage does not flood the log.
     */
    private void problem(Throwable cause, String format, Object... args) {
        String text = MessageFormatter.arrayFormat(format, args).getMessage();
        if (!text.equals(lastProblem)) {
            lastProblem = text;
            log.warn(text);
        }
        log.debug("Payment {}: {}", order.outTradeNo(), text, cause);
    }
}
