package pos.app.recovery;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
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
import pos.core.money.Money;

/**
 * The parked sales list (Ctrl+Shift+H): the sales parked on this till (its own SQLite file, read at once)
 * and, when the till parks through the store hub, those parked in the store by any till (asked off the UI
 * thread, added when they come); Enter recalls the selected one onto the counter. Not thread-safe: UI thread.
 */
public final class ParkedSalesViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ParkedSalesViewModel.class);

    /** One sale in the list. */
    private record Entry(String transactionId, boolean inStore, Instant parkedAt, int itemCount, long totalMinor,
            String currency, String clerkName, String tillId) {
    }

    private final TillRecovery recovery;
    private final CheckoutText text;
    private final TaskExecutor background;
    private final UiThread ui;
    private final DateTimeFormatter time;
    private final ObservableList<String> rows = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");
    private final List<Entry> entries = new ArrayList<>();
    private boolean busy;

    public ParkedSalesViewModel(TillRecovery recovery, CheckoutText text, ZoneId zone, TaskExecutor background, UiThread ui) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.time = pos.app.i18n.TillDates.time(text.moneyFormat().locale()).withZone(zone);
        refresh();
    }

    public ObservableList<String> rows() { return rows; }
    public IntegerProperty selectedProperty() { return selected; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ResourceBundle bundle() { return text.bundle(); }

    private String localProblem; // why this till's parked sales could not be listed, or null

    /** Reads the list again: this till's at once, the store's when the hub answers. */
    public void refresh() {
        entries.clear();
        localProblem = null;
        try {
            recovery.parked().forEach(p -> entries.add(new Entry(p.transactionId(), false, p.parkedAt(), p.itemCount(),
                    p.totalMinor(), p.snapshot().currency(), p.clerkName(), text.format("park.source.here"))));
        } catch (RuntimeException e) {
            LOG.error("Could not list the sales parked on this till", e);
            // issue 14.3: the till's sentence names what failed; the exception's own text only as its detail
            localProblem = CheckoutText.abbreviate(text.format("park.listFailed", String.valueOf(e.getMessage())), 160);
        }
        show();
        if (recovery.parksInStore()) {
            message.set(text.format("park.loading"));
            background.execute(() -> {
                try {
                    List<Entry> inStore = recovery.parkedInStore().stream().map(p -> new Entry(p.transactionId(), true,
                            Instant.parse(p.parkedAt()), p.itemCount(), p.totalMinor(), p.currency(), p.clerkName(),
                            p.tillId())).toList();
                    ui.execute(() -> {
                        entries.addAll(inStore);
                        show();
                    });
                } catch (RuntimeException e) {
                    LOG.warn("Could not list the sales parked in the store", e);
                    ui.execute(() -> {
                        show();
                        message.set(text.format("park.recall.offline"));
                    });
                }
            });
        }
    }

    private void show() {
        rows.setAll(entries.stream().map(p -> text.format("park.row", time.format(p.parkedAt()), p.itemCount(),
                text.money(Money.ofMinor(p.totalMinor(), p.currency())),
                (p.clerkName() == null ? "" : p.clerkName() + " \u00b7 ") + p.tillId())).toList());
        selected.set(entries.isEmpty() ? -1 : Math.max(0, Math.min(selected.get(), entries.size() - 1)));
        // the local list's failure stays said (show() came after it and said "none parked" before)
        message.set(localProblem != null ? localProblem : entries.isEmpty() ? text.format("park.empty") : "");
    }

    /** Up and Down. */
    public void move(int by) {
        if (!entries.isEmpty()) {
            selected.set(Math.floorMod(selected.get() + by, entries.size()));
        }
    }

    /** Enter: recalls the selected sale onto the counter; {@code onRecalled} runs once it is there. */
    public void recall(Runnable onRecalled) {
        int index = selected.get();
        if (busy || index < 0 || index >= entries.size()) {
            return;
        }
        Entry entry = entries.get(index);
        if (!entry.inStore()) {
            if (recovery.recall(entry.transactionId())) {
                onRecalled.run();
            } else {
                refresh();
            }
            return;
        }
        busy = true;
        recovery.recallFromStore(entry.transactionId(), recalled -> {
            busy = false;
            if (recalled) {
                onRecalled.run();
            } else {
                refresh();
            }
        });
    }
}
