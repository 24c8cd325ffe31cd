package pos.app.checkout;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.UiThread;
import pos.core.text.ClerkEcho;
import pos.core.money.Money;
import pos.core.pay.PayCodes;
import pos.core.pay.PaymentDesk;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PreCheck;
import pos.core.sale.SaleException;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;

/**
 * The checkout's gateway payments (R20–R24): QR shown, pay-code scanned and card, each through the
 * {@link PaymentDesk}; the session is followed and its state shown; a late payment is said. Not
 * thread-safe: UI thread only (session changes come back through {@link UiThread}).
 */
public final class GatewayPayments {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayPayments.class);

    private final Checkout checkout;
    private final PaymentDesk desk;
    private final CheckoutText text;
    private final TransactionId.Generator ids;
    private final Clock clock;
    private final String tillId;
    private final UiThread ui;

    private PaymentSession session;
    private AutoCloseable sessionSubscription;
    private PaymentMethod method;
    private TenderType tender;
    private PaymentSession.State paymentState;
    private String qrContent;
    private String title = "";
    private String detail = "";
    private String countdown = "";
    private String reasonCode;
    /** The gateway's own code for the last card refusal, for a support line; "" when there is none. */
    private String supportCode = "";
    /** Issue 13: the clerk's sentence for the configured provider that cannot be used, or null. */
    private String providerProblem;

    GatewayPayments(Checkout checkout, PaymentDesk desk, CheckoutText text, TransactionId.Generator ids, Clock clock,
            String tillId, UiThread ui) {
        this.checkout = checkout;
        this.desk = desk;
        this.text = text;
        this.ids = ids;
        this.clock = clock;
        this.tillId = tillId;
        this.ui = ui;
    }

    /** Whether this till has a payment gateway (QR and pay-code tenders). */
    public boolean configured() {
        return desk != null;
    }

    /**
     * Issue 13: the configured provider cannot be used ({@code sentence}: its missing or unsafe credential, naming the
     * file and the variable); QR, pay-code and card say so instead of the general "not set up".
     */
    public void providerNotSetUp(String providerName, String sentence) {
        providerProblem = text.format("pay.provider.notSetUp", providerName, sentence);
        checkout.changed();
    }

    /** Why a gateway tender is off: the provider's problem when there is one, else the text {@code key}. */
    public String notSetUpText(String key) {
        return providerProblem != null ? providerProblem : text.format(key);
    }

    private void sayNotSetUp(String key) {
        checkout.show(MessageKind.ERROR, notSetUpText(key));
    }

    /** The card panel opens: any earlier session is dropped. */
    void startCardEntry() {
        drop();
        tender = TenderType.CARD;
        supportCode = "";
    }

    /** QR, PAY_CODE or CARD while such a tender is chosen; null otherwise. */
    public TenderType tender() {
        return tender;
    }

    public PaymentSession.State paymentState() {
        return paymentState;
    }

    /** The QR code's content while a QR order is open, else null. */
    public String qrContent() {
        return qrContent;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return detail;
    }

    public String countdown() {
        return countdown;
    }

    /**
     * The payment service's own code for why the last attempt was refused ({@code NOTENOUGH},
     * {@code ACQ.BUYER_BALANCE_NOT_ENOUGH}), for a small detail line; else null. The clerk's sentence comes from the
     * neutral reason ({@link CheckoutText#refusal(String)}).
     */
    public String reasonCode() {
        return reasonCode;
    }

    /**
     * The gateway's code for why the last card payment failed ("WRONG_PIN"), made safe to show, for
     * the small support line under the clerk's sentence; "" when there is none. Never the sentence.
     */
    public String supportCode() {
        return supportCode;
    }

    void newSale() {
        drop();
        method = null;
        tender = null;
    }

    /** F11 (R21): a QR code for the amount due. */
    void openQr() {
        if (begin()) {
            checkout.pageShown(pos.core.events.PageIds.TENDER_QR);
            start(PaymentMethod.QR_SHOWN, null);
        }
    }

    /** F4: the next scan is the customer's payment code. */
    void openPayCode() {
        if (begin()) {
            drop();
            method = PaymentMethod.PAY_CODE;
            tender = TenderType.PAY_CODE;
            checkout.pageShown(pos.core.events.PageIds.TENDER_PAY_CODE);
            paymentState = null;
            qrContent = null;
            countdown = "";
            title = text.format("pay.code.title");
            detail = text.format("pay.code.scanPrompt", text.money(checkout.sale().total()));
            reasonCode = null;
            checkout.enter(CheckoutState.PAY_CODE);
            checkout.requestFocus(FocusTarget.SCAN_FIELD);
            checkout.say(MessageKind.INFO, "pay.code.scanPrompt", text.money(checkout.sale().total()));
        }
    }

    /** A pay-code scanned: while the pay-code panel waits, or straight from the cart (the customer's wallet). */
    void payCodeScanned(String code, boolean fromCart) {
        if (!PayCodes.isPlausible(code)) {
            checkout.say(MessageKind.ERROR, "pay.code.notAPayCode");
            return;
        }
        if (fromCart) {
            if (!begin()) {
                return;
            }
            checkout.pageShown(pos.core.events.PageIds.TENDER_PAY_CODE);
        }
        start(PaymentMethod.PAY_CODE, code);
    }

    /**
     * A scan after a payment ended without money (issue 11 defect 7): after a refused or stopped
     * pay-code (nothing was charged) the customer's next code is a new attempt with a new
     * transaction id; while the last outcome is unknown the clerk is told to check first. Answers
     * false when the scan is not a pay-code for this tender.
     */
    boolean scannedAfterProblem(String code) {
        if (tender != TenderType.PAY_CODE || method != PaymentMethod.PAY_CODE || !PayCodes.isPlausible(code)) {
            return false;
        }
        if (paymentState != null && paymentState != PaymentSession.State.FAILED && paymentState != PaymentSession.State.CANCELLED) {
            checkout.say(MessageKind.ERROR, "pay.code.outcomeUnknown");
            return true;
        }
        start(PaymentMethod.PAY_CODE, code);
        return true;
    }

    /** The tender's panel may open: the sale goes to tendering (or is already there). */
    boolean begin() {
        if (desk == null) {
            sayNotSetUp("pay.notConfigured");
            return false;
        }
        return beginOtherTender();
    }

    private void start(PaymentMethod method, String authCode) {
        drop();
        this.method = method;
        tender = method == PaymentMethod.QR_SHOWN ? TenderType.QR : TenderType.PAY_CODE;
        if (!checkout.passesRules(tender, checkout.sale().due())) {
            if (checkout.state() == CheckoutState.CART && checkout.sale().state() == SaleState.TENDERING
                    && !checkout.sale().isPartPaid()) {
                checkout.sale().resumeShopping(); // nothing was sent: the cart stays open to fix
            }
            return;
        }
        PaymentOrder order = new PaymentOrder(ids.next(), tillId, method, checkout.sale().due(), description(), clock.instant());
        PreCheck check = desk.preCheck(order);
        title = text.format(method == PaymentMethod.QR_SHOWN ? "pay.qr.title" : "pay.code.title");
        qrContent = null;
        countdown = "";
        reasonCode = null;
        if (!check.passed()) {
            paymentState = null;
            detail = check.failures().stream().map(f -> text.format(f.messageKey(), f.arguments().toArray()))
                    .reduce((a, b) -> a + "\n" + b).orElse("");
            checkout.enter(CheckoutState.PAYMENT_PROBLEM);
            checkout.requestFocus(FocusTarget.PAY_AGAIN);
            checkout.say(MessageKind.ERROR, "pay.preCheckFailed");
            return;
        }
        follow(order.outTradeNo(), () -> method == PaymentMethod.QR_SHOWN ? desk.startQr(order) : desk.startPayCode(order, authCode));
    }

    /** The payment's description for the gateway ("till-7, 3 items"). */
    String description() {
        return text.format("pay.description", tillId, checkout.sale().totals().itemCount());
    }

    /** A checked card payment goes out: {@code start} asks the payment component, then it is followed. */
    void startCard(TransactionId attempt, Supplier<PaymentSession> start) {
        drop();
        tender = TenderType.CARD;
        title = text.format("card.title");
        qrContent = null;
        countdown = "";
        reasonCode = null;
        supportCode = "";
        follow(attempt.value(), start);
    }

    private void follow(String attempt, Supplier<PaymentSession> start) {
        try {
            session = start.get();
        } catch (RuntimeException e) {
            LOG.error("could not start payment {}", attempt, e);
            session = null;
            paymentState = PaymentSession.State.UNREACHABLE;
            problem(PaymentSession.State.UNREACHABLE, "");
            return;
        }
        checkout.enter(CheckoutState.PAYING);
        PaymentSession started = session;
        sessionSubscription = started.onChange(state -> ui.execute(() -> changed(started, state)));
        changed(started, started.state());
    }

    private void changed(PaymentSession changed, PaymentSession.State state) {
        if (changed != session || checkout.state() == CheckoutState.SAVING || checkout.state() == CheckoutState.PAID) {
            return; // an earlier attempt, or this one is already being completed
        }
        paymentState = state;
        String reason = changed.reasonCode().orElse("");
        String total = text.money(checkout.sale().total());
        switch (state) {
            case STARTING, WAITING_FOR_CUSTOMER, USER_PAYING -> {
                changed.qrOrder().ifPresent(qr -> {
                    if (!qr.codeUrl().equals(qrContent)) {
                        checkout.pageShown(pos.core.events.PageIds.QR_SHOWN);
                    }
                    qrContent = qr.codeUrl();
                });
                updateCountdown();
                detail = text.format("pay.state." + state, reason, total);
                checkout.enter(CheckoutState.PAYING);
                checkout.say(MessageKind.INFO, "pay.state." + state, reason, total);
            }
            case PAID -> {
                detail = text.format("pay.state." + state, reason, total);
                paid(changed);
            }
            case FAILED, TIMED_OUT, UNREACHABLE, CANCELLED -> {
                LOG.info("payment {} ended {} ({})", changed.order().outTradeNo(), state, reason.isEmpty() ? "no code" : ClerkEcho.forLog(reason));
                problem(state, reason);
            }
        }
    }

    /**
     * The attempt ended without money: the closed order's QR code goes at once (nobody may scan it,
     * issue 11 defect 9), the clerk reads why in words (the raw code only in the detail line, defect
     * 6) and Enter pays again (defect 1: the pay-again button takes the keys).
     */
    private void problem(PaymentSession.State state, String reason) {
        boolean qrExpired = tender == TenderType.QR && state == PaymentSession.State.TIMED_OUT;
        qrContent = null;
        countdown = "";
        // only a refusal's code is the payment service's own, worth a detail line (not NO_RESULT_IN_TIME and the like)
        reasonCode = state == PaymentSession.State.FAILED ? CheckoutText.providerCode(reason) : null;
        checkout.enter(CheckoutState.PAYMENT_PROBLEM);
        checkout.requestFocus(FocusTarget.PAY_AGAIN);
        if (tender == TenderType.CARD) {
            cardProblem(state, reason);
            return;
        }
        String key = qrExpired ? "pay.qr.expired"
                : tender == TenderType.PAY_CODE && text.has("pay.code." + state) ? "pay.code." + state : "pay.state." + state;
        String sentence = text.format(key, text.refusal(reason));
        detail = sentence;
        checkout.show(MessageKind.ERROR, sentence);
    }

    /**
     * A card payment that did not go through: the clerk reads a sentence from the bundle (what
     * happened, what to do), never the gateway's code, which goes to the log and the support line.
     */
    private void cardProblem(PaymentSession.State state, String reason) {
        String key = "card.state." + state;
        String sentence = state == PaymentSession.State.FAILED ? text.cardRefusal(reason)
                : text.has(key) ? text.format(key) : text.format("card.state.other");
        String provider = CheckoutText.providerCode(reason);
        supportCode = provider == null ? "" : provider;
        detail = sentence;
        checkout.show(MessageKind.ERROR, sentence);
        checkout.showResult(false, text.format("card.result.failed"), sentence);
    }

    private void paid(PaymentSession paid) {
        if (checkout.state() == CheckoutState.PAYMENT_PROBLEM) {
            checkout.enter(CheckoutState.PAYING); // "check again" found the money after all
        }
        countdown = "";
        title = text.format("pay.paidTitle");
        if (tender == TenderType.CARD) {
            Money amount = paid.order().amount();
            checkout.sale().payPart(TenderType.CARD, amount, paid.order().outTradeNo(), clock.instant());
            String masked = checkout.card().maskedCardInFlight();
            checkout.card().clear();
            checkout.noChange();
            if (checkout.sale().state() == SaleState.PAID) {
                checkout.showResult(true, text.format("card.result.paid"), text.format("card.result.paidDetail",
                        text.money(amount), masked));
                checkout.save(SaleRecord.of(checkout.sale(), tillId));
            } else {
                drop();
                checkout.showResult(true, text.format("card.result.paid"), text.format("card.result.partDetail",
                        text.money(amount), masked, text.money(checkout.sale().due())));
                checkout.cashForRest();
            }
            return;
        }
        checkout.sale().payInFull(tender, paid.order().outTradeNo(), clock.instant());
        checkout.noChange();
        qrContent = null;
        checkout.save(SaleRecord.of(checkout.sale(), tillId));
    }

    /** Enter after a failed, timed-out or cancelled payment: a new attempt with a new transaction id. */
    void payAgain() {
        if (checkout.state() != CheckoutState.PAYMENT_PROBLEM) {
            return;
        }
        checkout.clicked(pos.core.events.ElementIds.PAY_AGAIN);
        if (tender == TenderType.CARD) {
            checkout.dismissResult();
            drop();
            checkout.enter(CheckoutState.CARD_ENTRY);
            checkout.requestFocus(FocusTarget.CARD_NUMBER);
            checkout.say(MessageKind.INFO, "card.prompt", text.money(checkout.sale().due()));
            return;
        }
        if (method == PaymentMethod.QR_SHOWN) {
            start(PaymentMethod.QR_SHOWN, null);
            if (checkout.state() == CheckoutState.PAYING) {
                checkout.requestFocus(FocusTarget.SCAN_FIELD); // the pay-again button goes away
            }
        } else {
            checkout.enter(CheckoutState.CART);
            checkout.sale().resumeShopping();
            openPayCode();
        }
    }

    /** F10 while a payment waits or after it timed out (R24): ask the gateway again. */
    boolean checkAgain() {
        if ((checkout.state() == CheckoutState.PAYING || checkout.state() == CheckoutState.PAYMENT_PROBLEM) && session != null) {
            checkout.clicked(pos.core.events.ElementIds.CHECK_AGAIN);
            session.checkAgain();
            checkout.say(MessageKind.INFO, "pay.checkingAgain");
            return true;
        }
        return false;
    }

    /** Esc while paying: the payment is stopped first. */
    void cancel() {
        session.cancel();
        checkout.say(MessageKind.INFO, "pay.cancelling");
    }

    /** Refreshes the seconds left on a QR payment. */
    void updateCountdown() {
        if (session == null || checkout.state() != CheckoutState.PAYING) {
            countdown = "";
            return;
        }
        long seconds = Math.max(0, Duration.between(clock.instant(), session.deadline()).toSeconds());
        countdown = text.format("pay.countdown", seconds);
    }

    /** The transaction id of the payment attempt followed now (kept with the open sale for recovery), or null. */
    public String attemptId() {
        PaymentSession followed = session;
        return followed == null ? null : followed.order().outTradeNo();
    }

    /** Stops following the session in flight (an earlier attempt's late news is ignored). */
    void drop() {
        if (sessionSubscription != null) {
            try {
                sessionSubscription.close();
            } catch (Exception e) {
                LOG.warn("could not stop listening to payment {}", session == null ? "?" : session.order().outTradeNo(), e);
            }
        }
        sessionSubscription = null;
        session = null;
    }

    /** The money arrived for a payment the till had given up on (R24); the component refunds or keeps it. */
    void late(Money amount, String transactionId, String outcome) {
        String key = "pay.late." + outcome;
        checkout.say(MessageKind.ERROR, text.has(key) ? key : "pay.late.REPORTED", text.money(amount),
                transactionId.length() > 6 ? transactionId.substring(transactionId.length() - 6) : transactionId);
    }

    /** F1: the card panel for the amount due: card number, bank, amount. */
    void openCard() {
        if (!checkout.card().configured()) {
            sayNotSetUp("card.notConfigured");
            return;
        }
        if (checkout.state() == CheckoutState.CARD_ENTRY) {
            checkout.requestFocus(FocusTarget.CARD_NUMBER);
            return;
        }
        if (!beginOtherTender()) {
            return;
        }
        startCardEntry();
        checkout.card().open(checkout.sale().due());
        checkout.cashDueNow();
        checkout.enterQuietly(CheckoutState.CARD_ENTRY);
        checkout.requestFocus(FocusTarget.CARD_NUMBER);
        checkout.pageShown(pos.core.events.PageIds.TENDER_CARD);
        checkout.say(MessageKind.INFO, "card.prompt", text.money(checkout.sale().due()));
    }

    /** A non-cash tender opens: the sale goes to tendering, or leaves another tender's panel. */
    boolean beginOtherTender() {
        switch (checkout.state()) {
            case CART -> {
                try {
                    checkout.sale().beginTender();
                } catch (SaleException e) {
                    checkout.cart().refuse(e);
                    return false;
                }
            }
            case CASH, PAY_CODE, PAYMENT_PROBLEM, CARD_ENTRY, CARD_PIN -> checkout.card().wipePin();
            default -> {
                return false;
            }
        }
        return true;
    }
}
