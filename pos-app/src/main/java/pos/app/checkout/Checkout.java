package pos.app.checkout;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.journal.JournalWriteException;
import pos.core.journal.SaleJournal;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.pay.PaymentDesk;
import pos.core.rules.CardSpending;
import pos.core.rules.RuleBase;
import pos.core.sale.Sale;
import pos.core.sale.SaleException;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.Tender;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;

/**
 * The checkout, without a screen: the {@link Sale} on the counter, the one {@link CheckoutState}
 * of where it is, the message for the clerk, the journaling through the {@link TaskExecutor} and
 * the tenders: cash here, cart editing in {@link CartEditing}, gateway payments in
 * {@link GatewayPayments}, cards in {@link CardEntry}, vouchers in {@link Vouchers}, the rule
 * pre-check for every tender in {@link RuleCheck}. The parts of the sell screen observe it
 * ({@link #onChange}) and call its actions; it never knows them. Not thread-safe: UI thread only
 * (tests: the test thread); background results come back through {@link UiThread}.
 */
public final class Checkout {

    private static final Logger LOG = LoggerFactory.getLogger(Checkout.class);

    private final SaleJournal journal;
    private final TransactionId.Generator ids;
    private final Clock clock;
    private final String tillId;
    private final Currency currency;
    private final CheckoutText text;
    private final TaskExecutor background;
    private final UiThread ui;
    private final DateTimeFormatter dateTimeFormat;
    private final RuleCheck rules;
    private final GatewayPayments payments;
    private final CardEntry card;
    private final Vouchers vouchers;
    private final CartEditing cart;
    private final CashTender cash;
    private final Discounts discounts;
    private final ClerkOnDuty clerk;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<FocusTarget>> focusListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<SaleRecord>> journaledListeners = new CopyOnWriteArrayList<>();

    private Sale sale;
    private CheckoutState state = CheckoutState.CART;
    private String message = "";
    private MessageKind messageKind = MessageKind.INFO;
    private FocusTarget focus = FocusTarget.SCAN_FIELD;
    private boolean locked;
    private boolean ageConfirmed;
    private CardResult result;
    private pos.core.events.EventRecorder events;

    /** A card payment's result page (R17): shown to clerk and customer until dismissed. */
    public record CardResult(boolean success, String title, String detail) {
    }

    /** @param payments the payment component for QR and pay-code tenders, or null when this till has none */
    public Checkout(Catalog catalog, SaleJournal journal, PaymentDesk payments, TransactionId.Generator ids, Clock clock,
            String tillId, Currency currency, MoneyFormat money, ResourceBundle bundle, TaskExecutor background, UiThread ui) {
        Objects.requireNonNull(catalog, "catalog");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.text = new CheckoutText(bundle, Objects.requireNonNull(money, "money"));
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.dateTimeFormat = pos.app.i18n.TillDates.dateTime(money.locale(), FormatStyle.MEDIUM);
        this.rules = new RuleCheck(this, text, clock);
        this.payments = new GatewayPayments(this, payments, text, ids, clock, tillId, ui);
        this.card = new CardEntry(this, text, ids, currency);
        this.vouchers = new Vouchers(this, text, catalog, clock, tillId, currency, dateTimeFormat, background, ui);
        this.cart = new CartEditing(this, text, catalog, clock, tillId);
        this.cash = new CashTender(this, text, journal, clock, tillId, currency, background, ui);
        this.discounts = new Discounts(this, text);
        this.clerk = new ClerkOnDuty(journal, ids, clock, tillId, background);
        startNewSale();
        say(MessageKind.INFO, "sell.ready");
    }

    // ---------------------------------------------------------------- set-up

    /** Checks every payment against {@code rules} (R13, R14) and scanned items against their sale windows (R26). */
    public void useRules(Supplier<RuleBase> rules, CardSpending spending, String payee) {
        this.rules.use(rules, spending, payee);
    }

    /** Reports buried points (R19): tender pages shown and tender buttons pressed. */
    public void useEvents(pos.core.events.EventRecorder recorder) {
        this.events = Objects.requireNonNull(recorder, "recorder");
    }

    /** Enables the card tender (F1) through the payment component (R16). */
    public void useCardPayments(CardPayments cards) {
        card.use(cards);
        changed();
    }

