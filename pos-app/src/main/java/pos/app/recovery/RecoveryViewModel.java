package pos.app.recovery;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.checkout.CheckoutText;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.TaxClass;
import pos.core.pay.RefundAnswer;
import pos.core.sale.SaleRecord;
import pos.core.sale.Sale;
import pos.sync.recovery.UnfinishedPayment;

/**
 * The recovery screen's state (issue 12 point 7): the payments taken whose sale was never finished, one
 * row each, the selected one, and what happened to the last one settled. Enter finishes the selected
 * payment's sale, F8 refunds it; both run off the UI thread and the row leaves the list only when it is
 * settled (a failure keeps it, said so). Not thread-safe: UI thread; the work runs on {@code background}.
 */
public final class RecoveryViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(RecoveryViewModel.class);

    private final TillRecovery recovery;
    private final CheckoutText text;
    private final TaxClass recoveredTax;
    private final Supplier<Sale> clerkFrom;
    private final TaskExecutor background;
    private final UiThread ui;
    private final DateTimeFormatter time;
    private final ObservableList<String> rows = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty failed = new SimpleBooleanProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty();
    private List<UnfinishedPayment> payments = List.of();

    /**
     * @param recoveredTax the tax class of a "Recovered payment" line (the catalog's highest rate: never less tax than owed)
     * @param clerkFrom    the sale on the counter, whose clerk settles the payment
     */
    public RecoveryViewModel(TillRecovery recovery, CheckoutText text, TaxClass recoveredTax, Supplier<Sale> clerkFrom,
            ZoneId zone, TaskExecutor background, UiThread ui) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.text = Objects.requireNonNull(text, "text");
        this.recoveredTax = Objects.requireNonNull(recoveredTax, "recoveredTax");
        this.clerkFrom = Objects.requireNonNull(clerkFrom, "clerkFrom");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.time = pos.app.i18n.TillDates.dateTime(text.moneyFormat().locale(), FormatStyle.SHORT).withZone(zone);
        refresh();
    }

    public ObservableList<String> rows() { return rows; }
    public IntegerProperty selectedProperty() { return selected; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty failedProperty() { return failed; }
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
    public ResourceBundle bundle() { return text.bundle(); }

    /** The payments still waiting, as rows; the selection stays on the same place. */
    public void refresh() {
        payments = recovery.unfinished();
        rows.setAll(payments.stream().map(this::row).toList());
        if (payments.isEmpty()) {
            selected.set(-1);
        } else if (selected.get() < 0 || selected.get() >= payments.size()) {
            selected.set(0);
        }
    }

    private String row(UnfinishedPayment p) {
        String method = text.format("recovery.method." + p.method().name());
        String sale = p.sale().map(s -> text.format("recovery.row.withSale", s.lines().size()))
                .orElseGet(() -> text.format("recovery.row.noSale"));
        return text.format("recovery.row", text.money(p.amount()), method + (p.cardMasked() == null ? "" : " " + p.cardMasked()),
                sale, time.format(p.paidAt()));
    }

    /** Up and Down. */
    public void move(int by) {
        if (!payments.isEmpty()) {
            selected.set(Math.floorMod(selected.get() + by, payments.size()));
        }
    }

    /** Enter: finish the selected payment's sale. */
    public void finish() {
        UnfinishedPayment payment = selectedPayment();
        if (payment == null) {
            return;
        }
        Sale counter = clerkFrom.get();
        String clerkId = counter == null ? null : counter.clerkId().orElse(null);
        String clerkName = counter == null ? null : counter.clerkName().orElse(null);
        String lineName = text.format("recovery.recoveredLine");
        run(payment, () -> {
            SaleRecord record = recovery.payments().finish(payment, lineName, recoveredTax, clerkId, clerkName);
            return () -> settled(payment, text.format("recovery.finished", shortId(payment),
                    text.money(pos.core.money.Money.ofMinor(record.totalMinor(), record.currency()))));
        });
    }

    /** F8: refund the selected payment. */
    public void refund() {
        UnfinishedPayment payment = selectedPayment();
        if (payment == null) {
            return;
        }
        Sale counter = clerkFrom.get();
        String clerkId = counter == null ? null : counter.clerkId().orElse(null);
        run(payment, () -> {
            RefundAnswer answer = recovery.payments().refund(payment, clerkId);
            if (!answer.done()) {
                return () -> say(true, text.format("recovery.refundPending", shortId(payment)));
            }
            return () -> settled(payment, text.format("recovery.refunded", shortId(payment), text.money(payment.amount())));
        });
    }

    private UnfinishedPayment selectedPayment() {
        int index = selected.get();
        if (busy.get() || index < 0 || index >= payments.size()) {
            return null;
        }
        return payments.get(index);
    }

    private void run(UnfinishedPayment payment, Supplier<Runnable> work) {
        busy.set(true);
        say(false, text.format("recovery.working", shortId(payment)));
        background.execute(() -> {
            Runnable after;
            try {
                after = work.get();
            } catch (RuntimeException e) {
                LOG.error("Payment {} taken before the till stopped could not be settled", payment.paymentId(), e);
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                after = () -> say(true, text.format("recovery.failed", shortId(payment), CheckoutText.abbreviate(reason, 120)));
            }
            Runnable done = after;
            ui.execute(() -> {
                busy.set(false);
                done.run();
            });
        });
    }

    private void settled(UnfinishedPayment payment, String sentence) {
        recovery.settled(payment);
        refresh();
        say(false, payments.isEmpty() ? sentence + " " + text.format("recovery.none") : sentence);
    }

    private void say(boolean failure, String sentence) {
        failed.set(failure);
        message.set(sentence);
    }

    private static String shortId(UnfinishedPayment payment) {
        String id = payment.paymentId();
        return id.length() > 6 ? id.substring(id.length() - 6) : id;
    }
}
