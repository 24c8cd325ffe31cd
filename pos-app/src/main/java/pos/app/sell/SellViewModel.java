package pos.app.sell;

import java.time.Clock;
import java.util.Currency;
import java.util.ResourceBundle;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import pos.app.checkout.CardPayments;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.checkout.MessageKind;
import pos.app.checkout.Supervision;
import pos.app.sell.card.CardViewModel;
import pos.app.sell.cart.CartViewModel;
import pos.app.sell.cash.CashViewModel;
import pos.app.sell.paycode.PayCodeViewModel;
import pos.app.sell.qr.QrViewModel;
import pos.app.sell.result.ResultViewModel;
import pos.app.sell.rulecheck.RuleCheckViewModel;
import pos.app.sell.status.StatusViewModel;
import pos.app.sell.voucher.VoucherViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.Subscriptions;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.journal.SaleJournal;
import pos.core.money.Money;
import pos.core.pay.PaymentDesk;
import pos.core.rules.CardSpending;
import pos.core.rules.RuleBase;
import pos.core.sale.Sale;
import pos.core.sale.TransactionId;
import pos.core.sync.SyncMonitor;

/**
 * The sell screen as a composition of its parts: one {@link Checkout} (the sale and where it is,
 * without JavaFX) and one view model per part, each observing the checkout, none knowing another.
 * Here only: the message line, the focus the checkout asks for, the shortcuts that belong to no
 * single part, and the set-up the composition root hands in. Not thread-safe: UI thread only.
 */
public final class SellViewModel {

    private final Checkout checkout;
    private final CartViewModel cart;
    private final CashViewModel cash;
    private final QrViewModel qr;
    private final PayCodeViewModel payCode;
    private final CardViewModel card;
    private final VoucherViewModel vouchers;
    private final RuleCheckViewModel ruleCheck;
    private final ResultViewModel result;
    private final StatusViewModel status;
    private final pos.app.sell.discount.DiscountViewModel discount;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SimpleStringProperty message = new SimpleStringProperty(this, "message", "");
    private final SimpleObjectProperty<MessageKind> messageKind = new SimpleObjectProperty<>(this, "messageKind", MessageKind.INFO);
    private final SimpleObjectProperty<CheckoutState> state = new SimpleObjectProperty<>(this, "state", CheckoutState.CART);
    private final SimpleObjectProperty<FocusTarget> focusRequest = new SimpleObjectProperty<>(this, "focusRequest", FocusTarget.SCAN_FIELD);
    private final SimpleBooleanProperty locked = new SimpleBooleanProperty(this, "locked", false);

    /** @param payments the payment component for QR and pay-code tenders, or null when this till has none */
    public SellViewModel(Catalog catalog, SaleJournal journal, SyncMonitor sync, PaymentDesk payments,
            TransactionId.Generator ids, Clock clock, String tillId, Currency currency, MoneyFormat money,
            ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.checkout = new Checkout(catalog, journal, payments, ids, clock, tillId, currency, money, text, background, ui);
        this.cart = new CartViewModel(checkout);
        this.cash = new CashViewModel(checkout);
        this.qr = new QrViewModel(checkout);
        this.payCode = new PayCodeViewModel(checkout);
        this.card = new CardViewModel(checkout);
        this.vouchers = new VoucherViewModel(checkout);
        this.ruleCheck = new RuleCheckViewModel(checkout);
        this.result = new ResultViewModel(checkout);
        this.discount = new pos.app.sell.discount.DiscountViewModel(checkout);
        this.status = new StatusViewModel(checkout, sync, ui);
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
        subscriptions.add(checkout.onFocus(target -> {
            // fires even when the target is unchanged, so the view moves the focus back each time
            focusRequest.set(null);
            focusRequest.set(target);
        }));
    }

    private void refresh() {
        message.set(checkout.message());
        messageKind.set(checkout.messageKind());
        state.set(checkout.state());
        locked.set(checkout.locked());
    }