    /** Takes voucher scans from now on; {@code redemption} null: the till cannot prove a voucher unused, so refuses them. */
    public void useVouchers(pos.core.voucher.VoucherCodec codec, String storeId, pos.core.voucher.VoucherRedemption redemption) {
        vouchers.use(codec, storeId, redemption);
    }

    // ---------------------------------------------------------------- observing

    /** Calls {@code listener} after every change of the checkout; close the answer to stop. */
    public AutoCloseable onChange(Runnable listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Hears each request to move the clerk's keystrokes to a field, even a repeated one. */
    public AutoCloseable onFocus(Consumer<FocusTarget> listener) {
        focusListeners.add(listener);
        return () -> focusListeners.remove(listener);
    }

    /**
     * Hears each finished sale right after its record is durably in the journal (never before), on the
     * journal's background thread: the listener must only hand the record on (e.g. to a print queue),
     * never block. Issue 12: receipts print after the journal append. Close the answer to stop.
     */
    public AutoCloseable onJournaled(Consumer<SaleRecord> listener) {
        journaledListeners.add(listener);
        return () -> journaledListeners.remove(listener);
    }

    /** Called by the journaling of a finished sale once the journal has it; a listener's failure never undoes the sale. */
    void journaled(SaleRecord record) {
        for (Consumer<SaleRecord> listener : journaledListeners) {
            try {
                listener.accept(record);
            } catch (RuntimeException e) {
                LOG.error("a listener of journaled sales failed for sale {}", record.transactionId(), e);
            }
        }
    }

    void changed() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }

    public CheckoutState state() { return state; }
    /** The sale on the counter; a new object after each finished or cancelled sale. */
    public Sale sale() { return sale; }
    public String message() { return message; }
    public MessageKind messageKind() { return messageKind; }
    /** The last field asked for. */
    public FocusTarget focus() { return focus; }
    /** True while nobody is signed in: scans and shortcuts do nothing but say so. */
    public boolean locked() { return locked; }
    public boolean ageConfirmed() { return ageConfirmed; }
    /** The card result page while it shows, else null. */
    public CardResult result() { return result; }
    public RuleCheck rules() { return rules; }
    public GatewayPayments payments() { return payments; }
    public CardEntry card() { return card; }
    public Vouchers vouchers() { return vouchers; }
    public CartEditing cart() { return cart; }
    /** Line and sale discounts and price overrides (F3, Shift+F3, Alt+O; issue 12). */
    public Discounts discounts() { return discounts; }
    /** The clerk signed in, who sells each sale (issue 12 point 6). */
    public ClerkOnDuty clerk() { return clerk; }
    public CheckoutText text() { return text; }
    public String tillId() { return tillId; }
    public Currency currency() { return currency; }
    public Clock clock() { return clock; }
    public DateTimeFormatter dateTimeFormat() { return dateTimeFormat; }

    /** The panel beside the cart: the cart's own actions, or a tender's. */
    public enum Panel { CART, CASH, CARD_ENTRY, CARD_PIN, GATEWAY }

    /** Which panel shows now (a paid QR, pay-code or card sale stays on its gateway panel). */
    public Panel panel() {
        return switch (state) {
            case CART -> Panel.CART;
            case CASH -> Panel.CASH;
            case CARD_ENTRY -> Panel.CARD_ENTRY;
            case CARD_PIN -> Panel.CARD_PIN;
            case PAY_CODE, PAYING, PAYMENT_PROBLEM -> Panel.GATEWAY;
            case SAVING, SAVE_FAILED, PAID -> gatewayTender() != null && !sale.tenders().isEmpty()
                    && sale.tenders().get(sale.tenders().size() - 1).type() != TenderType.CASH ? Panel.GATEWAY : Panel.CASH;
        };
    }

    /** QR, PAY_CODE or CARD while such a tender is chosen; null otherwise. */
    public TenderType gatewayTender() {
        return payments.tender();
    }

    // ---------------------------------------------------------------- messages and focus

    /** Shows the message {@code key}, formatted with {@code args}. */
    public void say(MessageKind kind, String key, Object... args) {
        show(kind, text.format(key, args));
    }

