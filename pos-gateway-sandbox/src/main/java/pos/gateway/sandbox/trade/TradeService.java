package pos.gateway.sandbox.trade;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.gateway.sandbox.api.Amount;
import pos.gateway.sandbox.api.CardPayRequest;
import pos.gateway.sandbox.api.CardPayResponse;
import pos.gateway.sandbox.api.CustomerPayRequest;
import pos.gateway.sandbox.api.CustomerPayResponse;
import pos.gateway.sandbox.api.ErrorCode;
import pos.gateway.sandbox.api.MicropayRequest;
import pos.gateway.sandbox.api.MicropayResponse;
import pos.gateway.sandbox.api.NativeOrderRequest;
import pos.gateway.sandbox.api.NativeOrderResponse;
import pos.gateway.sandbox.api.OrderQueryResponse;
import pos.gateway.sandbox.api.PinBlocks;
import pos.gateway.sandbox.api.RefundRequest;
import pos.gateway.sandbox.api.RefundResponse;
import pos.gateway.sandbox.api.ReverseResponse;
import pos.gateway.sandbox.api.TradeState;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.ledger.ChargeRow;
import pos.gateway.sandbox.ledger.Ledger;
import pos.gateway.sandbox.ledger.LedgerTransaction;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.OrderKind;
import pos.gateway.sandbox.ledger.OrderRow;
import pos.gateway.sandbox.ledger.RefundRow;
import pos.gateway.sandbox.notify.NotificationFactory;
import pos.gateway.sandbox.notify.Notifier;

/**
 * The gateway's trade rules: orders, charges, closes, reverses and refunds, plus the simulated
 * customer who scans, pays and confirms. Each operation is one ledger transaction; events it
 * causes are stored in that transaction and handed to the {@link Notifier} after the commit.
 *
 * <p>Idempotency follows the real gateways: the same out_trade_no with the same amount returns
 * the same order; a retried pay-code with the same auth_code returns the current state and never
 * charges again; the same out_refund_no refunds once; close and reverse can be repeated.
 *
 * <p>Thread-safe: the ledger serializes the transactions.
 */
public final class TradeService {

    private static final Logger log = LoggerFactory.getLogger(TradeService.class);
    private static final String SCAN_PAYER = "scan";
    private static final String REVERSE_REFUND_PREFIX = "reverse:";

    private final Ledger ledger;
    private final Notifier notifier;
    private final NotificationFactory notifications;
    private final Chaos chaos;
    private final Clock clock;
    private final PinBlocks pinBlocks;
    private final Expiry expiry;
    private ScheduledExecutorService customer;

    /**
     * What the end of a native order's payable time does. The sandbox's own protocol and Alipay close the order
     * ({@code CLOSED}); WeChat Pay's {@code time_expire} only ends payment: the order stays {@code NOTPAY} until the
     * merchant closes it (WeChat Pay documents the time as "the last moment the user can pay, not the time the order
     * is closed").
     */
    public enum Expiry {
        /** An unpaid order past its expiry is closed. */
        CLOSES_ORDER,
        /** An unpaid order past its expiry can no longer be paid but stays {@code NOTPAY} until closed. */
        ENDS_PAYMENT
    }

    /**
     * Creates a stopped service.
     *
     * @param ledger the books
     * @param notifier delivers the events
     * @param notifications builds the events
     * @param chaos the knobs and dice
     * @param clock the time source
     */
    public TradeService(Ledger ledger, Notifier notifier, NotificationFactory notifications, Chaos chaos, Clock clock) {
        this(ledger, notifier, notifications, chaos, clock, new PinBlocks(PinBlocks.DEFAULT_PIN_KEY));
    }

    /**
     * Creates a stopped service that takes bank cards with PIN blocks made with {@code pinBlocks}' key.
     *
     * @param ledger the books
     * @param notifier delivers the events
     * @param notifications builds the events
     * @param chaos the knobs and dice
     * @param clock the time source
     * @param pinBlocks checks the PIN blocks of card charges
     */
    public TradeService(Ledger ledger, Notifier notifier, NotificationFactory notifications, Chaos chaos, Clock clock,
                        PinBlocks pinBlocks) {
        this(ledger, notifier, notifications, chaos, clock, pinBlocks, Expiry.CLOSES_ORDER);
    }

