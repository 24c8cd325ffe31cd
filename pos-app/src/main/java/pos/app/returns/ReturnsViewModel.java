package pos.app.returns;

import java.text.MessageFormat;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.checkout.MessageKind;
import pos.app.checkout.Supervision;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.people.GuardedAction;
import pos.core.people.SignedIn;
import pos.core.refund.PlannedRefund;
import pos.core.refund.ReturnQuote;
import pos.core.refund.ReturnRecord;
import pos.core.refund.ReturnRefusedException;
import pos.core.refund.ReturnRequest;
import pos.core.refund.Returnable;
import pos.core.refund.ReturnableLine;
import pos.core.sale.SaleRecord;
import pos.core.sale.TransactionId;
import pos.sync.refund.RefundRefusedException;
import pos.sync.refund.StartedReturn;
import pos.sync.refund.TillRefunds;

/**
 * The returns screen's state (issue 12, point 3): the receipt's code or id typed or scanned (or a day
 * and amount: {@code 2026-12-06 6.57}), the original sale with sold / returned / left per line, the
 * pieces chosen (F5 one more, F6 one less, F7 the whole line), the reason, and Enter refunds. A refund
 * above {@code approvalAboveMinor} needs a supervisor ({@link GuardedAction#REFUND}). Look-ups and
 * refunds run on the background executor. Not thread-safe: UI thread only.
 */