    /** Shows an already formatted {@code sentence}. */
    public void show(MessageKind kind, String sentence) {
        messageKind = kind;
        message = sentence;
        changed();
    }

    /**
     * Fires even when the target is unchanged, so the view moves the focus back each time. The parts
     * hear the change first, so the field asked for already shows (and is enabled) when the focus comes.
     */
    void requestFocus(FocusTarget target) {
        changed();
        focus = target;
        for (Consumer<FocusTarget> listener : focusListeners) {
            listener.accept(target);
        }
    }

    public void setAgeConfirmed(boolean confirmed) {
        if (ageConfirmed != confirmed) {
            ageConfirmed = confirmed;
            changed();
        }
    }

    /** Locks the till: nobody is signed in (the sign-in screen shows; the open sale stays). */
    public void lock() {
        locked = true;
        changed();
    }

    /** Unlocks the till for {@code clerkName}, who is greeted; the keystrokes go to the entry field. */
    public void unlock(String clerkName) {
        locked = false;
        say(MessageKind.INFO, "sell.signedIn", clerkName);
        requestFocus(FocusTarget.SCAN_FIELD);
    }

    /**
     * {@code clerkId} signed in by {@code method} (PIN, FINGER, FACE): journaled as a sign-in, and the sale on the counter and
     * every sale after are sold by them (issue 12 point 6). Call before {@link #unlock}.
     */
    public void signedIn(String clerkId, String clerkName, String method) {
        clerk.signedIn(clerkId, clerkName, method);
        clerk.sells(sale);
    }

    /** The clerk signed in signed out ({@code reason}, e.g. "switch"): journaled as a sign-out. */
    public void signedOut(String reason) {
        clerk.signedOut(reason);
    }

    void pageShown(String pageId) {
        if (events != null) {
            events.pageShown(pageId);
        }
    }

    /** Reports a press of the button {@code elementId} (R19) when buried points are on. */
    public void clicked(String elementId) {
        if (events != null) {
            events.clicked(elementId);
        }
    }

    void enter(CheckoutState next) {
        state = next;
        changed();
    }

    /** Moves to {@code next}; the message said next tells the parts. */
    void enterQuietly(CheckoutState next) {
        state = next;
    }

    // ---------------------------------------------------------------- scans

    /** A scan from any scanner (wedge, serial, webcam). Works whatever has the focus. */
    public void scan(String code) {
        if (locked) {
            LOG.info("a scan while nobody is signed in was not taken");
            say(MessageKind.ERROR, "sell.locked");
            return;
        }
        if (Vouchers.looksLikeVoucher(code) && (state == CheckoutState.CART || state == CheckoutState.CASH
                || state == CheckoutState.PAID)) {
            if (state == CheckoutState.PAID) {
                startNewSale();
            }
            vouchers.scanned(code);
            return;
        }
        switch (state) {
            case PAY_CODE -> {
                payments.payCodeScanned(code, false);
                return;
            }
            case CARD_ENTRY -> {
                card.scanned(code);
                return;
            }
            case CASH, SAVING, SAVE_FAILED, PAYING, PAYMENT_PROBLEM, CARD_PIN -> {
                // after a refused pay-code the customer's next code is a new attempt (issue 11 defect 7)
                if (state != CheckoutState.PAYMENT_PROBLEM || !payments.scannedAfterProblem(code)) {
                    say(MessageKind.ERROR, "sell.scan.whileTendering");
                }
                return;
            }
            case PAID -> startNewSale();
            case CART -> {
                if (pos.core.pay.PayCodes.isPlausible(code) && !sale.isEmpty()) {
                    // the customer's wallet code: pay-code tender without choosing it first
                    payments.payCodeScanned(code, true);
                    return;
                }
            }
        }
        cart.addByCode(code, true);
    }

    /** The scanner read something it could not accept; the characters were swallowed. */
    public void rejectedScan(String reason) {
        String key = "sell.scan.rejected." + reason;
        say(MessageKind.ERROR, text.has(key) ? key : "sell.scan.rejected");
    }

    // ---------------------------------------------------------------- sale lifecycle

