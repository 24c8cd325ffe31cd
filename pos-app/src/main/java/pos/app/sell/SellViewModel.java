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
import pos.core.catalog.Catalog;
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
        tenderedText.addListener((obs, old, now) -> updateChangePreview());
        mode.addListener((obs, old, now) -> gatewayPanel.set(switch (now) {
            case AWAITING_PAY_CODE, PAYING, PAYMENT_PROBLEM -> true;
            case SAVING, SAVE_FAILED, PAID -> paymentMethod != null && sale.tenders().stream().anyMatch(t -> t.type() != TenderType.CASH);
            case SELLING, TENDERING -> false;
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
        switch (mode.get()) {
            case AWAITING_PAY_CODE -> {
                if (PayCodes.isPlausible(code)) {
                    startPayment(PaymentMethod.PAY_CODE, code);
                } else {
                    say(MessageKind.ERROR, "pay.code.notAPayCode");
                }
                return;
            }
            case TENDERING, SAVING, SAVE_FAILED, PAYING, PAYMENT_PROBLEM -> {
                say(MessageKind.ERROR, "sell.scan.whileTendering");
                return;
            }
            case PAID -> startNewSale();
            case SELLING -> {
                if (PayCodes.isPlausible(code) && !sale.isEmpty()) {
                    // the customer's wallet code: pay-code tender without choosing it first
                    if (beginGatewayTender()) {
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
        try {
            SaleLine removed = sale.removeLine(row.lineNo());
            afterCartChange(-1);
            say(MessageKind.INFO, "sell.removed", removed.product().name());
        } catch (SaleException e) {
            refuse(e);
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
        say(MessageKind.INFO, "tender.cash.prompt", money.format(sale.total()));
    }

    /** Fills in the exact amount due (the customer paid exactly). */
    public void tenderExact() {
        if (mode.get() == SellMode.TENDERING) {
            tenderedText.set(money.formatPlain(sale.total()));
        }
    }

    /** Esc: leave the cash or payment panel, back to the cart. A payment in progress is stopped first. */
    public void backToCart() {
        if (mode.get() == SellMode.PAYING) {
            session.cancel();
            say(MessageKind.INFO, "pay.cancelling");
            return;
        }
        if (mode.get() == SellMode.AWAITING_PAY_CODE || mode.get() == SellMode.PAYMENT_PROBLEM) {
            dropSession();
            sale.resumeShopping();
            mode.set(SellMode.SELLING);
            requestFocus(FocusTarget.SCAN_FIELD);
            say(MessageKind.INFO, "sell.ready");
            return;
        }
        if (mode.get() == SellMode.TENDERING) {
            sale.resumeShopping();
            mode.set(SellMode.SELLING);
            tenderedText.set("");
            changeText.set("");
            requestFocus(FocusTarget.SCAN_FIELD);
            say(MessageKind.INFO, "sell.ready");
        }
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
        Money tendered;
        try {
            tendered = Money.parse(tenderedText.get(), currency);
        } catch (MoneyFormatException e) {
            say(MessageKind.ERROR, "tender.cash.invalid." + e.reason(), abbreviate(e.input()));
            return;
        }
        if (tendered.isLessThan(sale.total())) {
            say(MessageKind.ERROR, "tender.cash.short", money.format(sale.total().minus(tendered)));
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
            Money change = tendered.minus(sale.total());
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
            startPayment(PaymentMethod.QR_SHOWN, null);
        }
    }

    /** F4: the next scan is the customer's payment code. */
    public void openPayCodeTender() {
        if (beginGatewayTender()) {
            dropSession();
            paymentMethod = PaymentMethod.PAY_CODE;
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
            case TENDERING, AWAITING_PAY_CODE, PAYMENT_PROBLEM -> tenderedText.set("");
            default -> {
                return false;
            }
        }
        return true;
    }

    private void startPayment(PaymentMethod method, String authCode) {
        dropSession();
        paymentMethod = method;
        PaymentOrder order = new PaymentOrder(ids.next(), tillId, method, sale.total(),
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
        changed.qrOrder().ifPresent(qr -> qrContent.set(qr.codeUrl()));
        updateCountdown();
        String reason = changed.reasonCode().orElse("");
        paymentDetail.set(format("pay.state." + state, reason, money.format(sale.total())));
        switch (state) {
            case STARTING, WAITING_FOR_CUSTOMER, USER_PAYING -> {
                mode.set(SellMode.PAYING);
                say(MessageKind.INFO, "pay.state." + state, reason, money.format(sale.total()));
            }
            case PAID -> {
                TenderType type = paymentMethod == PaymentMethod.QR_SHOWN ? TenderType.QR : TenderType.PAY_CODE;
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
        Instant now = clock.instant();
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

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        String printable = s.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > 32 ? printable.substring(0, 32) + "…" : printable;
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

    /** The sale on screen, for tests and the receipt. */
    public Sale currentSale() { return sale; }
}