    /**
     * Creates a stopped service whose native orders' expiry does what {@code expiry} says.
     *
     * @param ledger the books
     * @param notifier delivers the events
     * @param notifications builds the events
     * @param chaos the knobs and dice
     * @param clock the time source
     * @param pinBlocks checks the PIN blocks of card charges
     * @param expiry what the end of a native order's payable time does
     */
    public TradeService(Ledger ledger, Notifier notifier, NotificationFactory notifications, Chaos chaos, Clock clock,
                        PinBlocks pinBlocks, Expiry expiry) {
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        this.pinBlocks = Objects.requireNonNull(pinBlocks, "pinBlocks");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.chaos = Objects.requireNonNull(chaos, "chaos");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts the simulated customer and reschedules pay-code confirmations a stop interrupted. */
    public synchronized void start() {
        if (customer != null) {
            return;
        }
        customer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "sandbox-customer");
            thread.setDaemon(true);
            return thread;
        });
        for (OrderRow waiting : ledger.ordersAwaitingConfirmation()) {
            scheduleConfirmation(waiting);
        }
    }

    /** Stops the simulated customer; scheduled customer payments are forgotten, confirmations are not. */
    public void stop() {
        ScheduledExecutorService stopping;
        synchronized (this) {
            stopping = customer;
            customer = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
            try {
                stopping.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Creates a native (QR code) order, or returns the existing one for a retry (R21).
     *
     * @param request the order
     * @return the code to show
     * @throws RequestRejectedException {@code INVALID_REQUEST}, or {@code OUT_TRADE_NO_USED} when the
     *     id names an order with another amount, currency or kind
     */
    public NativeOrderResponse createNative(NativeOrderRequest request) {
        RequestRules.nativeOrder(request);
        Instant now = clock.instant();
        OrderRow order = ledger.inTransaction(tx -> {
            Optional<OrderRow> existing = tx.findOrder(request.outTradeNo());
            if (existing.isPresent()) {
                requireSameOrder(existing.get(), OrderKind.NATIVE, request.amount());
                return existing.get();
            }
            int seconds = request.timeExpireSeconds() == null
                    ? RequestRules.DEFAULT_EXPIRE_SECONDS : request.timeExpireSeconds();
            OrderRow created = new OrderRow(request.outTradeNo(), OrderKind.NATIVE, request.description(),
                    request.amount().total(), request.amount().currency(), request.notifyUrl(), Ids.codeToken(),
                    null, TradeState.NOTPAY, null, now, now.plusSeconds(seconds), null, now);
            tx.insertOrder(created);
            return created;
        });
        return new NativeOrderResponse(order.outTradeNo(), RequestRules.CODE_URL_PREFIX + order.codeToken(),
                rfc3339(order.expiresAt()));
    }

    /**
     * Charges a scanned pay-code. The last four digits choose the customer's behaviour: 0000
     * confirms on the phone after {@code confirm_delay_ms}, 9999 never confirms, 1111 has not
     * enough balance, anything else pays at once (unless the {@code decline_rate} knob declines).
     *
     * @param request the charge
     * @return {@code SUCCESS} or {@code USERPAYING}; for a retry, the order's current state
     * @throws RequestRejectedException {@code INVALID_REQUEST}, {@code AUTH_CODE_INVALID},
     *     {@code OUT_TRADE_NO_USED}, or {@code NOTENOUGH} / {@code PAYERROR} (nothing charged;
     *     the order is left in {@code PAYERROR} and may be retried with another pay-code)
     */
    public MicropayResponse micropay(MicropayRequest request) {
        RequestRules.micropay(request);
        Instant now = clock.instant();
        PayCodeScenario scenario = PayCodeScenario.of(request.authCode());
        Outcome outcome = ledger.inTransaction(tx -> {
            Optional<OrderRow> existing = tx.findOrder(request.outTradeNo());
            OrderRow attempt;
            if (existing.isPresent()) {
                OrderRow found = existing.get();
                requireSameOrder(found, OrderKind.MICROPAY, request.amount());
                boolean freshAttempt = found.tradeState() == TradeState.PAYERROR
                        && !request.authCode().equals(found.authCode());
                if (!freshAttempt) {
                    return Outcome.of(found, tx.findCharge(found.outTradeNo()).orElse(null));
                }
                attempt = found.withAuthCode(request.authCode(), now);
            } else {
                attempt = new OrderRow(request.outTradeNo(), OrderKind.MICROPAY, request.description(),
                        request.amount().total(), request.amount().currency(), request.notifyUrl(), null,
                        request.authCode(), TradeState.USERPAYING, null, now, null, null, now);
            }
            OrderRow decided;
            if (scenario == PayCodeScenario.NOT_ENOUGH) {
                decided = attempt.withFailure(ErrorCode.NOTENOUGH.name(), now);
            } else if (chaos.roll(chaos.knobs().declineRate())) {
                decided = attempt.withFailure(ErrorCode.PAYERROR.name(), now);
            } else if (scenario == PayCodeScenario.CONFIRM_LATER) {
                decided = attempt.awaitingConfirmation(now.plusMillis(chaos.knobs().confirmDelayMs()), now);
            } else if (scenario == PayCodeScenario.NEVER_CONFIRM) {
                decided = attempt.awaitingConfirmation(null, now);
            } else {
                decided = attempt.withState(TradeState.SUCCESS, now);
            }
            if (existing.isPresent()) {
                tx.updateOrder(decided);
            } else {
                tx.insertOrder(decided);
            }
            if (decided.tradeState() == TradeState.SUCCESS) {
                return charge(tx, decided, request.authCode(), now);
            }
            return new Outcome(decided, null, null, null, decided.autoConfirmAt() != null);
        });
        afterCommit(outcome);
        OrderRow order = outcome.order();
        if (order.tradeState() == TradeState.PAYERROR) {
            throw payError(order);
        }
        ChargeRow charge = outcome.charge();
        return new MicropayResponse(order.outTradeNo(), order.tradeState(),
                charge == null ? null : charge.transactionId(), charge == null ? null : rfc3339(charge.chargedAt()));
    }

    /**
     * Charges a bank card authorised by its PIN block, once per out_trade_no: a repeat of a decided
     * order gets the same answer (the same charge, or the same refusal) and never charges again. The
     * {@link TestCard test cards} decide the outcome; an unknown card is declined. The ledger keeps
     * only the masked card number (in {@code orders.auth_code} and {@code charges.payer}); the card
     * number and the PIN block are never stored or logged.
     *
     * @param request the charge
     * @return {@code SUCCESS} with the charge; for a repeat, the order's current state
     * @throws RequestRejectedException {@code INVALID_REQUEST}, {@code CARD_INVALID} (nothing stored),
     *     {@code OUT_TRADE_NO_USED}, or {@code WRONG_PIN} / {@code DECLINED} / {@code INSUFFICIENT_FUNDS} /
     *     {@code EXPIRED_CARD} (nothing charged; the order stays {@code PAYERROR} with that code)
     */
    public CardPayResponse payByCard(CardPayRequest request) {
        RequestRules.card(request);
        Instant now = clock.instant();
        String masked = PinBlocks.mask(request.cardNo());
        Outcome outcome = ledger.inTransaction(tx -> {
            Optional<OrderRow> existing = tx.findOrder(request.outTradeNo());
            if (existing.isPresent()) {
                OrderRow found = existing.get();
                requireSameOrder(found, OrderKind.CARD, request.amount());
                if (!masked.equals(found.authCode())) {
                    throw new RequestRejectedException(ErrorCode.OUT_TRADE_NO_USED, "out_trade_no " + found.outTradeNo()
                            + " already charged another card (" + found.authCode() + "); use a new out_trade_no");
                }
                return Outcome.of(found, tx.findCharge(found.outTradeNo()).orElse(null));
            }
            OrderRow attempt = new OrderRow(request.outTradeNo(), OrderKind.CARD, request.description(),
                    request.amount().total(), request.amount().currency(), request.notifyUrl(), null, masked,
                    TradeState.USERPAYING, null, now, null, null, now);
            ErrorCode refusal = cardRefusal(request);
            if (refusal == null && chaos.roll(chaos.knobs().declineRate())) {
                refusal = ErrorCode.DECLINED;
            }
            if (refusal != null) {
                OrderRow failed = attempt.withFailure(refusal.name(), now);
                tx.insertOrder(failed);
                return Outcome.of(failed, null);
            }
            OrderRow paid = attempt.withState(TradeState.SUCCESS, now);
            tx.insertOrder(paid);
            return charge(tx, paid, masked, now);
        });
        afterCommit(outcome);
        OrderRow order = outcome.order();
        if (order.tradeState() == TradeState.PAYERROR) {
            ErrorCode code = cardErrorCode(order.errorCode());
            throw new RequestRejectedException(code, "card " + order.authCode() + " was refused: " + code.name()
                    + " (order " + order.outTradeNo() + "; nothing was charged; take another card or tender with a new"
                    + " out_trade_no)");
        }
        ChargeRow charge = outcome.charge();
        return new CardPayResponse(order.outTradeNo(), order.tradeState(),
                charge == null ? null : charge.transactionId(), charge == null ? null : rfc3339(charge.chargedAt()),
                order.authCode());
    }

    /** What the issuer says about a well-formed card charge, or {@code null} to pay. */
    private ErrorCode cardRefusal(CardPayRequest request) {
        Optional<TestCard> card = TestCard.of(request.cardNo());
        if (card.isEmpty()) {
            return ErrorCode.DECLINED; // not a card the sandbox issued
        }
        if (!pinBlocks.matches(request.pinBlock(), request.cardNo(), card.get().pin(), request.outTradeNo())) {
            return ErrorCode.WRONG_PIN;
        }
        return switch (card.get().behaviour()) {
            case APPROVE -> null;
            case LIMITED -> request.amount().total() > card.get().limitMinor() ? ErrorCode.INSUFFICIENT_FUNDS : null;
            case DECLINE -> ErrorCode.DECLINED;
            case NO_FUNDS -> ErrorCode.INSUFFICIENT_FUNDS;
            case EXPIRED -> ErrorCode.EXPIRED_CARD;
        };
    }

    private static ErrorCode cardErrorCode(String stored) {
        try {
            return stored == null ? ErrorCode.DECLINED : ErrorCode.valueOf(stored);
        } catch (IllegalArgumentException e) {
            return ErrorCode.DECLINED;
        }
    }

    /**
     * Where an order stands; an unpaid native order past its expiry is closed first (unless {@link Expiry#ENDS_PAYMENT}).
     *
     * @param outTradeNo the order
     * @return its state, charge and refunded total
     * @throws RequestRejectedException {@code INVALID_REQUEST} or {@code ORDER_NOT_EXIST}
     */
    public OrderQueryResponse query(String outTradeNo) {
        RequestRules.outTradeNo(outTradeNo);
        Instant now = clock.instant();
        return ledger.inTransaction(tx -> status(tx, closeIfExpired(tx, existingOrder(tx, outTradeNo), now)));
    }

    /**
     * The order as stored (its kind, creation time, failure code), for a face that answers in its provider's terms;
     * an unpaid native order past its expiry is closed first, as {@link #query} does.
     *
     * @param outTradeNo the order
     * @return the order, or empty when there is none by that id
     */
    public Optional<OrderRow> order(String outTradeNo) {
        RequestRules.outTradeNo(outTradeNo);
        Instant now = clock.instant();
        return ledger.inTransaction(tx -> tx.findOrder(outTradeNo).map(found -> closeIfExpired(tx, found, now)));
    }

    /**
     * A refund by the caller's refund number, for a face's refund query.
     *
     * @param outRefundNo the caller's refund id
     * @return the refund, or empty when there is none by that number
     */
    public Optional<RefundRow> findRefund(String outRefundNo) {
        if (outRefundNo == null || !RequestRules.OUT_REFUND_NO.matcher(outRefundNo).matches()) {
            throw RequestRules.invalid("out_refund_no must be 1-64 characters of [0-9A-Za-z_-|*], was "
                    + RequestRules.quote(outRefundNo));
        }
        return ledger.inTransaction(tx -> tx.findRefund(outRefundNo));
    }

    /**
     * Closes an unpaid order so it can no longer be paid (R24). Closing a closed or reversed
     * order again is fine.
     *
     * @param outTradeNo the order
     * @throws RequestRejectedException {@code ORDERPAID} when it is paid (the sale is paid),
     *     {@code ORDER_NOT_EXIST}, {@code INVALID_REQUEST}
     */
    public void close(String outTradeNo) {
        RequestRules.outTradeNo(outTradeNo);
        Instant now = clock.instant();
        ledger.inTransaction(tx -> {
            OrderRow order = existingOrder(tx, outTradeNo);
            switch (order.tradeState()) {
                case SUCCESS, REFUND -> throw new RequestRejectedException(ErrorCode.ORDERPAID,
                        "order " + outTradeNo + " is already paid and cannot be closed; treat the sale as paid");
                case NOTPAY, USERPAYING, PAYERROR -> tx.updateOrder(order.withState(TradeState.CLOSED, now));
                case CLOSED, REVOKED -> {
                    // already final and unpaid
                }
            }
            return null;
        });
    }

    /**
     * Reverses an order: cancels it if unpaid, refunds the rest of the charge if paid; the order
     * ends {@code REVOKED}. Repeating it changes nothing.
     *
     * @param outTradeNo the order
     * @return always {@code recall=false, trade_state=REVOKED}
     * @throws RequestRejectedException {@code ORDER_NOT_EXIST}, {@code INVALID_REQUEST}
     */
    public ReverseResponse reverse(String outTradeNo) {
        RequestRules.outTradeNo(outTradeNo);
        Instant now = clock.instant();
        Outcome outcome = ledger.inTransaction(tx -> {
            OrderRow order = existingOrder(tx, outTradeNo);
            if (order.tradeState() == TradeState.REVOKED) {
                return Outcome.of(order, null);
            }
            OrderRow revoked = order.withState(TradeState.REVOKED, now);
            tx.updateOrder(revoked);
            Optional<ChargeRow> charge = tx.findCharge(outTradeNo);
            long left = charge.map(ChargeRow::amount).orElse(0L) - tx.refundedTotal(outTradeNo);
            if (charge.isEmpty() || left <= 0) {
                return Outcome.of(revoked, null);
            }
            RefundRow refund = new RefundRow(REVERSE_REFUND_PREFIX + outTradeNo, Ids.refundId(now), outTradeNo, left,
                    "reversed", now);
            tx.insertRefund(refund);
            return new Outcome(revoked, charge.get(), refundEvent(tx, revoked, charge.get(), refund, now));
        });
        afterCommit(outcome);
        return new ReverseResponse(outTradeNo, false, TradeState.REVOKED);
    }

    /**
     * Refunds part or all of a paid order, once per out_refund_no.
     *
     * @param request the refund
     * @return the refund, the same for a retry
     * @throws RequestRejectedException {@code REFUND_AMOUNT_INVALID}, {@code ORDER_NOT_PAID},
     *     {@code OUT_REFUND_NO_USED}, {@code ORDER_NOT_EXIST}, {@code INVALID_REQUEST}
     */
    public RefundResponse refund(RefundRequest request) {
        RequestRules.refund(request);
        Instant now = clock.instant();
        String outTradeNo = request.outTradeNo();
        RefundOutcome outcome = ledger.inTransaction(tx -> {
            Optional<RefundRow> earlier = tx.findRefund(request.outRefundNo());
            if (earlier.isPresent()) {
                RefundRow refund = earlier.get();
                if (!refund.outTradeNo().equals(outTradeNo) || refund.amount() != request.amount().refund()) {
                    throw new RequestRejectedException(ErrorCode.OUT_REFUND_NO_USED, "out_refund_no "
                            + request.outRefundNo() + " already refunded " + refund.amount() + " of order "
                            + refund.outTradeNo());
                }
                return new RefundOutcome(refund, null);
            }
            OrderRow order = existingOrder(tx, outTradeNo);
            if (order.total() != request.amount().total() || !order.currency().equals(request.amount().currency())) {
                throw new RequestRejectedException(ErrorCode.REFUND_AMOUNT_INVALID, "amount.total "
                        + request.amount().total() + " " + request.amount().currency() + " does not match order "
                        + outTradeNo + " of " + order.total() + " " + order.currency());
            }
            ChargeRow charge = tx.findCharge(outTradeNo).orElseThrow(() -> new RequestRejectedException(
                    ErrorCode.ORDER_NOT_PAID, "order " + outTradeNo + " was never paid, so nothing can be refunded"));
            long refunded = tx.refundedTotal(outTradeNo);
            long left = charge.amount() - refunded;
            if (request.amount().refund() > left) {
                throw new RequestRejectedException(ErrorCode.REFUND_AMOUNT_INVALID, "refund of "
                        + request.amount().refund() + " exceeds the " + left + " left of the " + charge.amount()
                        + " charged on order " + outTradeNo);
            }
            RefundRow refund = new RefundRow(request.outRefundNo(), Ids.refundId(now), outTradeNo,
                    request.amount().refund(), request.reason(), now);
            tx.insertRefund(refund);
            OrderRow after = order.tradeState() == TradeState.REVOKED ? order : order.withState(TradeState.REFUND, now);
            tx.updateOrder(after);
            return new RefundOutcome(refund, refundEvent(tx, after, charge, refund, now));
        });
        if (outcome.event() != null) {
            notifier.submit(outcome.event());
        }
        return new RefundResponse(outcome.refund().outRefundNo(), outcome.refund().refundId(), "SUCCESS");
    }

    /**
     * The customer scans a native order's code and pays it, now or after a delay (the asked
     * {@code delay_ms}, plus {@code late_pay_delay_ms} when the {@code late_pay_rate} knob hits).
     * Paying a paid order again charges nothing.
     *
     * @param request the scanned code and optional delay
     * @return the paid order, or the scheduled payment with {@code pay_at}
     * @throws RequestRejectedException {@code ORDER_CLOSED} (closed, reversed or expired),
     *     {@code PAYERROR} (the {@code decline_rate} knob; the order stays payable),
     *     {@code ORDER_NOT_EXIST}, {@code INVALID_REQUEST}
     */
    public CustomerPayResponse customerPays(CustomerPayRequest request) {
        String token = RequestRules.codeToken(request);
        long delayMs = request.delayMs() == null ? 0 : request.delayMs();
        if (chaos.roll(chaos.knobs().latePayRate())) {
            delayMs += chaos.knobs().latePayDelayMs();
        }
        if (delayMs == 0) {
            return payNow(token);
        }
        OrderRow order = ledger.inTransaction(tx -> tx.findOrderByCodeToken(token)).orElseThrow(() ->
                new RequestRejectedException(ErrorCode.ORDER_NOT_EXIST, "no order has the code_url " + request.codeUrl()));
        Instant payAt = clock.instant().plusMillis(delayMs);
        scheduleCustomer(() -> {
            try {
                payNow(token);
            } catch (RequestRejectedException refused) {
                log.info("the customer's late payment of order {} was refused: {}", order.outTradeNo(),
                        refused.getMessage());
            }
        }, Duration.ofMillis(delayMs));
        return new CustomerPayResponse(order.outTradeNo(), order.tradeState(), null, null, rfc3339(payAt));
    }

    /**
     * The customer confirms a pay-code payment waiting in {@code USERPAYING}; confirming a paid
     * order again charges nothing.
     *
     * @param outTradeNo the waiting order
     * @return the order after the confirmation
     * @throws RequestRejectedException {@code ORDER_CLOSED} (closed or reversed meanwhile),
     *     {@code INVALID_REQUEST} (not waiting for a confirmation), {@code ORDER_NOT_EXIST}
     */
    public OrderQueryResponse customerConfirms(String outTradeNo) {
        RequestRules.outTradeNo(outTradeNo);
        Instant now = clock.instant();
        Outcome outcome = ledger.inTransaction(tx -> {
            OrderRow order = existingOrder(tx, outTradeNo);
            return switch (order.tradeState()) {
                case USERPAYING -> charge(tx, order.withState(TradeState.SUCCESS, now), order.authCode(), now);
                case SUCCESS, REFUND -> Outcome.of(order, null);
                case CLOSED, REVOKED -> throw new RequestRejectedException(ErrorCode.ORDER_CLOSED,
                        "order " + outTradeNo + " was " + order.tradeState() + " before the customer confirmed");
                case NOTPAY, PAYERROR -> throw RequestRules.invalid("order " + outTradeNo
                        + " is not waiting for the customer's confirmation (" + order.tradeState() + ")");
            };
        });
        afterCommit(outcome);
        return ledger.inTransaction(tx -> status(tx, outcome.order()));
    }

    private CustomerPayResponse payNow(String token) {
        Instant now = clock.instant();
        Outcome outcome = ledger.inTransaction(tx -> {
            OrderRow order = closeIfExpired(tx, tx.findOrderByCodeToken(token).orElseThrow(() ->
                    new RequestRejectedException(ErrorCode.ORDER_NOT_EXIST, "no order has the code_url "
                            + RequestRules.CODE_URL_PREFIX + token)), now);
            if (order.tradeState() == TradeState.NOTPAY && order.isExpiredAt(now)) {
                return Outcome.refused(order, ErrorCode.ORDER_CLOSED); // Expiry.ENDS_PAYMENT: open but past paying
            }
            if (order.tradeState() == TradeState.NOTPAY) {
                if (chaos.roll(chaos.knobs().declineRate())) {
                    return Outcome.refused(order, ErrorCode.PAYERROR);
                }
                OrderRow paid = order.withState(TradeState.SUCCESS, now);
                tx.updateOrder(paid);
                return charge(tx, paid, SCAN_PAYER, now);
            }
            if (order.tradeState().isPaid()) {
                return Outcome.of(order, tx.findCharge(order.outTradeNo()).orElse(null));
            }
            return Outcome.refused(order, ErrorCode.ORDER_CLOSED);
        });
        afterCommit(outcome);
        OrderRow order = outcome.order();
        if (outcome.refusal() == ErrorCode.PAYERROR) {
            throw new RequestRejectedException(ErrorCode.PAYERROR, "the payment of order " + order.outTradeNo()
                    + " was declined (decline_rate knob); the customer may try again");
        }
        if (outcome.refusal() == ErrorCode.ORDER_CLOSED) {
            throw new RequestRejectedException(ErrorCode.ORDER_CLOSED, "order " + order.outTradeNo() + " is "
                    + order.tradeState() + (order.tradeState() == TradeState.NOTPAY ? " but past its expiry ("
                    + order.expiresAt() + ")" : "") + " and can no longer be paid");
        }
        ChargeRow charge = outcome.charge();
        return new CustomerPayResponse(order.outTradeNo(), order.tradeState(),
                charge == null ? null : charge.transactionId(), charge == null ? null : rfc3339(charge.chargedAt()),
                null);
    }

    private void confirmByItself(String outTradeNo) {
        try {
            customerConfirms(outTradeNo);
        } catch (RequestRejectedException e) {
            log.debug("the customer's confirmation of order {} came too late: {}", outTradeNo, e.getMessage());
        } catch (RuntimeException e) {
            log.warn("the customer's confirmation of order {} failed", outTradeNo, e);
        }
    }

    /** Takes the money: the charge, its notification, all in the caller's transaction. */
    private Outcome charge(LedgerTransaction tx, OrderRow paid, String payer, Instant now) {
        ChargeRow charge = new ChargeRow(Ids.transactionId(now), paid.outTradeNo(), paid.total(), paid.currency(),
                payer, now);
        if (!tx.insertCharge(charge)) {
            // the unique key on charges.out_trade_no: this order was charged before, never twice
            return Outcome.of(paid, tx.findCharge(paid.outTradeNo()).orElseThrow());
        }
        tx.updateOrder(paid);
        NotificationRow event = null;
        if (paid.notifyUrl() != null) {
            event = notifications.transactionSuccess(paid, charge, now);
            tx.insertNotification(event);
        }
        return new Outcome(paid, charge, event);
    }

    private NotificationRow refundEvent(LedgerTransaction tx, OrderRow order, ChargeRow charge, RefundRow refund,
                                        Instant now) {
        if (order.notifyUrl() == null) {
            return null;
        }
        NotificationRow event = notifications.refundSuccess(order, charge, refund, tx.refundedTotal(order.outTradeNo()),
                now);
        tx.insertNotification(event);
        return event;
    }

    private void afterCommit(Outcome outcome) {
        if (outcome.event() != null) {
            notifier.submit(outcome.event());
        }
        if (outcome.confirmationScheduled()) {
            scheduleConfirmation(outcome.order());
        }
    }

    private void scheduleConfirmation(OrderRow order) {
        Duration delay = Duration.between(clock.instant(), order.autoConfirmAt());
        scheduleCustomer(() -> confirmByItself(order.outTradeNo()), delay);
    }

    private synchronized void scheduleCustomer(Runnable action, Duration delay) {
        if (customer == null) {
            throw new IllegalStateException("the sandbox gateway is not running");
        }
        try {
            customer.schedule(action, Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("the gateway is stopping; a customer action was dropped");
        }
    }

    private OrderRow closeIfExpired(LedgerTransaction tx, OrderRow order, Instant now) {
        if (expiry == Expiry.CLOSES_ORDER && order.tradeState() == TradeState.NOTPAY && order.isExpiredAt(now)) {
            OrderRow closed = order.withState(TradeState.CLOSED, now);
            tx.updateOrder(closed);
            return closed;
        }
        return order;
    }

    private static OrderRow existingOrder(LedgerTransaction tx, String outTradeNo) {
        return tx.findOrder(outTradeNo).orElseThrow(() -> new RequestRejectedException(ErrorCode.ORDER_NOT_EXIST,
                "no order has out_trade_no " + outTradeNo));
    }

    private static void requireSameOrder(OrderRow existing, OrderKind kind, Amount amount) {
        if (existing.kind() != kind || existing.total() != amount.total()
                || !existing.currency().equals(amount.currency())) {
            throw new RequestRejectedException(ErrorCode.OUT_TRADE_NO_USED, "out_trade_no " + existing.outTradeNo()
                    + " already names a " + existing.kind().name().toLowerCase(Locale.ROOT) + " order of "
                    + existing.total() + " " + existing.currency() + "; use a new out_trade_no for another payment");
        }
    }

    private static RequestRejectedException payError(OrderRow order) {
        ErrorCode code = ErrorCode.NOTENOUGH.name().equals(order.errorCode()) ? ErrorCode.NOTENOUGH : ErrorCode.PAYERROR;
        String why = code == ErrorCode.NOTENOUGH
                ? "the customer's balance does not cover " + order.total() + " " + order.currency()
                : "the payment was declined";
        return new RequestRejectedException(code, why + " (order " + order.outTradeNo()
                + "; nothing was charged; retry with another pay-code or take another tender)");
    }

    private static OrderQueryResponse status(LedgerTransaction tx, OrderRow order) {
        Optional<ChargeRow> charge = tx.findCharge(order.outTradeNo());
        return new OrderQueryResponse(order.outTradeNo(), order.tradeState(),
                new Amount(order.total(), order.currency()), charge.map(ChargeRow::transactionId).orElse(null),
                charge.map(c -> rfc3339(c.chargedAt())).orElse(null), tx.refundedTotal(order.outTradeNo()),
                order.tradeState() == TradeState.PAYERROR ? order.errorCode() : null);
    }

    static String rfc3339(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** What a transaction did, for the steps after its commit. */
    private record Outcome(OrderRow order, ChargeRow charge, NotificationRow event, ErrorCode refusal,
                           boolean confirmationScheduled) {
        Outcome(OrderRow order, ChargeRow charge, NotificationRow event) {
            this(order, charge, event, null, false);
        }

        static Outcome of(OrderRow order, ChargeRow charge) {
            return new Outcome(order, charge, null, null, false);
        }

        static Outcome refused(OrderRow order, ErrorCode refusal) {
            return new Outcome(order, null, null, refusal, false);
        }
    }

    private record RefundOutcome(RefundRow refund, NotificationRow event) {
    }
}