    /** F12: start the next sale after a paid one. An open sale with items must be finished or cancelled. */
    public void newSale() {
        if (state == CheckoutState.PAID || sale.isEmpty() && state == CheckoutState.CART) {
            startNewSale();
            say(MessageKind.INFO, "sell.ready");
        } else {
            say(MessageKind.ERROR, "sell.finishFirst");
        }
    }

    void startNewSale() {
        result = null; // the last customer's result page never stays over the next sale
        payments.newSale();
        vouchers.newSale();
        card.clear();
        card.wipePin();
        ageConfirmed = false;
        rules.newSale();
        sale = new Sale(ids.next(), currency, clock.instant());
        clerk.sells(sale);
        cart.newSale();
        cash.newSale();
        state = CheckoutState.CART;
        requestFocus(FocusTarget.SCAN_FIELD);
        changed();
    }

    /** Whether the counter is free for another sale: the last one is paid, or the cart is empty and nothing is paid. */
    public boolean counterFree() {
        return state == CheckoutState.PAID || state == CheckoutState.CART && sale.isEmpty() && sale.tenders().isEmpty();
    }

    /**
     * Takes up {@code restored} as the sale on the counter (an open sale kept across a restart, or a
     * parked sale recalled), with the same id, lines and tenders; a part-paid one opens the cash panel for
     * the rest. Only when the {@linkplain #counterFree() counter is free}.
     *
     * @param sentence what the clerk is told
     * @return false, and nothing changes, when another sale is on the counter
     */
    public boolean takeUp(Sale restored, String sentence) {
        if (!counterFree() || restored.state().isFinal()) {
            return false;
        }
        startNewSale();
        sale = restored;
        if (restored.clerkId().isEmpty()) {
            clerk.sells(restored); // a sale kept or parked without a clerk is sold by the one signed in now
        }
        cart.select(-1);
        if (restored.isPartPaid()) {
            cashForRest();
        }
        show(MessageKind.INFO, sentence);
        return true;
    }

    /**
     * Sets the open sale aside (to park it): the counter starts a new sale. Only a cart with items and
     * nothing paid can be set aside.
     *
     * @return the sale set aside, or null (and nothing changes) when there is none to set aside
     */
    public Sale setAside() {
        if (state != CheckoutState.CART || sale.isEmpty() || !sale.tenders().isEmpty()) {
            return null;
        }
        Sale aside = sale;
        startNewSale();
        return aside;
    }

    /** After a cart change: the parts show the cart with line {@code selectLineNo} selected (-1: the last). */
    void cartChanged(int selectLineNo) {
        cart.select(selectLineNo);
        changed();
    }

    /** The rule pre-check (R13–R15) of a tender of {@code amount}: every tender passes here first. */
    public boolean passesRules(TenderType tender, Money amount) {
        boolean passed = rules.passes(tender, amount);
        changed();
        return passed;
    }

    // ---------------------------------------------------------------- cash (in CashTender)

    /** The cash tender: the confirmation of an implausible amount, the amount typed, the paid sale's tenders. */
    public CashTender cash() { return cash; }

    /** F9: open the cash panel for the amount due. */
    public void openCash() { cash.open(); }

    /** What the change would be for {@code typed} handed over, or null (not an amount, or not enough). */
    public Money changeFor(String typed) { return cash.changeFor(typed); }

    /** Enter in the cash panel: the rule pre-check (R13), then the cash is taken, the sale journaled and the change shown. */
    public void payCash(String typed) { cash.pay(typed); }

    /** The amount due when the cash panel opened (or null before). */
    public Money cashDue() { return cash.due(); }

    /** The change of the cash paid, or null. */
    public Money change() { return cash.change(); }

    /** Counts the times the cash panel asked for an amount afresh (the typed amount is then cleared). */
    public int cashPrompts() { return cash.prompts(); }

    /** Whether the member can pay now (cart or cash panel, something due). */
    public boolean canTakeMemberPay() { return cash.canTakeMemberPay(); }

    /** The member's stored value paid {@code amount} under this sale's id ({@code reference}): journaled, or the rest in cash. */
    public void paidByMember(String saleId, Money amount, String reference) { cash.paidByMember(saleId, amount, reference); }