    // ---------------------------------------------------------------- the parts

    public Checkout checkout() { return checkout; }
    public CartViewModel cart() { return cart; }
    /** The discount entry (F3, Shift+F3, Alt+O; issue 12). */
    public pos.app.sell.discount.DiscountViewModel discount() { return discount; }
    public CashViewModel cash() { return cash; }
    public QrViewModel qr() { return qr; }
    public PayCodeViewModel payCode() { return payCode; }
    public CardViewModel card() { return card; }
    public VoucherViewModel vouchers() { return vouchers; }
    public RuleCheckViewModel ruleCheck() { return ruleCheck; }
    public ResultViewModel result() { return result; }
    public StatusViewModel status() { return status; }

    // ---------------------------------------------------------------- what no single part owns

    /** A scan from any scanner (wedge, serial, webcam). Works whatever has the focus. */
    public void handleScan(String code) {
        checkout.scan(code);
    }

    /** The scanner read something it could not accept; the clerk is told to scan again. */
    public void handleRejectedScan(String reason) {
        checkout.rejectedScan(reason);
    }

    /**
     * F10: "exact amount" in the cash panel; "check again" while a payment waits or after it timed out (R24);
     * anywhere else the clerk is told where it works, never silence (issue 11 defect 8).
     */
    public void exactOrCheckAgain() {
        if (checkout.checkAgain()) {
            return;
        }
        if (checkout.state() == CheckoutState.CASH) {
            cash.exact();
        } else {
            checkout.say(MessageKind.INFO, "sell.exact.onlyInCash");
        }
    }

    /** Esc: the result page, the popup, or the tender panel closes, in that order. */
    public void backToCart() {
        checkout.back();
    }

    /** Shows the message {@code key} (an info line) in the message line. */
    public void say(String key) {
        checkout.say(MessageKind.INFO, key);
    }

    /** Money arrived for a payment the till had given up on (R24). */
    public void handleLatePayment(Money amount, String transactionId, String outcome) {
        checkout.latePayment(amount, transactionId, outcome);
    }

    /** Locks the till (nobody signed in: sign-in screen shows) or unlocks it for {@code clerkName}. */
    public void showClerk(String clerkName, String roleText) {
        status.showClerk(clerkName, roleText);
        if (clerkName == null) {
            checkout.lock();
        } else {
            checkout.unlock(clerkName);
        }
    }

    // ---------------------------------------------------------------- set-up from the composition root

    /** The rule base in force (R13, R14, R26), what a card paid today, and the store's merchant id. */
    public void useRules(Supplier<RuleBase> rules, CardSpending spending, String payee) {
        checkout.useRules(rules, spending, payee);
        status.showRuleBase(rules.get().version(), "", "");
    }

    public void useEvents(pos.core.events.EventRecorder recorder) { checkout.useEvents(recorder); }
    public void useCardPayments(CardPayments cards) { checkout.useCardPayments(cards); }

    public void useVouchers(pos.core.voucher.VoucherCodec codec, String storeId, pos.core.voucher.VoucherRedemption redemption) {
        checkout.useVouchers(codec, storeId, redemption);
    }

    public void useSupervision(Supervision asking, pos.core.people.SupervisedSale guarded) {
        checkout.cart().useSupervision(asking, guarded);
        checkout.discounts().useSupervision(asking, guarded);
    }

    public void useApproverNames(Function<String, String> names) { checkout.cart().useApproverNames(names); }

    /**
     * What the people buttons do (member pay, switch clerk, people), and why member pay cannot work on this till (a
     * bundle key, said when it is asked for) or null when it can.
     */
    public record PeopleActions(Runnable memberPay, Runnable switchClerk, Runnable openPeople, String memberPayNotSetUp) {
        public PeopleActions(Runnable memberPay, Runnable switchClerk, Runnable openPeople) {
            this(memberPay, switchClerk, openPeople, null);
        }
    }

