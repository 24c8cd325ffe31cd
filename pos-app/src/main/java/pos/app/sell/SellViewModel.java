package pos.app.sell;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.MissingResourceException;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Supplier;
import pos.core.card.CardNumber;
import pos.core.catalog.Catalog;
import pos.core.rules.CardSpending;
import pos.core.rules.Fields;
import pos.core.rules.PaymentFacts;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleResult;
import pos.core.rules.SaleWindowRefusal;
import pos.core.rules.SoldItem;
import pos.core.rules.TimeWindow;
import pos.core.rules.Verification;
import pos.core.catalog.Lookup;
import pos.core.catalog.Product;
import pos.core.journal.JournalWriteException;
import pos.core.journal.SaleJournal;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.sale.Sale;
import pos.core.sale.SaleException;
import pos.core.sale.SaleLine;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.Tender;
import pos.core.sale.TenderType;
import pos.core.pay.PayCodes;
import pos.core.pay.PaymentDesk;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PreCheck;
import pos.core.sale.TransactionId;
import pos.core.sync.SyncMonitor;
import pos.core.sync.SyncState;
import pos.core.sync.SyncStatus;

/**
 * The state and actions of the sell screen: scan into the cart, change quantities, take cash,
 * journal the sale, start the next one. Holds JavaFX properties but never touches a node, so tests
 * drive it without a window. Not thread-safe: call it on the UI thread (tests: the test thread);
 * journal writes run on the {@link TaskExecutor} and come back through {@link UiThread}.
 */