    void partPaid() { cash.partPaid(); }
    void cashDueNow() { cash.dueNow(); }
    void cashForRest() { cash.forRest(); }
    void noChange() { cash.noChange(); }
    void save(SaleRecord record) { cash.save(record); }

    /** Issue 12: where the open shift's id comes from (empty: none open); sales finished while one is open carry it. */
    public void useShifts(Supplier<java.util.Optional<String>> openShift) {
        this.openShift = Objects.requireNonNull(openShift, "openShift");
        clerk.followShifts(openShift);
    }

    private Supplier<java.util.Optional<String>> openShift = java.util.Optional::empty;

    /** The record of the sale on screen, stamped with the open shift if it has none yet (every journaling passes here). */
    SaleRecord inOpenShift(SaleRecord record) {
        java.util.Optional<String> shift = openShift.get();
        if (shift.isEmpty() || record.shiftId() != null || !record.transactionId().equals(sale.id().value())) {
            return record;
        }
        sale.inShift(shift.get());
        return record.withShift(shift.get());
    }

    // ---------------------------------------------------------------- other tenders

    /** F11: the till shows a payment QR code for the amount due (R21). */
    public void openQr() { payments.openQr(); }

    /** F4: the next scan is the customer's payment code. */
    public void openPayCode() { payments.openPayCode(); }

    /** Enter after a failed, timed-out or cancelled payment: a new attempt with a new transaction id. */
    public void payAgain() {
        payments.payAgain();
    }

    /** F10 while a payment waits or after it timed out (R24): ask again; answers false when there is none. */
    public boolean checkAgain() {
        return payments.checkAgain();
    }

    /** Money arrived for a payment the till had given up on (R24); the clerk is told either way. */
    public void latePayment(Money amount, String transactionId, String outcome) {
        payments.late(amount, transactionId, outcome);
    }

    /** Refreshes the seconds left on a QR payment (the screen's clock calls it every second). */
    public void tick() {
        String before = payments.countdown();
        payments.updateCountdown();
        if (!before.equals(payments.countdown())) {
            changed();
        }
    }

    /** F1: the card panel for the amount due: card number, bank, amount. */
    public void openCard() { payments.openCard(); }

    void showResult(boolean success, String title, String detail) {
        result = new CardResult(success, title, detail);
        changed();
    }

    /** Enter or Esc on the result page: close it. */
    public void dismissResult() {
        if (result != null) {
            result = null;
            requestFocus(focus);
            changed();
        }
    }

    // ---------------------------------------------------------------- back

    /** Esc: leave the popup, the result, or the tender's panel, back to the cart. A payment in progress is stopped first. */
    public void back() {
        if (result != null) {
            dismissResult();
            return;
        }
        if (rules.popupVisible()) {
            rules.close();
            changed();
            return;
        }
        switch (state) {
            case CARD_ENTRY, CARD_PIN -> {
                card.wipePin();
                card.clear();
                leaveTender();
            }
            case PAYING -> payments.cancel();
            case PAY_CODE, PAYMENT_PROBLEM -> {
                clicked(pos.core.events.ElementIds.OTHER_TENDER);
                payments.drop();
                leaveTender();
            }
            case CASH -> {
                if (cash.cancelConfirm()) {
                    return;
                }
                if (sale.isPartPaid()) {
                    say(MessageKind.ERROR, "sale.refused.PART_PAID");
                    return;
                }
                sale.resumeShopping();
                cash.noChange();
                state = CheckoutState.CART;
                requestFocus(FocusTarget.SCAN_FIELD);
                say(MessageKind.INFO, "sell.ready");
            }
            default -> {
            }
        }
    }

    /** Back from a non-cash tender: to the cart, or to the cash panel when part is already paid. */
    private void leaveTender() {
        if (sale.isPartPaid()) {
            cashForRest();
            return;
        }
        sale.resumeShopping();
        state = CheckoutState.CART;
        requestFocus(FocusTarget.SCAN_FIELD);
        say(MessageKind.INFO, "sell.ready");
    }

    /** R15's "Fix" on a cart row while tendering with nothing paid: back to the cart, nothing sent. */
    void backToCartForFix() {
        card.wipePin();
        payments.drop();
        sale.resumeShopping();
        state = CheckoutState.CART;
    }
}