public final class ReturnsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnsViewModel.class);
    private static final Pattern DAY_AND_AMOUNT = Pattern.compile( // issue 14.3: 2026-12-06, 2026/12/6 or 2026年12月6日, then the amount
            "(?<day>" + pos.app.i18n.TillDates.typedDayPattern() + ")\\s*(?<amount>(?<=\\s|日)\\S+)");
    private static final String PREVIEW_ID = "preview";

    private final ReturnLookup lookup;
    private final TillRefunds refunds;
    private final Supervision supervision;
    private final Supplier<Optional<SignedIn>> signedIn;
    private final Supplier<String> shiftId;
    private final ReturnOutput output;
    private final TransactionId.Generator ids;
    private final String tillId;
    private final long approvalAboveMinor;
    private final Currency currency;
    private final ZoneId zone;
    private final MoneyFormat money;
    private final ResourceBundle text;
    private final TaskExecutor background;
    private final UiThread ui;

    private final BooleanProperty shown = new SimpleBooleanProperty(false);
    private final StringProperty query = new SimpleStringProperty("");
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringProperty saleText = new SimpleStringProperty("");
    private final StringProperty totalText = new SimpleStringProperty("");
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<MessageKind> messageKind = new SimpleObjectProperty<>(MessageKind.INFO);
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final ObservableList<ReturnLineRow> rows = FXCollections.observableArrayList();
    private final ObjectProperty<ReturnRecord> lastReturn = new SimpleObjectProperty<>();
    /** The returns started on this till and never finished (a refund refused, a gateway that did not answer, a crash). */
    private final ObservableList<StartedReturn> unfinished = FXCollections.observableArrayList();

    private Returnable sale; // null until a sale is found
    private ReturnRequest request = new ReturnRequest(Map.of(), null);
    private boolean offline;

    /**
     * @param supervision        asks a supervisor to approve a refund above the limit; null when the till has no
     *                           sign-in (then such refunds are refused, said so)
     * @param signedIn           the clerk signed in now, if any
     * @param shiftId            the open shift's id, or null
     * @param approvalAboveMinor refunds above this many minor units need a supervisor ({@code pos.refund.approvalAbove})
     */
    public ReturnsViewModel(ReturnLookup lookup, TillRefunds refunds, Supervision supervision,
            Supplier<Optional<SignedIn>> signedIn, Supplier<String> shiftId, ReturnOutput output,
            TransactionId.Generator ids, String tillId, long approvalAboveMinor, Currency currency, Clock clock,
            MoneyFormat money, ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
        this.refunds = Objects.requireNonNull(refunds, "refunds");
        this.supervision = supervision;
        this.signedIn = Objects.requireNonNull(signedIn, "signedIn");
        this.shiftId = Objects.requireNonNull(shiftId, "shiftId");
        this.output = Objects.requireNonNull(output, "output");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.approvalAboveMinor = approvalAboveMinor;
        this.currency = Objects.requireNonNull(currency, "currency");
        this.zone = clock.getZone();
        this.money = Objects.requireNonNull(money, "money");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Ctrl+U: shows the screen, empty, waiting for the receipt's code; says so when a return was left unfinished. */
    public void open() {
        clear();
        shown.set(true);
        say(MessageKind.INFO, "returns.prompt");
        background.execute(() -> {
            try {
                List<StartedReturn> left = refunds.unfinished();
                ui.execute(() -> showUnfinished(left));
            } catch (RuntimeException e) {
                LOG.error("Cannot list the unfinished returns", e);
                ui.execute(() -> failed("returns.findFailed", e));
            }
        });
    }

    private void showUnfinished(List<StartedReturn> left) {
        unfinished.setAll(left);
        if (!left.isEmpty() && sale == null) {
            StartedReturn first = left.get(0);
            say(MessageKind.WARNING, "returns.unfinished", left.size(), first.quote().originalTransactionId(),
                    money.format(Money.ofMinor(first.quote().totalMinor(), first.quote().currency())));
        }
    }

    /**
     * F9: finishes the oldest return left unfinished, with its own id and refund numbers (a refund already made is not
     * made again).
     */
    public void finishUnfinished() {
        if (busy.get() || unfinished.isEmpty()) {
            return;
        }
        StartedReturn oldest = unfinished.get(0);
        busy.set(true);
        say(MessageKind.INFO, "returns.refunding", money.format(Money.ofMinor(oldest.quote().totalMinor(),
                oldest.quote().currency())));
        background.execute(() -> {
            try {
                ReturnRecord done = refunds.resume(oldest.returnId());
                List<StartedReturn> left = refunds.unfinished();
                ui.execute(() -> {
                    busy.set(false);
                    unfinished.setAll(left);
                    lastReturn.set(done);
                    say(MessageKind.SUCCESS, oldest.quote().cashMinor() > 0 ? "returns.done.cash" : "returns.done",
                            money.format(Money.ofMinor(done.totalMinor(), done.currency())), refundWords(oldest.quote()));
                    output(done, oldest.quote().cashMinor());
                });
            } catch (RefundRefusedException e) {
                LOG.warn("Unfinished return {} still not finished: {}", oldest.returnId(), e.getMessage());
                ui.execute(() -> {
                    busy.set(false);
                    message.set(pos.app.i18n.ForeignSentences.refundRefused(text, money, e));
                    messageKind.set(MessageKind.ERROR);
                });
            } catch (RuntimeException e) {
                LOG.error("Unfinished return {} failed again", oldest.returnId(), e);
                ui.execute(() -> failed("returns.refundFailed", e));
            }
        });
    }

    /** The returns left unfinished on this till (F9 finishes the oldest). */
    public ObservableList<StartedReturn> unfinished() {
        return unfinished;
    }

    /** Esc: back to selling (a refund under way finishes and is journaled all the same). */
    public void close() {
        shown.set(false);
    }

    /** A scanner read while the screen shows: the receipt's code, looked up at once. */
    public void scanned(String code) {
        query.set(code.trim());
        find();
    }

    /** Enter in the code field: looks the sale up by id, or this till's sales by day and amount. */
    public void find() {
        String typed = query.get() == null ? "" : query.get().trim();
        if (busy.get()) {
            return;
        }
        if (typed.isEmpty()) {
            say(MessageKind.ERROR, "returns.prompt");
            return;
        }
        Matcher dayAndAmount = DAY_AND_AMOUNT.matcher(typed);
        if (dayAndAmount.matches()) {
            findByDayAndAmount(dayAndAmount.group("day"), dayAndAmount.group("amount"));
            return;
        }
        busy.set(true);
        say(MessageKind.INFO, "returns.finding", typed);
        background.execute(() -> {
            try {
                ReturnLookup.Result result = lookup.byId(typed);
                ui.execute(() -> found(typed, result));
            } catch (RuntimeException e) {
                LOG.error("Return look-up of sale {} failed", typed, e);
                ui.execute(() -> failed("returns.findFailed", e));
            }
        });
    }

    private void findByDayAndAmount(String dayText, String amountText) {
        LocalDate day;
        long amount;
        try {
            day = pos.app.i18n.TillDates.parseDay(dayText).orElseThrow(() -> new DateTimeParseException("not a day", dayText, 0));
            amount = Money.parse(amountText, currency).minorUnits();
        } catch (DateTimeParseException | MoneyFormatException e) {
            say(MessageKind.ERROR, "returns.dayAndAmount.bad", query.get());
            return;
        }
        busy.set(true);
        background.execute(() -> {
            try {
                List<SaleRecord> matches = lookup.byDayAndAmount(day, amount);
                ui.execute(() -> {
                    busy.set(false);
                    if (matches.size() == 1) {
                        query.set(matches.get(0).transactionId());
                        find();
                    } else if (matches.isEmpty()) {
                        say(MessageKind.ERROR, "returns.dayAndAmount.none", pos.app.i18n.Texts.isChinese(money.locale())
                                ? pos.app.i18n.TillDates.date(money.locale()).format(day) : dayText,
                                money.format(Money.ofMinor(amount, currency)));
                    } else {
                        DateTimeFormatter time = pos.app.i18n.TillDates.time(money.locale());
                        String list = String.join("; ", matches.stream().map(s -> s.closedAt().atZone(zone).format(time)
                                + " " + s.transactionId()).toList());
                        say(MessageKind.INFO, "returns.dayAndAmount.several", matches.size(), list);
                    }
                });
            } catch (RuntimeException e) {
                LOG.error("Return look-up by {} and {} failed", day, amount, e);
                ui.execute(() -> failed("returns.findFailed", e));
            }
        });
    }

    private void found(String typed, ReturnLookup.Result result) {
        busy.set(false);
        offline = result.offline();
        if (result.sale().isEmpty()) {
            clearSale();
            say(MessageKind.ERROR, result.offline() ? "returns.notFound.offline" : "returns.notFound", typed);
            return;
        }
        show(result.sale().get());
        if (sale.fullyReturned()) {
            say(MessageKind.ERROR, "returns.nothingLeft");
        } else {
            say(MessageKind.INFO, offline ? "returns.found.offline" : "returns.found");
        }
    }

    private void show(Returnable returnable) {
        sale = returnable;
        request = new ReturnRequest(Map.of(), null);
        SaleRecord record = returnable.sale();
        DateTimeFormatter when = pos.app.i18n.TillDates.dateTime(money.locale(), FormatStyle.MEDIUM);
        saleText.set(format("returns.sale", record.transactionId(), record.tillId(), record.closedAt().atZone(zone).format(when),
                money.format(Money.ofMinor(record.paidMinor(), record.currency())), tenders(record)));
        refreshRows();
        selected.set(firstLeft());
    }

    private int firstLeft() {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).left() > 0) {
                return i;
            }
        }
        return rows.isEmpty() ? -1 : 0;
    }

    private String tenders(SaleRecord record) {
        return String.join(", ", record.tenders().stream().map(t -> text.getString("returns.tender." + t.type().name())).toList());
    }

    /** F5: one more piece of the selected line (a weighed line: the whole line). */
    public void increase() {
        change(+1);
    }

    /** F6: one piece less of the selected line. */
    public void decrease() {
        change(-1);
    }

    /** F7: every piece left of the selected line, or none when all were chosen. */
    public void wholeLine() {
        ReturnLineRow row = selectedRow();
        if (row != null) {
            choose(row, row.chosen() == row.left() ? 0 : row.left());
        }
    }

    private void change(int by) {
        ReturnLineRow row = selectedRow();
        if (row != null) {
            choose(row, Math.max(0, row.chosen() + by));
        }
    }

    private void choose(ReturnLineRow row, int quantity) {
        if (busy.get()) {
            return;
        }
        ReturnRequest changed = request.with(row.lineNo(), quantity);
        try {
            if (!changed.isEmpty()) {
                sale.check(changed);
            }
        } catch (ReturnRefusedException e) {
            message.set(refusal(e));
            messageKind.set(MessageKind.ERROR);
            return;
        }
        request = changed;
        int keep = selected.get();
        refreshRows();
        selected.set(keep);
        say(MessageKind.INFO, request.isEmpty() ? "returns.found" : "returns.chosen");
    }

    private ReturnLineRow selectedRow() {
        int index = selected.get();
        if (sale == null || index < 0 || index >= rows.size()) {
            say(MessageKind.ERROR, sale == null ? "returns.prompt" : "returns.pickLine");
            return null;
        }
        return rows.get(index);
    }

    private void refreshRows() {
        ReturnQuote preview = request.isEmpty() ? null : sale.quote(request, PREVIEW_ID);
        rows.setAll(sale.lines().stream().map(line -> row(line, preview)).toList());
        if (preview == null) {
            totalText.set("");
        } else {
            totalText.set(format("returns.total", money.format(Money.ofMinor(preview.totalMinor(), preview.currency())),
                    refundWords(preview)));
        }
    }

    private ReturnLineRow row(ReturnableLine line, ReturnQuote preview) {
        int chosen = request.quantities().getOrDefault(line.lineNo(), 0);
        String amount = preview == null ? "" : preview.lines().stream().filter(l -> l.originalLineNo() == line.lineNo())
                .findFirst().map(l -> money.format(Money.ofMinor(l.amountMinor(), preview.currency()))).orElse("");
        String name = line.weighed() ? format("returns.weighed", line.name(), line.grams()) : line.name();
        return new ReturnLineRow(line.lineNo(), name, line.sold(), line.returned(), line.left(), chosen, amount);
    }

    private String refundWords(ReturnQuote quote) {
        return String.join(", ", quote.refunds().stream().map(r -> format("returns.refund." + r.type().name(),
                money.format(Money.ofMinor(r.amountMinor(), quote.currency())))).toList());
    }

    /** Enter (in the reason or the lines): refunds the chosen pieces, after a supervisor's approval above the limit. */
    public void refund() {
        if (busy.get()) {
            return;
        }
        if (sale == null) {
            say(MessageKind.ERROR, "returns.prompt");
            return;
        }
        if (request.isEmpty()) {
            say(MessageKind.ERROR, "returns.nothingChosen");
            return;
        }
        String why = reason.get() == null || reason.get().isBlank() ? null : reason.get().trim();
        ReturnQuote quote;
        try {
            quote = sale.quote(request.because(why), ids.next().value());
        } catch (ReturnRefusedException e) {
            message.set(refusal(e));
            messageKind.set(MessageKind.ERROR);
            return;
        }
        if (quote.totalMinor() <= approvalAboveMinor) {
            start(quote, null);
            return;
        }
        String amount = money.format(Money.ofMinor(quote.totalMinor(), quote.currency()));
        if (supervision == null) {
            say(MessageKind.ERROR, "returns.approval.noSignIn", amount,
                    money.format(Money.ofMinor(approvalAboveMinor, quote.currency())));
            return;
        }
        say(MessageKind.INFO, "returns.approval.asked", amount);
        supervision.request(GuardedAction.REFUND, quote.returnId(), format("returns.approval.onWhat", amount,
                quote.originalTransactionId()), quote.totalMinor(), // issue 16: the refund's amount
                approval -> start(quote, approval.approverId()), declined -> {
                    message.set(declined);
                    messageKind.set(MessageKind.ERROR);
                });
    }

    private void start(ReturnQuote quote, String approverId) {
        String clerkId = signedIn.get().map(s -> s.clerk().id()).orElse(null);
        StartedReturn started = new StartedReturn(quote, tillId, clerkId, approverId, shiftId.get());
        busy.set(true);
        say(MessageKind.INFO, "returns.refunding", money.format(Money.ofMinor(quote.totalMinor(), quote.currency())));
        background.execute(() -> {
            try {
                ReturnRecord done = refunds.refund(started);
                ui.execute(() -> refunded(quote, done));
            } catch (RefundRefusedException e) {
                LOG.warn("Return {} of sale {} not finished: {}", quote.returnId(), quote.originalTransactionId(),
                        e.getMessage());
                List<StartedReturn> left = refunds.unfinished();
                ui.execute(() -> {
                    busy.set(false);
                    unfinished.setAll(left);
                    message.set(pos.app.i18n.ForeignSentences.refundRefused(text, money, e));
                    messageKind.set(MessageKind.ERROR);
                });
            } catch (RuntimeException e) {
                LOG.error("Return {} of sale {} failed", quote.returnId(), quote.originalTransactionId(), e);
                ui.execute(() -> failed("returns.refundFailed", e));
            }
        });
    }

    private void refunded(ReturnQuote quote, ReturnRecord done) {
        busy.set(false);
        lastReturn.set(done);
        List<ReturnRecord> earlier = new java.util.ArrayList<>(sale.earlierReturns());
        earlier.add(done);
        show(Returnable.of(sale.sale(), earlier));
        reason.set("");
        say(MessageKind.SUCCESS, quote.cashMinor() > 0 ? "returns.done.cash" : "returns.done",
                money.format(Money.ofMinor(done.totalMinor(), done.currency())), refundWords(quote));
        output(done, quote.cashMinor());
    }

    private void output(ReturnRecord done, long cashMinor) {
        try {
            output.returned(done, cashMinor);
        } catch (RuntimeException e) {
            // the return is journaled and the money went back: a printer problem must not make it look failed
            LOG.error("Return {} journaled; its refund receipt or drawer failed", done.returnId(), e);
        }
    }

    private void failed(String key, RuntimeException e) {
        busy.set(false);
        say(MessageKind.ERROR, key, e.getMessage());
    }

    private void clear() {
        query.set("");
        reason.set("");
        clearSale();
    }

    private void clearSale() {
        sale = null;
        request = new ReturnRequest(Map.of(), null);
        rows.clear();
        saleText.set("");
        totalText.set("");
        selected.set(-1);
    }

    private void say(MessageKind kind, String key, Object... args) {
        messageKind.set(kind);
        message.set(format(key, args));
    }

    /** Issue 14.3: the refusal in the till's language, from its key and values; its English sentence when no text. */
    private String refusal(ReturnRefusedException e) {
        return e.messageKey().filter(text::containsKey).map(key -> format(key, e.arguments().toArray()))
                .orElseGet(e::sentence);
    }

    private String format(String key, Object... args) {
        return new MessageFormat(text.getString(key), money.locale()).format(args);
    }

    /** Whether the screen lies over the sell screen. */
    public BooleanProperty shownProperty() {
        return shown;
    }

    public StringProperty queryProperty() {
        return query;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    public IntegerProperty selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty saleTextProperty() {
        return saleText;
    }

    public ReadOnlyStringProperty totalTextProperty() {
        return totalText;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyObjectProperty<MessageKind> messageKindProperty() {
        return messageKind;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    public ObservableList<ReturnLineRow> rows() {
        return rows;
    }

    /** The last return finished on this screen (for the refund receipt and tests). */
    public ReadOnlyObjectProperty<ReturnRecord> lastReturnProperty() {
        return lastReturn;
    }

    /** Whether the sale shown was found offline (this till's own journal only). */
    public boolean offline() {
        return offline;
    }

    /** A line of text from the till's bundle (for the view's labels). */
    public String text(String key) {
        return text.getString(key);
    }

    /** Planned refunds of the chosen pieces now, for the screen's summary (empty when nothing is chosen). */
    List<PlannedRefund> plannedRefunds() {
        return request.isEmpty() || sale == null ? List.of() : sale.quote(request, PREVIEW_ID).refunds();
    }
}