public final class SellViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(SellViewModel.class);
    /** A second F8 within this time cancels the sale; a single press only asks. */
    static final Duration CANCEL_CONFIRM_WINDOW = Duration.ofSeconds(4);
    static final int SEARCH_LIMIT = 30;

    private final Catalog catalog;
    private final SaleJournal journal;
    private final TransactionId.Generator ids;
    private final Clock clock;
    private final String tillId;
    private final Currency currency;
    private final MoneyFormat money;
    private final ResourceBundle text;
    private final TaskExecutor background;
    private final UiThread ui;

    private final ObservableList<CartRow> cart = FXCollections.observableArrayList();
    private final ObservableList<Product> searchResults = FXCollections.observableArrayList();
    private final ObjectProperty<CartRow> selectedRow = new SimpleObjectProperty<>(this, "selectedRow");
    private final StringProperty entryText = new SimpleStringProperty(this, "entryText", "");
    private final StringProperty tenderedText = new SimpleStringProperty(this, "tenderedText", "");
    private final SimpleStringProperty totalText = new SimpleStringProperty(this, "totalText");
    private final SimpleStringProperty itemCountText = new SimpleStringProperty(this, "itemCountText");
    private final SimpleStringProperty taxText = new SimpleStringProperty(this, "taxText");
    private final SimpleStringProperty dueText = new SimpleStringProperty(this, "dueText", "");
    private final SimpleStringProperty changeText = new SimpleStringProperty(this, "changeText", "");
    private final SimpleStringProperty saleNumberText = new SimpleStringProperty(this, "saleNumberText");
    private final SimpleStringProperty message = new SimpleStringProperty(this, "message", "");
    private final SimpleObjectProperty<MessageKind> messageKind = new SimpleObjectProperty<>(this, "messageKind", MessageKind.INFO);
    private final SimpleObjectProperty<SellMode> mode = new SimpleObjectProperty<>(this, "mode", SellMode.SELLING);
    private final SimpleObjectProperty<FocusTarget> focusRequest = new SimpleObjectProperty<>(this, "focusRequest", FocusTarget.SCAN_FIELD);
    private final SimpleStringProperty dateTimeText = new SimpleStringProperty(this, "dateTimeText", "");
    private final java.time.format.DateTimeFormatter dateTimeFormat;
    private final SimpleStringProperty syncText = new SimpleStringProperty(this, "syncText", "");
    private final SimpleObjectProperty<SyncState> syncState = new SimpleObjectProperty<>(this, "syncState", SyncState.OFF);
    private final SimpleStringProperty syncDetail = new SimpleStringProperty(this, "syncDetail", "");
    private final SimpleBooleanProperty canTender = new SimpleBooleanProperty(this, "canTender", false);

    private final PaymentDesk payments;
    private final SimpleObjectProperty<PaymentSession.State> paymentState = new SimpleObjectProperty<>(this, "paymentState");
    private final SimpleStringProperty qrContent = new SimpleStringProperty(this, "qrContent");
    private final SimpleStringProperty countdownText = new SimpleStringProperty(this, "countdownText", "");
    private final SimpleStringProperty paymentTitle = new SimpleStringProperty(this, "paymentTitle", "");
    private final SimpleStringProperty paymentDetail = new SimpleStringProperty(this, "paymentDetail", "");
    private final SimpleStringProperty alertText = new SimpleStringProperty(this, "alertText", "");
    private final SimpleBooleanProperty alertCritical = new SimpleBooleanProperty(this, "alertCritical", false);
    private AutoCloseable alertSubscription;
    private final SimpleBooleanProperty gatewayPanel = new SimpleBooleanProperty(this, "gatewayPanel", false);

    // rule base (R13–R15, R26), card tender (R16–R18), vouchers (R1–R6)
    private Supplier<RuleBase> rules = RuleBase::empty;
    private pos.core.events.EventRecorder events;
    private CardSpending cardSpending = CardSpending.none();
    private String payee = "";
    private TenderType gatewayTender;
    /** The card panel and PIN pad; they see this screen only through {@link Parts}. */
    private final CardEntryModel card;
    private final VoucherModel vouchers;
    private final BooleanProperty ageConfirmed = new SimpleBooleanProperty(this, "ageConfirmed", false);
    /** True while nobody is signed in: scans and shortcuts do nothing but say so. */
    private final BooleanProperty locked = new SimpleBooleanProperty(this, "locked", false);
    private final StringProperty clerkText = new SimpleStringProperty(this, "clerkText", "");
    private final StringProperty fingerprintText = new SimpleStringProperty(this, "fingerprintText", "");
    private final StringProperty fingerprintDetail = new SimpleStringProperty(this, "fingerprintDetail", "");
    private final BooleanProperty fingerprintProblem = new SimpleBooleanProperty(this, "fingerprintProblem", false);
    /** Voids and cancels ask here first when set (the store has clerks); null: the till has no sign-in. */
    private Supervision supervision;
    private pos.core.people.SupervisedSale supervised;
    private final SimpleBooleanProperty ageCheckVisible = new SimpleBooleanProperty(this, "ageCheckVisible", false);
    private final ObservableList<CheckFailureRow> checkFailures = FXCollections.observableArrayList();
    private final SimpleBooleanProperty checkPopupVisible = new SimpleBooleanProperty(this, "checkPopupVisible", false);
    private final SimpleBooleanProperty resultVisible = new SimpleBooleanProperty(this, "resultVisible", false);
    private final SimpleBooleanProperty resultSuccess = new SimpleBooleanProperty(this, "resultSuccess", false);
    private final SimpleStringProperty resultTitle = new SimpleStringProperty(this, "resultTitle", "");
    private final SimpleStringProperty resultDetail = new SimpleStringProperty(this, "resultDetail", "");
    private final SimpleStringProperty ruleBaseText = new SimpleStringProperty(this, "ruleBaseText", "");
    private final SimpleStringProperty cameraText = new SimpleStringProperty(this, "cameraText", "");
    private final SimpleStringProperty cameraDetail = new SimpleStringProperty(this, "cameraDetail", "");
    private final SimpleBooleanProperty cameraProblem = new SimpleBooleanProperty(this, "cameraProblem", false);
    private final SimpleBooleanProperty ruleBaseProblem = new SimpleBooleanProperty(this, "ruleBaseProblem", false);
    private final SimpleStringProperty demoText = new SimpleStringProperty(this, "demoText", "");

    private Sale sale;
    private SaleRecord unsavedRecord;
    private PaymentSession session;
    private AutoCloseable sessionSubscription;
    private PaymentMethod paymentMethod;
    private Instant cancelAskedAt;
    private AutoCloseable syncSubscription;

    /**
     * @param payments the payment component for QR and pay-code tenders, or null when this till has
     *                 no payment gateway configured (those tenders then say so)
     */
    public SellViewModel(Catalog catalog, SaleJournal journal, SyncMonitor sync, PaymentDesk payments,
            TransactionId.Generator ids, Clock clock, String tillId, Currency currency, MoneyFormat money,
            ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.payments = payments;
        this.catalog = Objects.requireNonNull(catalog, "catalog");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.money = Objects.requireNonNull(money, "money");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.dateTimeFormat = java.time.format.DateTimeFormatter
                .ofLocalizedDateTime(java.time.format.FormatStyle.MEDIUM, java.time.format.FormatStyle.SHORT)
                .withLocale(money.locale());
        Parts parts = new Parts();
        this.card = new CardEntryModel(parts, ids, currency, money);
        this.vouchers = new VoucherModel(parts, catalog, clock, tillId, currency, money, dateTimeFormat, background, ui);
        tenderedText.addListener((obs, old, now) -> updateChangePreview());
        mode.addListener((obs, old, now) -> gatewayPanel.set(switch (now) {
            case AWAITING_PAY_CODE, PAYING, PAYMENT_PROBLEM -> true;
            case SAVING, SAVE_FAILED, PAID -> gatewayTender != null && sale.tenders().stream().anyMatch(t -> t.type() != TenderType.CASH)
                    && sale.tenders().get(sale.tenders().size() - 1).type() != TenderType.CASH;
            case SELLING, TENDERING, CARD_ENTRY, CARD_PIN -> false;
        }));
        tick();
        startNewSale();
        showSync(sync.current());
        syncSubscription = sync.onChange(status -> ui.execute(() -> showSync(status)));
        say(MessageKind.INFO, "sell.ready");
    }

    // ---------------------------------------------------------------- scanning and entry

    /** A scan from any scanner (wedge, serial, webcam). Works whatever has the focus. */
    public void handleScan(String code) {
        if (locked.get()) {
            LOG.info("a scan while nobody is signed in was not taken");
            say(MessageKind.ERROR, "sell.locked");
            return;
        }
        if (VoucherModel.looksLikeVoucher(code) && (mode.get() == SellMode.SELLING || mode.get() == SellMode.TENDERING
                || mode.get() == SellMode.PAID)) {
            if (mode.get() == SellMode.PAID) {
                startNewSale();
            }
            vouchers.handleVoucher(code);
            return;
        }
        switch (mode.get()) {
            case AWAITING_PAY_CODE -> {
                if (PayCodes.isPlausible(code)) {
                    startPayment(PaymentMethod.PAY_CODE, code);
                } else {
                    say(MessageKind.ERROR, "pay.code.notAPayCode");
                }
                return;
            }
            case CARD_ENTRY -> {
                card.scanned(code);
                return;
            }
            case TENDERING, SAVING, SAVE_FAILED, PAYING, PAYMENT_PROBLEM, CARD_PIN -> {
                say(MessageKind.ERROR, "sell.scan.whileTendering");
                return;
            }
            case PAID -> startNewSale();
            case SELLING -> {
                if (PayCodes.isPlausible(code) && !sale.isEmpty()) {
                    // the customer's wallet code: pay-code tender without choosing it first
                    if (beginGatewayTender()) {
                        pageShown(pos.core.events.PageIds.TENDER_PAY_CODE);
                        startPayment(PaymentMethod.PAY_CODE, code);
                    }
                    return;
                }
            }
        }
        addByCode(code, true);
    }

    /**
     * The scanner read something it could not accept (too long, prefix without suffix...). The
     * characters were swallowed; the clerk is told to scan again.
     *
     * @param reason the scanner's reason name, e.g. TOO_LONG; unknown names get a generic text
     */
    public void handleRejectedScan(String reason) {
        String key = "sell.scan.rejected." + reason;
        say(MessageKind.ERROR, text.containsKey(key) ? key : "sell.scan.rejected");
    }

    /** Enter in the entry field: a code typed by hand, or words of a product name. */
    public void submitEntry() {
        String typed = entryText.get() == null ? "" : entryText.get().strip();
        if (typed.isEmpty()) {
            if (searchResults.size() == 1) {
                addSearchResult(searchResults.get(0));
            }
            return;
        }
        if (mode.get() == SellMode.PAID) {
            startNewSale();
        } else if (mode.get() != SellMode.SELLING) {
            say(MessageKind.ERROR, "sell.scan.whileTendering");
            return;
        }
        Lookup lookup = catalog.lookup(typed);
        if (lookup instanceof Lookup.NotFound || lookup instanceof Lookup.Invalid invalid
                && invalid.reason() == Lookup.InvalidCodeReason.BAD_CHARACTERS) {
            search(typed);
            return;
        }
        if (addByCode(typed, false)) {
            entryText.set("");
        }
    }

    private void search(String query) {
        List<Product> hits = catalog.search(query, SEARCH_LIMIT);
        searchResults.setAll(hits);
        if (hits.isEmpty()) {
            say(MessageKind.ERROR, "sell.search.none", abbreviate(query));
        } else if (hits.size() == 1) {
            addSearchResult(hits.get(0));
        } else {
            say(MessageKind.INFO, "sell.search.many", hits.size());
        }
    }

    /** The clerk picked a product from the search results. */
    public void addSearchResult(Product product) {
        if (mode.get() == SellMode.PAID) {
            startNewSale();
        }
        if (mode.get() != SellMode.SELLING) {
            say(MessageKind.ERROR, "sell.scan.whileTendering");
            return;
        }
        if (outsideSaleWindow(product)) {
            return;
        }
        try {
            SaleLine line = sale.addPieces(product, 1);
            searchResults.clear();
            entryText.set("");
            afterCartChange(line.lineNo());
            say(MessageKind.SUCCESS, "sell.added", product.name());
        } catch (SaleException e) {
            refuse(e);
        }
    }

    private boolean addByCode(String code, boolean fromScanner) {
        Lookup lookup = catalog.lookup(code);
        Product found = lookup instanceof Lookup.Piece p ? p.product()
                : lookup instanceof Lookup.Weighed w ? w.product()
                : lookup instanceof Lookup.Priced pr ? pr.product() : null;
        if (found != null && outsideSaleWindow(found)) {
            return false;
        }
        try {
            SaleLine line;
            if (lookup instanceof Lookup.Piece piece) {
                if (piece.product().soldByWeight()) {
                    say(MessageKind.ERROR, "sell.needsWeight", piece.product().name());
                    return false;
                }
                line = sale.addPieces(piece.product(), 1);
            } else if (lookup instanceof Lookup.Weighed weighed) {
                line = sale.addWeighed(weighed.product(), weighed.grams());
            } else if (lookup instanceof Lookup.Priced priced) {
                line = sale.addPriced(priced.product(), priced.price());
            } else if (lookup instanceof Lookup.NotFound notFound) {
                say(MessageKind.ERROR, "sell.code.notFound", abbreviate(notFound.code()));
                return false;
            } else {
                Lookup.Invalid invalid = (Lookup.Invalid) lookup;
                say(MessageKind.ERROR, "sell.code.invalid." + invalid.reason(), abbreviate(invalid.code()));
                return false;
            }
            searchResults.clear();
            afterCartChange(line.lineNo());
            say(MessageKind.SUCCESS, "sell.added", line.product().name());
            if (fromScanner) {
                LOG.debug("scan {} added line {}", code, line.lineNo());
            }
            return true;
        } catch (SaleException e) {
            refuse(e);
            return false;
        }
    }

    // ---------------------------------------------------------------- cart

    public void increaseQuantity() {
        withSelectedLine(line -> sale.changeQuantity(line.lineNo(), line.quantity() + 1));
    }

    public void decreaseQuantity() {
        withSelectedLine(line -> {
            if (line.quantity() <= 1) {
                say(MessageKind.ERROR, "sell.qty.belowOne");
                return null;
            }
            return sale.changeQuantity(line.lineNo(), line.quantity() - 1);
        });
    }

    public void removeSelectedLine() {
        CartRow row = selectedRowToChange();
        if (row == null) {
            return;
        }
        if (supervision == null) {
            try {
                SaleLine removed = sale.removeLine(row.lineNo());
                afterCartChange(-1);
                say(MessageKind.INFO, "sell.removed", removed.product().name());
            } catch (SaleException e) {
                refuse(e);
            }
            return;
        }
        Sale asked = sale;
        int lineNo = row.lineNo();
        supervision.request(pos.core.people.GuardedAction.VOID_LINE, pos.core.people.SupervisedSale.lineSubject(asked, lineNo),
                format("approval.subject.line", lineNo, row.name(), row.total()),
                approval -> {
                    if (asked != sale || mode.get() != SellMode.SELLING) {
                        say(MessageKind.ERROR, "approval.staleSale");
                        return;
                    }
                    try {
                        SaleLine removed = supervised.removeLine(asked, lineNo, approval);
                        afterCartChange(-1);
                        say(MessageKind.INFO, "sell.removed.approved", removed.product().name(),
                                approvalName(approval));
                    } catch (SaleException | pos.core.people.ApprovalRequiredException e) {
                        LOG.info("void of line {} refused after approval: {}", lineNo, e.getMessage());
                        say(MessageKind.ERROR, "approval.refused", e.getMessage());
                    }
                },
                declined -> {
                    message.set(declined);
                    messageKind.set(MessageKind.ERROR);
                    requestFocus(FocusTarget.SCAN_FIELD);
                });
    }

    /**
     * Voids and sale cancels ask {@code asking} for a supervisor's approval and run through {@code guarded},
     * which refuses them without one (the domain enforces it, not only this screen).
     */
    public void useSupervision(Supervision asking, pos.core.people.SupervisedSale guarded) {
        this.supervision = java.util.Objects.requireNonNull(asking, "asking");
        this.supervised = java.util.Objects.requireNonNull(guarded, "guarded");
    }

    /** Locks the till (nobody signed in: sign-in screen shows) or unlocks it for {@code clerkName}. */
    public void showClerk(String clerkName, String roleText) {
        if (clerkName == null) {
            locked.set(true);
            clerkText.set(format("status.clerk.none"));
        } else {
            locked.set(false);
            clerkText.set(format("status.clerk", clerkName, roleText));
            say(MessageKind.INFO, "sell.signedIn", clerkName);
            requestFocus(FocusTarget.SCAN_FIELD);
        }
    }

    private String approvalName(pos.core.people.Approval approval) {
        return approverNames == null ? approval.approverId() : approverNames.apply(approval.approverId());
    }

    private java.util.function.Function<String, String> approverNames;

    /** How to name an approver in the message ("approved by Sam"). */
    public void useApproverNames(java.util.function.Function<String, String> names) {
        this.approverNames = names;
    }

    /** Whether the sale is in a state where the member can pay now (cart or cash panel, something due). */
    public boolean canTakeMemberPay() {
        return (mode.get() == SellMode.SELLING || mode.get() == SellMode.TENDERING) && !sale.isEmpty()
                && sale.due().isPositive();
    }

    /** What the people buttons do (member pay, switch clerk, people), or null on a till without people. */
    public record PeopleActions(Runnable memberPay, Runnable switchClerk, Runnable openPeople) {
    }

    private PeopleActions peopleActions;

    /** Shows the member, switch-clerk and people buttons and their shortcuts; before the screen loads. */
    public void usePeopleActions(PeopleActions actions) {
        this.peopleActions = java.util.Objects.requireNonNull(actions, "actions");
    }

    /** Whether the till has people (the member, switch-clerk and people buttons show). */
    public boolean hasPeople() {
        return peopleActions != null;
    }

    /** Ctrl+M: the member pays by finger from stored value. */
    public void memberPay() {
        if (peopleActions != null && !locked.get()) {
            peopleActions.memberPay().run();
        }
    }

    /** Ctrl+L: another clerk takes over the till (the sign-in screen shows; the open sale stays). */
    public void switchClerk() {
        if (peopleActions != null) {
            peopleActions.switchClerk().run();
        }
    }

    /** Ctrl+P: clerks, members and their fingerprints (a supervisor's). */
    public void openPeople() {
        if (peopleActions != null && !locked.get()) {
            peopleActions.openPeople().run();
        }
    }

    /**
     * The fingerprint reader's state on the status bar in a few words ("No fingerprint reader" is a warning);
     * {@code state} is the reader's state name (READY, NO_READER, ERROR, STOPPED), {@code sentence} the detail.
     */
    public void showFingerprint(String state, String sentence, boolean problem) {
        fingerprintText.set(format("status.fingerprint." + state));
        fingerprintDetail.set(sentence);
        fingerprintProblem.set(problem);
    }

    /** The reader's full state sentence (the status bar's tooltip). */
    public ReadOnlyStringProperty fingerprintDetailProperty() { return fingerprintDetail; }

    public ReadOnlyStringProperty fingerprintTextProperty() { return fingerprintText; }

    public ReadOnlyBooleanProperty fingerprintProblemProperty() { return fingerprintProblem; }

    /** Shows the message {@code key} (an info line) in the sell screen's message bar. */
    public void say(String key) {
        say(MessageKind.INFO, key);
    }

    /** The sale's idempotency key: the one transaction id of this sale. */
    public String saleId() {
        return sale.id().value();
    }

    /** What is still due on the sale. */
    public Money due() {
        return sale.due();
    }

    /** Checks the rule base (R13) for a {@code tender} of {@code amount}; a failure opens the popup and answers false. */
    public boolean checkTender(TenderType tender, Money amount) {
        return passesRules(tender, amount);
    }

    /**
     * The member's stored value paid {@code amount} (already debited under this sale's id, {@code reference}):
     * the sale is paid (journaled) or the rest is due in cash.
     */
    public void paidByMember(String saleId, Money amount, String reference) {
        if (!saleId.equals(sale.id().value())) {
            LOG.error("a member payment for sale {} arrived while sale {} is open; it stays in the member ledger", saleId,
                    sale.id().value());
            say(MessageKind.ERROR, "member.staleSale", money.format(amount));
            return;
        }
        if (mode.get() == SellMode.SELLING) {
            sale.beginTender();
        }
        sale.payPart(TenderType.MEMBER, amount, reference, clock.instant());
        changeText.set("");
        partPaid();
    }

    /** After a part payment: journals the sale when nothing is due any more, else asks for the rest in cash. */
    private void partPaid() {
        if (sale.state() == SaleState.PAID) {
            saveFinished(SaleRecord.of(sale, tillId));
        } else {
            showCashPanelForRest();
        }
    }

    /** The selected line when the cart may be changed now; otherwise says why and returns null. */
    private CartRow selectedRowToChange() {
        if (mode.get() != SellMode.SELLING) {
            say(MessageKind.ERROR, "sell.scan.whileTendering");
            return null;
        }
        if (selectedRow.get() == null) {
            say(MessageKind.ERROR, "sell.noLineSelected");
        }
        return selectedRow.get();
    }

    private void withSelectedLine(java.util.function.Function<SaleLine, SaleLine> change) {
        CartRow row = selectedRowToChange();
        if (row == null) {
            return;
        }
        try {
            SaleLine current = sale.line(row.lineNo()).orElseThrow();
            SaleLine changed = change.apply(current);
            if (changed != null) {
                afterCartChange(changed.lineNo());
                say(MessageKind.INFO, "sell.qty.changed", changed.product().name(), changed.quantity());
            }
        } catch (SaleException e) {
            refuse(e);
        }
    }

    // ---------------------------------------------------------------- cash tender

    /** F9: open the cash panel for the amount due. */
    public void openCashTender() {
        if (mode.get() == SellMode.TENDERING) {
            requestFocus(FocusTarget.TENDER_FIELD);
            return;
        }
        if (mode.get() != SellMode.SELLING) {
            return;
        }
        try {
            sale.beginTender();
        } catch (SaleException e) {
            refuse(e);
            return;
        }
        dueText.set(money.format(sale.total()));
        tenderedText.set("");
        changeText.set("");
        mode.set(SellMode.TENDERING);
        requestFocus(FocusTarget.TENDER_FIELD);
        pageShown(pos.core.events.PageIds.TENDER_CASH);
        say(MessageKind.INFO, "tender.cash.prompt", money.format(sale.total()));
    }

    /** Fills in the exact amount due (the customer paid exactly). */
    public void tenderExact() {
        if (mode.get() == SellMode.TENDERING) {
            clicked(pos.core.events.ElementIds.CASH_EXACT);
            tenderedText.set(money.formatPlain(sale.due()));
        }
    }

    /** Esc: leave the cash or payment panel, back to the cart. A payment in progress is stopped first. */
    public void backToCart() {
        if (resultVisible.get()) {
            dismissResult();
            return;
        }
        if (checkPopupVisible.get()) {
            closeCheckPopup();
            return;
        }
        if (mode.get() == SellMode.CARD_ENTRY || mode.get() == SellMode.CARD_PIN) {
            card.wipePin();
            card.clear();
            leaveTender();
            return;
        }
        if (mode.get() == SellMode.PAYING) {
            session.cancel();
            say(MessageKind.INFO, "pay.cancelling");
            return;
        }
        if (mode.get() == SellMode.AWAITING_PAY_CODE || mode.get() == SellMode.PAYMENT_PROBLEM) {
            clicked(pos.core.events.ElementIds.OTHER_TENDER);
            dropSession();
            leaveTender();
            return;
        }
        if (mode.get() == SellMode.TENDERING) {
            if (sale.isPartPaid()) {
                say(MessageKind.ERROR, "sale.refused.PART_PAID");
                return;
            }
            sale.resumeShopping();
            mode.set(SellMode.SELLING);
            tenderedText.set("");
            changeText.set("");
            requestFocus(FocusTarget.SCAN_FIELD);
            say(MessageKind.INFO, "sell.ready");
        }
    }

    /** Back from a non-cash tender: to the cart, or to the cash panel when part is already paid. */
    private void leaveTender() {
        if (sale.isPartPaid()) {
            showCashPanelForRest();
            return;
        }
        sale.resumeShopping();
        mode.set(SellMode.SELLING);
        requestFocus(FocusTarget.SCAN_FIELD);
        say(MessageKind.INFO, "sell.ready");
    }

    private void showCashPanelForRest() {
        dueText.set(money.format(sale.due()));
        tenderedText.set("");
        changeText.set("");
        mode.set(SellMode.TENDERING);
        requestFocus(FocusTarget.TENDER_FIELD);
        say(MessageKind.INFO, "tender.rest.prompt", money.format(sale.due()));
    }

    /** Enter in the cash panel: take the cash, journal the sale, show the change. */
    public void confirmCash() {
        if (mode.get() == SellMode.SAVE_FAILED) {
            saveFinished(unsavedRecord);
            return;
        }
        if (mode.get() != SellMode.TENDERING) {
            return;
        }
        clicked(pos.core.events.ElementIds.CASH_CONFIRM);
        Money tendered;
        try {
            tendered = Money.parse(tenderedText.get(), currency);
        } catch (MoneyFormatException e) {
            say(MessageKind.ERROR, "tender.cash.invalid." + e.reason(), abbreviate(e.input()));
            return;
        }
        if (tendered.isLessThan(sale.due())) {
            say(MessageKind.ERROR, "tender.cash.short", money.format(sale.due().minus(tendered)));
            return;
        }
        if (!passesRules(TenderType.CASH, sale.due())) {
            return;
        }
        Tender tender = sale.payCash(tendered, clock.instant());
        changeText.set(money.format(tender.change()));
        saveFinished(SaleRecord.of(sale, tillId));
    }

    /**
     * Journals a finished sale off the UI thread. Until the journal says it is on disk the sale is
     * not done: a failure keeps it on screen and Enter tries again with the same transaction id.
     */
    private void saveFinished(SaleRecord record) {
        unsavedRecord = record;
        mode.set(SellMode.SAVING);
        say(MessageKind.INFO, "tender.saving");
        background.execute(() -> {
            try {
                boolean appended = journal.append(record);
                if (!appended) {
                    LOG.info("sale {} was already in the journal", record.transactionId());
                }
                ui.execute(() -> saved(record));
            } catch (JournalWriteException e) {
                LOG.error("journal write failed for sale {}", record.transactionId(), e);
                ui.execute(() -> saveFailed(e));
            } catch (RuntimeException e) {
                LOG.error("unexpected failure journaling sale {}", record.transactionId(), e);
                ui.execute(() -> saveFailed(e));
            }
        });
    }

    private void saved(SaleRecord record) {
        unsavedRecord = null;
        if (record.state() == SaleState.CANCELLED) {
            startNewSale();
            say(MessageKind.INFO, "sell.cancelled");
            return;
        }
        dropSession();
        mode.set(SellMode.PAID);
        canTender.set(false);
        requestFocus(FocusTarget.SCAN_FIELD);
        if (changeText.get() == null || changeText.get().isEmpty()) {
            say(MessageKind.SUCCESS, "pay.paid", money.format(Money.ofMinor(record.totalMinor(), currency)));
        } else {
            say(MessageKind.SUCCESS, "tender.paid", changeText.get());
        }
    }

    private void saveFailed(RuntimeException e) {
        mode.set(SellMode.SAVE_FAILED);
        say(MessageKind.ERROR, "tender.saveFailed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private void updateChangePreview() {
        if (mode.get() != SellMode.TENDERING) {
            return;
        }
        try {
            Money tendered = Money.parse(tenderedText.get(), currency);
            Money change = tendered.minus(sale.due());
            changeText.set(change.isNegative() ? "" : money.format(change));
        } catch (MoneyFormatException e) {
            changeText.set("");
        }
    }

    // ---------------------------------------------------------------- QR and pay-code tenders

    /**
     * Money arrived for a payment the till had given up on (R24). It is never lost: the payment
     * component refunds it or keeps it by its policy; the clerk is told either way.
     *
     * @param amount        the late payment
     * @param transactionId the attempt's transaction id
     * @param outcome       REFUNDING, REFUNDED, REPORTED or HONOURED
     */
    public void handleLatePayment(Money amount, String transactionId, String outcome) {
        String key = "pay.late." + outcome;
        say(MessageKind.ERROR, text.containsKey(key) ? key : "pay.late.REPORTED", money.format(amount),
                transactionId.length() > 6 ? transactionId.substring(transactionId.length() - 6) : transactionId);
    }

    /** F11: the till shows a payment QR code for the amount due (R21). */
    public void openQrTender() {
        if (beginGatewayTender()) {
            pageShown(pos.core.events.PageIds.TENDER_QR);
            startPayment(PaymentMethod.QR_SHOWN, null);
        }
    }

    /** F4: the next scan is the customer's payment code. */
    public void openPayCodeTender() {
        if (beginGatewayTender()) {
            dropSession();
            paymentMethod = PaymentMethod.PAY_CODE;
            pageShown(pos.core.events.PageIds.TENDER_PAY_CODE);
            paymentState.set(null);
            qrContent.set(null);
            countdownText.set("");
            paymentTitle.set(format("pay.code.title"));
            paymentDetail.set(format("pay.code.scanPrompt", money.format(sale.total())));
            mode.set(SellMode.AWAITING_PAY_CODE);
            say(MessageKind.INFO, "pay.code.scanPrompt", money.format(sale.total()));
        }
    }

    /** Enter after a failed, timed-out or cancelled payment: a new attempt with a new transaction id. */
    public void payAgain() {
        if (mode.get() != SellMode.PAYMENT_PROBLEM) {
            return;
        }
        clicked(pos.core.events.ElementIds.PAY_AGAIN);
        if (gatewayTender == TenderType.CARD) {
            dismissResult();
            dropSession();
            mode.set(SellMode.CARD_ENTRY);
            requestFocus(FocusTarget.CARD_NUMBER);
            say(MessageKind.INFO, "card.prompt", money.format(sale.due()));
            return;
        }
        if (paymentMethod == PaymentMethod.QR_SHOWN) {
            startPayment(PaymentMethod.QR_SHOWN, null);
        } else {
            mode.set(SellMode.SELLING);
            sale.resumeShopping();
            openPayCodeTender();
        }
    }

    /** F10: "exact amount" in the cash panel; "check again" while a payment waits or after it timed out (R24). */
    public void exactOrCheckAgain() {
        if ((mode.get() == SellMode.PAYING || mode.get() == SellMode.PAYMENT_PROBLEM) && session != null) {
            clicked(pos.core.events.ElementIds.CHECK_AGAIN);
            session.checkAgain();
            say(MessageKind.INFO, "pay.checkingAgain");
        } else {
            tenderExact();
        }
    }

    private boolean beginGatewayTender() {
        if (payments == null) {
            say(MessageKind.ERROR, "pay.notConfigured");
            return false;
        }
        switch (mode.get()) {
            case SELLING -> {
                try {
                    sale.beginTender();
                } catch (SaleException e) {
                    refuse(e);
                    return false;
                }
            }
            case TENDERING, AWAITING_PAY_CODE, PAYMENT_PROBLEM, CARD_ENTRY, CARD_PIN -> {
                tenderedText.set("");
                card.wipePin();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void startPayment(PaymentMethod method, String authCode) {
        dropSession();
        paymentMethod = method;
        gatewayTender = method == PaymentMethod.QR_SHOWN ? TenderType.QR : TenderType.PAY_CODE;
        if (!passesRules(gatewayTender, sale.due())) {
            if (mode.get() == SellMode.SELLING && sale.state() == SaleState.TENDERING && !sale.isPartPaid()) {
                sale.resumeShopping(); // nothing was sent: the cart stays open to fix
            }
            return;
        }
        PaymentOrder order = new PaymentOrder(ids.next(), tillId, method, sale.due(),
                format("pay.description", tillId, sale.totals().itemCount()), clock.instant());
        PreCheck check = payments.preCheck(order);
        paymentTitle.set(format(method == PaymentMethod.QR_SHOWN ? "pay.qr.title" : "pay.code.title"));
        qrContent.set(null);
        countdownText.set("");
        if (!check.passed()) {
            paymentState.set(null);
            paymentDetail.set(check.failures().stream()
                    .map(f -> format(f.messageKey(), f.arguments().toArray()))
                    .reduce((a, b) -> a + "\n" + b).orElse(""));
            mode.set(SellMode.PAYMENT_PROBLEM);
            say(MessageKind.ERROR, "pay.preCheckFailed");
            return;
        }
        try {
            session = method == PaymentMethod.QR_SHOWN ? payments.startQr(order) : payments.startPayCode(order, authCode);
        } catch (RuntimeException e) {
            LOG.error("could not start payment {}", order.outTradeNo(), e);
            paymentState.set(PaymentSession.State.UNREACHABLE);
            paymentDetail.set(format("pay.state.UNREACHABLE", e.getMessage()));
            mode.set(SellMode.PAYMENT_PROBLEM);
            say(MessageKind.ERROR, "pay.state.UNREACHABLE", e.getMessage());
            return;
        }
        mode.set(SellMode.PAYING);
        PaymentSession started = session;
        sessionSubscription = started.onChange(state -> ui.execute(() -> sessionChanged(started, state)));
        sessionChanged(started, started.state());
    }

    private void sessionChanged(PaymentSession changed, PaymentSession.State state) {
        if (changed != session || mode.get() == SellMode.SAVING || mode.get() == SellMode.PAID) {
            return; // an earlier attempt, or this one is already being completed
        }
        paymentState.set(state);
        changed.qrOrder().ifPresent(qr -> {
            if (!qr.codeUrl().equals(qrContent.get())) {
                pageShown(pos.core.events.PageIds.QR_SHOWN);
            }
            qrContent.set(qr.codeUrl());
        });
        updateCountdown();
        String reason = changed.reasonCode().orElse("");
        paymentDetail.set(format("pay.state." + state, reason, money.format(sale.total())));
        switch (state) {
            case STARTING, WAITING_FOR_CUSTOMER, USER_PAYING -> {
                mode.set(SellMode.PAYING);
                say(MessageKind.INFO, "pay.state." + state, reason, money.format(sale.total()));
            }
            case PAID -> {
                if (gatewayTender == TenderType.CARD) {
                    cardPaid(changed);
                    return;
                }
                TenderType type = gatewayTender;
                if (mode.get() == SellMode.PAYMENT_PROBLEM) {
                    // "check again" found the money after all
                    mode.set(SellMode.PAYING);
                }
                sale.payInFull(type, changed.order().outTradeNo(), clock.instant());
                changeText.set("");
                qrContent.set(null);
                countdownText.set("");
                paymentTitle.set(format("pay.paidTitle"));
                saveFinished(SaleRecord.of(sale, tillId));
            }
            case FAILED, TIMED_OUT, UNREACHABLE, CANCELLED -> {
                mode.set(SellMode.PAYMENT_PROBLEM);
                say(MessageKind.ERROR, "pay.state." + state, reason, money.format(sale.total()));
                if (gatewayTender == TenderType.CARD) {
                    String cardKey = "card.reason." + reason;
                    showResult(false, format("card.result.failed"),
                            text.containsKey(cardKey) ? format(cardKey) : format("pay.state." + state, reason, money.format(card.amount())));
                }
            }
        }
    }

    /** Refreshes the seconds left on a QR payment; the view calls it every second. */
    public void updateCountdown() {
        if (session == null || mode.get() != SellMode.PAYING) {
            countdownText.set("");
            return;
        }
        long seconds = Math.max(0, Duration.between(clock.instant(), session.deadline()).toSeconds());
        countdownText.set(format("pay.countdown", seconds));
    }

    private void dropSession() {
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

    // ---------------------------------------------------------------- rule base (R13–R15, R26)

    /**
     * Checks every payment against the rule base in force (R13, R14) and every scanned item against
     * its sale time windows (R26) from now on.
     *
     * @param rules    the rule base in force; asked afresh each time, so a new version applies at once
     * @param spending what a card already paid today, for the daily limit
     * @param payee    the store's merchant id, a required payment field
     */
    public void useRules(Supplier<RuleBase> rules, CardSpending spending, String payee) {
        this.rules = Objects.requireNonNull(rules, "rules");
        this.cardSpending = Objects.requireNonNull(spending, "spending");
        this.payee = Objects.requireNonNull(payee, "payee");
        showRuleBase(rules.get().version(), "", "");
    }

    /** Reports buried points (R19) from now on: tender pages shown and tender buttons pressed. */
    public void useEvents(pos.core.events.EventRecorder recorder) {
        this.events = Objects.requireNonNull(recorder, "recorder");
    }

    /** The clerk opened the reports view (R19's own click, so the report counts its use). */
    public void reportsOpened() {
        clicked(pos.core.events.ElementIds.OPEN_REPORTS);
    }

    private void pageShown(String pageId) {
        if (events != null) {
            events.pageShown(pageId);
        }
    }

    private void clicked(String elementId) {
        if (events != null) {
            events.clicked(elementId);
        }
    }

    /** Enables the card tender (F1) through the payment component (R16). */
    public void useCardPayments(CardPayments cards) {
        card.useCardPayments(cards);
    }

    /** Says on the status bar that the till runs in demo mode with the sandbox's built-in keys (or clears it). */
    public void showDemoMode(boolean demoWithSandboxKeys) {
        demoText.set(demoWithSandboxKeys ? text.getString("status.demo") : "");
    }

    /**
     * Shows which rule-base version the till checks with, where it came from, and the last refused
     * update if any (the version in force stays).
     */
    public void showRuleBase(long version, String source, String refusal) {
        boolean refused = refusal != null && !refusal.isEmpty();
        ruleBaseProblem.set(refused);
        // issue 10: the keeper's own sentences already say "update refused" or "rule updates off"
        boolean updatesOff = refused && refusal.startsWith("rule updates off");
        String reason = refused && refusal.startsWith("update refused: ") ? refusal.substring("update refused: ".length())
                : refusal;
        ruleBaseText.set(updatesOff ? format("status.rules.off", version, abbreviate(reason, 96))
                : refused ? format("status.rules.refused", version, abbreviate(reason, 96))
                : format("status.rules", version, source == null || !text.containsKey("status.rules.source." + source) ? ""
                        : text.getString("status.rules.source." + source)));
    }

    /**
     * Shows the webcam's state on the status bar: reading, or why not (no camera, busy, unplugged:
     * scanning goes on with the barcode scanner).
     *
     * @param state   the webcam scanner's state name (OFF, STARTING, RUNNING, NO_CAMERA, BUSY, LOST)
     * @param camera  the camera's name, or "" before one is chosen
     * @param detail  the scanner's own sentence, for the tooltip
     */
    public void showCamera(String state, String camera, String detail) {
        String key = "status.camera." + state;
        cameraText.set(format(text.containsKey(key) ? key : "status.camera.OFF", camera == null || camera.isEmpty()
                ? format("status.camera.unnamed") : camera));
        cameraDetail.set(detail == null ? "" : detail);
        boolean problem = state.equals("NO_CAMERA") || state.equals("BUSY") || state.equals("LOST");
        cameraProblem.set(problem);
        if (problem) {
            say(MessageKind.ERROR, "camera.problem", cameraText.get());
        }
    }

    /** R26: refuses an item outside its sale time windows, naming the windows. */
    private boolean outsideSaleWindow(Product product) {
        Optional<SaleWindowRefusal> refusal;
        try {
            refusal = rules.get().sellable(soldItem(product), ZonedDateTime.now(clock));
        } catch (RuntimeException e) {
            LOG.error("sale time window check failed for {}", product.code(), e);
            say(MessageKind.ERROR, "rules.error", e.getMessage());
            return true;
        }
        if (refusal.isEmpty()) {
            return false;
        }
        SaleWindowRefusal r = refusal.get();
        if (!r.customMessage().isEmpty()) {
            say(MessageKind.ERROR, "sell.window.refusedCustom", product.name(), r.customMessage(), windowsText(r.windows()));
        } else {
            say(MessageKind.ERROR, "sell.window.refused", product.name(), windowsText(r.windows()));
        }
        return true;
    }

    private static SoldItem soldItem(Product product) {
        return new SoldItem(product.code(), product.name(), product.category());
    }

    private List<SoldItem> soldItems() {
        return sale.lines().stream().map(l -> soldItem(l.product())).toList();
    }

    /**
     * Checks a cash, QR or pay-code payment of {@code amount} against the rule base; a failure
     * opens the popup and returns false.
     */
    private boolean passesRules(TenderType tender, Money amount) {
        PaymentFacts facts = new PaymentFacts(sale.id().value(), payee, tender, amount, null, "", soldItems(),
                ZonedDateTime.now(clock), ageConfirmed.get());
        List<CheckFailureRow> rows = new ArrayList<>();
        addRuleFailures(facts, rows, FocusTarget.CART);
        if (rows.isEmpty()) {
            return true;
        }
        openCheckPopup(rows);
        return false;
    }

    private void addRuleFailures(PaymentFacts facts, List<CheckFailureRow> rows, FocusTarget amountField) {
        Verification verification;
        try {
            verification = rules.get().verify(facts, cardSpending);
        } catch (RuntimeException e) {
            LOG.error("rule base check failed", e);
            rows.add(new CheckFailureRow("rules", format("rules.error", e.getMessage()), FocusTarget.CART));
            return;
        }
        for (RuleResult r : verification.failures()) {
            FocusTarget target = switch (r.field()) {
                case Fields.AMOUNT -> amountField;
                case Fields.CARD -> FocusTarget.CARD_NUMBER;
                case Fields.AGE_CONFIRMATION -> FocusTarget.AGE_CONFIRMATION;
                default -> FocusTarget.CART;
            };
            rows.add(new CheckFailureRow(r.keyword(), reasonText(r), target));
        }
    }

    private void openCheckPopup(List<CheckFailureRow> rows) {
        checkFailures.setAll(rows);
        if (rows.stream().anyMatch(r -> r.field() == FocusTarget.AGE_CONFIRMATION)) {
            ageCheckVisible.set(true);
        }
        checkPopupVisible.set(true);
        say(MessageKind.ERROR, "check.failed", rows.size());
    }

    /** R15: the "Fix" link of a popup line: closes the popup and puts the focus on that field. */
    public void fix(CheckFailureRow row) {
        checkPopupVisible.set(false);
        if (row.field() == FocusTarget.CART) {
            if (sale.state() == SaleState.TENDERING && !sale.isPartPaid()) {
                card.wipePin();
                dropSession();
                sale.resumeShopping();
                mode.set(SellMode.SELLING);
            }
            requestFocus(FocusTarget.CART);
            say(MessageKind.INFO, "check.fixCart");
            return;
        }
        if (row.field() == FocusTarget.AGE_CONFIRMATION) {
            ageCheckVisible.set(true);
        }
        requestFocus(row.field());
        say(MessageKind.INFO, "check.fixField", row.reason());
    }

    /** Esc on the popup: close it, keep everything as typed. */
    public void closeCheckPopup() {
        checkPopupVisible.set(false);
        requestFocus(mode.get() == SellMode.CARD_ENTRY ? FocusTarget.CARD_NUMBER
                : mode.get() == SellMode.TENDERING ? FocusTarget.TENDER_FIELD : FocusTarget.SCAN_FIELD);
    }

    private String reasonText(RuleResult r) {
        if (r.customMessageIfAny().isPresent()) {
            return r.customMessage();
        }
        Object[] args = r.arguments().stream().map(this::argumentText).toArray();
        if (!text.containsKey(r.messageKey())) {
            LOG.warn("no text for rule message {} of rule {}", r.messageKey(), r.keyword());
            return format("rule.failedGeneric", r.keyword(), r.messageKey());
        }
        return format(r.messageKey(), args);
    }

    private Object argumentText(Object arg) {
        if (arg instanceof Money m) {
            return money.format(m);
        }
        if (arg instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof TimeWindow) {
            @SuppressWarnings("unchecked")
            List<TimeWindow> windows = (List<TimeWindow>) list;
            return windowsText(windows);
        }
        if (arg instanceof List<?> list) {
            return String.join(", ", list.stream().map(o -> {
                String key = "field." + o;
                return text.containsKey(key) ? text.getString(key) : String.valueOf(o);
            }).toList());
        }
        return arg;
    }

    /** "Mon–Sat 08:00–22:00; Sun 10:00–18:00" in the till's language. */
    String windowsText(List<TimeWindow> windows) {
        java.time.format.DateTimeFormatter time = java.time.format.DateTimeFormatter.ofPattern("HH:mm", money.locale());
        List<String> parts = new ArrayList<>();
        for (TimeWindow w : windows) {
            parts.add(daysText(w.days()) + " " + time.format(w.from()) + "–" + time.format(w.to()));
        }
        return String.join("; ", parts);
    }

    private String daysText(java.util.Set<java.time.DayOfWeek> days) {
        List<String> runs = new ArrayList<>();
        java.time.DayOfWeek[] week = java.time.DayOfWeek.values();
        int i = 0;
        while (i < 7) {
            if (!days.contains(week[i])) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < 7 && days.contains(week[j + 1])) {
                j++;
            }
            String first = week[i].getDisplayName(java.time.format.TextStyle.SHORT, money.locale());
            String last = week[j].getDisplayName(java.time.format.TextStyle.SHORT, money.locale());
            runs.add(i == j ? first : first + "–" + last);
            i = j + 1;
        }
        return String.join(", ", runs);
    }

    // ---------------------------------------------------------------- card tender (R13–R18)

    /** F1: the card panel for the amount due: card number, bank, amount. */
    public void openCardTender() {
        if (!card.isConfigured()) {
            say(MessageKind.ERROR, "card.notConfigured");
            return;
        }
        if (mode.get() == SellMode.CARD_ENTRY) {
            requestFocus(FocusTarget.CARD_NUMBER);
            return;
        }
        if (!beginGatewayTender()) {
            return;
        }
        dropSession();
        gatewayTender = TenderType.CARD;
        card.open(sale.due());
        dueText.set(money.format(sale.due()));
        mode.set(SellMode.CARD_ENTRY);
        requestFocus(FocusTarget.CARD_NUMBER);
        pageShown(pos.core.events.PageIds.TENDER_CARD);
        say(MessageKind.INFO, "card.prompt", money.format(sale.due()));
    }

    /**
     * Characters typed into the card number field (by hand or by a card reader's keyboard
     * wedge). Digits are kept, spaces and dashes ignored; anything else is refused with a message.
     * The field only ever shows the masked form.
     */
    public void cardTyped(String typed) {
        card.typed(typed);
    }

    /** Backspace in the card number field. */
    public void cardBackspace() {
        card.backspace();
    }

    /**
     * Enter in the card panel: checks the payment against the rule base before anything is sent
     * (R13, R14). A failure opens the popup naming each failed rule with a "Fix" link (R15); a pass
     * opens the PIN keypad (R18).
     */
    public void checkCard() {
        card.check();
    }

    /** A key of the shuffled PIN keypad, by its position (0–9) on screen. */
    public void pinKeyAt(int position) {
        card.pinKeyAt(position);
    }

    public void pinBackspace() {
        card.pinBackspace();
    }

    /** OK on the keypad: with six digits, the payment request goes to the payment component (R16). */
    public void pinConfirm() {
        card.pinConfirm();
    }

    /** The card panel's checked payment goes out: {@code start} asks the payment component, then it is followed. */
    private void startCardPayment(TransactionId attempt, Supplier<PaymentSession> start) {
        dropSession();
        paymentTitle.set(format("card.title"));
        qrContent.set(null);
        countdownText.set("");
        try {
            session = start.get();
        } catch (RuntimeException e) {
            LOG.error("could not start card payment {}", attempt, e);
            paymentState.set(PaymentSession.State.UNREACHABLE);
            paymentDetail.set(format("pay.state.UNREACHABLE", e.getMessage()));
            mode.set(SellMode.PAYMENT_PROBLEM);
            say(MessageKind.ERROR, "pay.state.UNREACHABLE", e.getMessage());
            showResult(false, format("card.result.failed"), format("pay.state.UNREACHABLE", e.getMessage()));
            return;
        }
        mode.set(SellMode.PAYING);
        PaymentSession started = session;
        sessionSubscription = started.onChange(state -> ui.execute(() -> sessionChanged(started, state)));
        sessionChanged(started, started.state());
    }

    /** The card paid (R17): the result page, then the sale completes or the rest is due. */
    private void cardPaid(PaymentSession paid) {
        Money amount = paid.order().amount();
        if (mode.get() == SellMode.PAYMENT_PROBLEM) {
            mode.set(SellMode.PAYING);
        }
        sale.payPart(TenderType.CARD, amount, paid.order().outTradeNo(), clock.instant());
        String masked = card.maskedCardInFlight();
        card.clear();
        changeText.set("");
        countdownText.set("");
        paymentTitle.set(format("pay.paidTitle"));
        if (sale.state() == SaleState.PAID) {
            showResult(true, format("card.result.paid"), format("card.result.paidDetail", money.format(amount), masked));
            saveFinished(SaleRecord.of(sale, tillId));
        } else {
            dropSession();
            showResult(true, format("card.result.paid"),
                    format("card.result.partDetail", money.format(amount), masked, money.format(sale.due())));
            showCashPanelForRest();
        }
    }

    private void showResult(boolean success, String title, String detail) {
        resultSuccess.set(success);
        resultTitle.set(title);
        resultDetail.set(detail);
        resultVisible.set(true);
    }

    /** Enter or Esc on the result page: close it. */
    public void dismissResult() {
        resultVisible.set(false);
    }

    // ---------------------------------------------------------------- vouchers (R1–R6)

    /**
     * Takes voucher scans from now on: verified here, offline, with {@code codec} (forged, expired,
     * malformed, unknown key and wrong store are refused at once), then redeemed once and only once
     * through {@code redemption} off the UI thread.
     *
     * @param redemption the store's redemption, or null when this till has no Redis: vouchers are
     *                   then refused (the till cannot prove a voucher unused)
     */
    public void useVouchers(pos.core.voucher.VoucherCodec codec, String storeId, pos.core.voucher.VoucherRedemption redemption) {
        vouchers.useVouchers(codec, storeId, redemption);
    }

    // ---------------------------------------------------------------- what the card panel and vouchers see

    /** The screen as the card panel and vouchers see it: the sale, the mode, messages, focus; nothing else. */
    private final class Parts implements CardEntryModel.Host, VoucherModel.Host {

        @Override
        public Sale sale() {
            return sale;
        }

        @Override
        public SellMode mode() {
            return mode.get();
        }

        @Override
        public void changeMode(SellMode next) {
            mode.set(next);
        }

        @Override
        public void say(MessageKind kind, String key, Object... args) {
            SellViewModel.this.say(kind, key, args);
        }

        @Override
        public void show(MessageKind kind, String sentence) {
            messageKind.set(kind);
            message.set(sentence);
        }

        @Override
        public String format(String key, Object... args) {
            return SellViewModel.this.format(key, args);
        }

        @Override
        public void requestFocus(FocusTarget target) {
            SellViewModel.this.requestFocus(target);
        }

        @Override
        public void clicked(String elementId) {
            SellViewModel.this.clicked(elementId);
        }

        @Override
        public RuleBase rules() {
            return rules.get();
        }

        @Override
        public void addRuleFailures(String orderId, Money amount, CardNumber cardNumber, List<CheckFailureRow> rows) {
            PaymentFacts facts = new PaymentFacts(orderId, payee, TenderType.CARD, amount, cardNumber, "", soldItems(),
                    ZonedDateTime.now(clock), ageConfirmed.get());
            SellViewModel.this.addRuleFailures(facts, rows, FocusTarget.CARD_AMOUNT);
        }

        @Override
        public void openCheckPopup(List<CheckFailureRow> rows) {
            SellViewModel.this.openCheckPopup(rows);
        }

        @Override
        public void checkPassed() {
            checkPopupVisible.set(false);
            checkFailures.clear();
        }

        @Override
        public String paymentDescription() {
            return format("pay.description", tillId, sale.totals().itemCount());
        }

        @Override
        public void startCardPayment(TransactionId attempt, Supplier<PaymentSession> start) {
            SellViewModel.this.startCardPayment(attempt, start);
        }

        @Override
        public void cartChanged(int selectLineNo) {
            afterCartChange(selectLineNo);
        }

        @Override
        public void partPaid() {
            SellViewModel.this.partPaid();
        }
    }

    // ---------------------------------------------------------------- sale lifecycle

    /** F12: start the next sale after a paid one. An open sale with items must be finished or cancelled. */
    public void newSale() {
        if (mode.get() == SellMode.PAID || sale.isEmpty() && mode.get() == SellMode.SELLING) {
            startNewSale();
            say(MessageKind.INFO, "sell.ready");
        } else {
            say(MessageKind.ERROR, "sell.finishFirst");
        }
    }

    /** F8 twice: cancel the current sale; it is journaled as cancelled for the audit trail. */
    public void cancelSale() {
        if (mode.get() != SellMode.SELLING && mode.get() != SellMode.TENDERING || sale.isEmpty()) {
            say(MessageKind.INFO, "sell.nothingToCancel");
            return;
        }
        if (sale.isPartPaid()) {
            say(MessageKind.ERROR, "sale.refused.PART_PAID");
            return;
        }
        Instant now = clock.instant();
        if (supervision != null) {
            Sale asked = sale;
            supervision.request(pos.core.people.GuardedAction.CANCEL_SALE, pos.core.people.SupervisedSale.saleSubject(asked),
                    format("approval.subject.sale", saleNumberText.get(), money.format(asked.total())),
                    approval -> {
                        if (asked != sale || asked.isPartPaid()
                                || mode.get() != SellMode.SELLING && mode.get() != SellMode.TENDERING) {
                            say(MessageKind.ERROR, "approval.staleSale");
                            return;
                        }
                        try {
                            supervised.cancel(asked, clock.instant(), approval);
                            saveFinished(SaleRecord.of(asked, tillId));
                        } catch (SaleException | pos.core.people.ApprovalRequiredException e) {
                            LOG.info("cancel of sale {} refused after approval: {}", asked.id(), e.getMessage());
                            say(MessageKind.ERROR, "approval.refused", e.getMessage());
                        }
                    },
                    declined -> {
                        message.set(declined);
                        messageKind.set(MessageKind.ERROR);
                    });
            return;
        }
        if (cancelAskedAt == null || Duration.between(cancelAskedAt, now).compareTo(CANCEL_CONFIRM_WINDOW) > 0) {
            cancelAskedAt = now;
            say(MessageKind.ERROR, "sell.cancel.confirm");
            return;
        }
        cancelAskedAt = null;
        sale.cancel(now);
        saveFinished(SaleRecord.of(sale, tillId));
    }

    private void startNewSale() {
        dropSession();
        paymentMethod = null;
        gatewayTender = null;
        vouchers.newSale();
        card.clear();
        card.wipePin();
        ageConfirmed.set(false);
        ageCheckVisible.set(false);
        checkPopupVisible.set(false);
        checkFailures.clear();
        sale = new Sale(ids.next(), currency, clock.instant());
        cancelAskedAt = null;
        cart.clear();
        searchResults.clear();
        selectedRow.set(null);
        entryText.set("");
        tenderedText.set("");
        dueText.set("");
        changeText.set("");
        mode.set(SellMode.SELLING);
        saleNumberText.set(format("sell.saleNumber", sale.id().value().substring(20)));
        requestFocus(FocusTarget.SCAN_FIELD);
        refreshTotals();
    }

    private void afterCartChange(int selectLineNo) {
        cart.setAll(sale.lines().stream().map(this::row).toList());
        selectedRow.set(cart.stream().filter(r -> r.lineNo() == selectLineNo).findFirst()
                .orElse(cart.isEmpty() ? null : cart.get(cart.size() - 1)));
        refreshTotals();
    }

    private void refreshTotals() {
        var totals = sale.totals();
        totalText.set(money.format(totals.total()));
        itemCountText.set(format("sell.itemCount", totals.itemCount()));
        taxText.set(format("sell.taxIncluded", money.format(totals.taxTotal())));
        canTender.set(!sale.isEmpty());
    }

    private CartRow row(SaleLine line) {
        String quantity = line.weighed()
                ? format("sell.weight", line.grams() / 1000.0)
                : Integer.toString(line.quantity());
        String unit = line.weighed()
                ? format("sell.perKg", money.format(line.unitPrice()))
                : money.format(line.unitPrice());
        return new CartRow(line.lineNo(), line.product().name(), quantity, unit, money.format(line.lineTotal()));
    }

    private void showSync(SyncStatus status) {
        syncState.set(status.state());
        syncDetail.set(status.detail());
        syncText.set(format("status.sync." + status.state(), status.backlog()));
    }

    /** Fires even when the target is unchanged, so the view moves the focus back each time. */
    private void requestFocus(FocusTarget target) {
        focusRequest.set(null);
        focusRequest.set(target);
    }

    // ---------------------------------------------------------------- messages

    private void refuse(SaleException e) {
        LOG.info("sale refused: {}", e.getMessage());
        say(MessageKind.ERROR, "sale.refused." + e.reason());
    }

    private void say(MessageKind kind, String key, Object... args) {
        messageKind.set(kind);
        message.set(format(key, args));
    }

    private String format(String key, Object... args) {
        try {
            return new MessageFormat(text.getString(key), money.locale()).format(args);
        } catch (MissingResourceException e) {
            LOG.error("missing text for key {}", key, e);
            return key;
        }
    }

    static String abbreviate(String s) {
        return abbreviate(s, 32);
    }

    /** A rule-base refusal is a whole sentence (issue 10: "version … is not signed by the store owner"): it gets more room. */
    static String abbreviate(String s, int max) {
        return pos.core.text.ClerkEcho.safe(s, max);
    }

    /** Shows the store hub's alerts (R12) on the status bar from now on. */
    public void followAlerts(pos.core.sync.AlertFeed alerts) {
        showAlerts(alerts.current());
        alertSubscription = alerts.onChange(list -> ui.execute(() -> showAlerts(list)));
    }

    private void showAlerts(List<pos.core.sync.StoreAlert> alerts) {
        alertCritical.set(alerts.stream().anyMatch(pos.core.sync.StoreAlert::critical));
        alertText.set(alerts.isEmpty() ? "" : format("status.alerts", alerts.size(), alerts.get(0).message()));
    }

    /** Refreshes the date and time shown in the header; the view calls it every few seconds. */
    public void tick() {
        dateTimeText.set(dateTimeFormat.format(clock.instant().atZone(clock.getZone())));
        updateCountdown();
    }

    /** Stops listening to sync status and alerts. */
    public void dispose() {
        if (alertSubscription != null) {
            try {
                alertSubscription.close();
            } catch (Exception e) {
                LOG.warn("could not stop following alerts", e);
            }
        }
        if (syncSubscription != null) {
            try {
                syncSubscription.close();
            } catch (Exception e) {
                LOG.warn("could not unsubscribe from sync status", e);
            }
            syncSubscription = null;
        }
    }

    // ---------------------------------------------------------------- properties for the view

    public ObservableList<CartRow> cart() { return cart; }
    public ObservableList<Product> searchResults() { return searchResults; }
    public ObjectProperty<CartRow> selectedRowProperty() { return selectedRow; }
    public StringProperty entryTextProperty() { return entryText; }
    public StringProperty tenderedTextProperty() { return tenderedText; }
    public ReadOnlyStringProperty totalTextProperty() { return totalText; }
    public ReadOnlyStringProperty itemCountTextProperty() { return itemCountText; }
    public ReadOnlyStringProperty taxTextProperty() { return taxText; }
    public ReadOnlyStringProperty dueTextProperty() { return dueText; }
    public ReadOnlyStringProperty changeTextProperty() { return changeText; }
    public ReadOnlyStringProperty saleNumberTextProperty() { return saleNumberText; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() { return messageKind; }
    public ReadOnlyObjectProperty<SellMode> modeProperty() { return mode; }
    public ReadOnlyObjectProperty<FocusTarget> focusRequestProperty() { return focusRequest; }
    public ReadOnlyStringProperty syncTextProperty() { return syncText; }
    public ReadOnlyStringProperty dateTimeTextProperty() { return dateTimeText; }
    public ReadOnlyStringProperty alertTextProperty() { return alertText; }
    public ReadOnlyBooleanProperty alertCriticalProperty() { return alertCritical; }
    public ReadOnlyObjectProperty<SyncState> syncStateProperty() { return syncState; }
    public ReadOnlyStringProperty syncDetailProperty() { return syncDetail; }
    public ReadOnlyBooleanProperty canTenderProperty() { return canTender; }

    public ReadOnlyObjectProperty<PaymentSession.State> paymentStateProperty() { return paymentState; }
    public ReadOnlyStringProperty qrContentProperty() { return qrContent; }
    public ReadOnlyStringProperty countdownTextProperty() { return countdownText; }
    public ReadOnlyStringProperty paymentTitleProperty() { return paymentTitle; }
    public ReadOnlyStringProperty paymentDetailProperty() { return paymentDetail; }
    /** True while the QR/pay-code panel is the one to show (instead of the cash panel). */
    public ReadOnlyBooleanProperty gatewayPanelProperty() { return gatewayPanel; }

    public ReadOnlyStringProperty cardNumberTextProperty() { return card.cardNumberTextProperty(); }
    public ReadOnlyStringProperty cardBankTextProperty() { return card.cardBankTextProperty(); }
    public StringProperty cardAmountTextProperty() { return card.cardAmountTextProperty(); }
    public ReadOnlyStringProperty pinDotsTextProperty() { return card.pinDotsTextProperty(); }
    /** The amount the customer authorises with the PIN, formatted. */
    public ReadOnlyStringProperty pinAmountTextProperty() { return card.pinAmountTextProperty(); }
    public BooleanProperty ageConfirmedProperty() { return ageConfirmed; }
    /** True while nobody is signed in. */
    public ReadOnlyBooleanProperty lockedProperty() { return locked; }
    /** "Clerk: Ann (Supervisor)" for the status bar, or "" on a till without sign-in. */
    public ReadOnlyStringProperty clerkTextProperty() { return clerkText; }
    public ReadOnlyBooleanProperty ageCheckVisibleProperty() { return ageCheckVisible; }
    public ObservableList<CheckFailureRow> checkFailures() { return checkFailures; }
    public ReadOnlyBooleanProperty checkPopupVisibleProperty() { return checkPopupVisible; }
    /** The PIN keypad's digits in screen order (shuffled for each payment, R18). */
    public ObservableList<Integer> keypad() { return card.keypad(); }
    public ReadOnlyBooleanProperty resultVisibleProperty() { return resultVisible; }
    public ReadOnlyBooleanProperty resultSuccessProperty() { return resultSuccess; }
    public ReadOnlyStringProperty resultTitleProperty() { return resultTitle; }
    public ReadOnlyStringProperty resultDetailProperty() { return resultDetail; }
    public ReadOnlyStringProperty ruleBaseTextProperty() { return ruleBaseText; }

    /** "Demo mode: sandbox keys" while the till runs with the sandbox's built-in keys, else empty. */
    public ReadOnlyStringProperty demoTextProperty() { return demoText; }
    public ReadOnlyStringProperty cameraTextProperty() { return cameraText; }
    public ReadOnlyStringProperty cameraDetailProperty() { return cameraDetail; }
    public ReadOnlyBooleanProperty cameraProblemProperty() { return cameraProblem; }
    public ReadOnlyBooleanProperty ruleBaseProblemProperty() { return ruleBaseProblem; }

    /** The sale on screen, for tests and the receipt. */
    public Sale currentSale() { return sale; }
}