    /** Shows the member, switch-clerk and people buttons and their shortcuts; before the screen loads. */
    public void usePeopleActions(PeopleActions actions) {
        cart.usePeopleActions(actions.memberPay(), actions.switchClerk(), actions.openPeople(), actions.memberPayNotSetUp());
    }

    public void followAlerts(pos.core.sync.AlertFeed alerts) { status.followAlerts(alerts); }
    public void showDemoMode(boolean demoWithSandboxKeys) { status.showDemoMode(demoWithSandboxKeys); }
    public void showRuleBase(long version, String source, String refusal) { status.showRuleBase(version, source, refusal); }

    /** As above, the refusal from the till's text {@code refusalKey} and {@code values} (issue 14.3). */
    public void showRuleBase(long version, String source, String refusal, String refusalKey, java.util.List<Object> values) {
        status.showRuleBase(version, source, refusal, refusalKey, values);
    }
    public void showCamera(String state, String camera, String detail) { status.showCamera(state, camera, detail); }
    public void showFingerprint(String state, String sentence, boolean problem) { status.showFingerprint(state, sentence, problem); }

    /**
     * Issue 13: the configured payment provider ({@code wechatpay}, {@code alipay}) cannot be used. Said on the status
     * bar and the message line now, and again when QR, pay-code or card is chosen; cash goes on.
     *
     * @param sentence       the provider's sentence (an unsafe file, a key that does not load), used when nothing is
     *                       simply missing
     * @param credentialsDir where the credential files are looked for, or null
     * @param missing        each missing credential's file name → its variable; the message line says how many (short:
     *                       it must not push the tenders off a small screen), the status bar names the files and where,
     *                       its tooltip every file with its variable (the provider's whole sentence is in the log)
     */
    public void showPaymentsNotSetUp(String provider, String sentence, java.nio.file.Path credentialsDir,
            java.util.Map<String, String> missing) {
        String key = "pay.provider.name." + provider;
        String name = checkout.text().has(key) ? checkout.text().format(key) : provider;
        String where = credentialsDir == null ? "-" : credentialsDir.toString();
        String variables = "POS_" + provider.toUpperCase(java.util.Locale.ROOT) + "_\u2026";
        String files = String.join(", ", missing.keySet());
        String filesAndVariables = missing.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")")
                .collect(java.util.stream.Collectors.joining(", "));
        // issue 14.3: the till's own sentence names what failed; the provider's (English) one is its detail
        String unusable = checkout.text().format("pay.provider.unusable", sentence);
        checkout.payments().providerNotSetUp(name, missing.isEmpty() ? unusable
                : checkout.text().format("pay.provider.missing", missing.size()));
        status.showPaymentsNotSetUp(name, missing.isEmpty() ? unusable
                : checkout.text().format("status.payments.missing", files, where, variables),
                missing.isEmpty() ? sentence : checkout.text().format("status.payments.missingDetail", filesAndVariables, where));
        checkout.show(MessageKind.ERROR, checkout.payments().notSetUpText("pay.notConfigured"));
    }

    /** Stops every part observing the checkout, sync status and alerts. */
    public void dispose() {
        subscriptions.close();
        for (Runnable part : new Runnable[] {cart::dispose, cash::dispose, qr::dispose, payCode::dispose, card::dispose,
                vouchers::dispose, ruleCheck::dispose, result::dispose, status::dispose, discount::dispose}) {
            part.run();
        }
    }

    // ---------------------------------------------------------------- the screen's own properties

    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind; }
    /** Where the checkout is, for the view and tests. */
    public ReadOnlyObjectProperty<CheckoutState> stateProperty() { return state; }
    public ReadOnlyObjectProperty<FocusTarget> focusRequestProperty() { return focusRequest; }
    /** True while nobody is signed in. */
    public ReadOnlyBooleanProperty lockedProperty() { return locked; }
    /** The sale on screen, for tests and the receipt. */
    public Sale currentSale() { return checkout.sale(); }
}
