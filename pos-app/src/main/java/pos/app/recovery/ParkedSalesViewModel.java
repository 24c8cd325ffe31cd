package pos.app.recovery;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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
import pos.core.money.Money;
import pos.sync.recovery.SqliteOpenSales;

/**
 * The parked sales list (Ctrl+Shift+H): the sales parked on this till, oldest first; Enter recalls the
 * selected one onto the counter. The store is the till's own SQLite file (a read of a few rows). Not
 * thread-safe: UI thread.
 */
public final class ParkedSalesViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ParkedSalesViewModel.class);

    private final TillRecovery recovery;
    private final CheckoutText text;
    private final DateTimeFormatter time;
    private final ObservableList<String> rows = FXCollections.observableArrayList();
    private final IntegerProperty selected = new SimpleIntegerProperty(-1);
    private final StringProperty message = new SimpleStringProperty("");
    private List<SqliteOpenSales.Parked> parked = List.of();

    public ParkedSalesViewModel(TillRecovery recovery, CheckoutText text, ZoneId zone) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.text = Objects.requireNonNull(text, "text");
        this.time = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(text.moneyFormat().locale()).withZone(zone);
        refresh();
    }

    public ObservableList<String> rows() { return rows; }
    public IntegerProperty selectedProperty() { return selected; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ResourceBundle bundle() { return text.bundle(); }

    /** Reads the list again. */
    public void refresh() {
        try {
            parked = recovery.parked();
        } catch (RuntimeException e) {
            LOG.error("Could not list the parked sales", e);
            parked = List.of();
            message.set(CheckoutText.abbreviate(String.valueOf(e.getMessage()), 120));
            rows.clear();
            return;
        }
        rows.setAll(parked.stream().map(p -> text.format("park.row", time.format(p.parkedAt()), p.itemCount(),
                text.money(Money.ofMinor(p.totalMinor(), p.snapshot().currency())),
                p.clerkName() == null ? "" : p.clerkName())).toList());
        selected.set(parked.isEmpty() ? -1 : Math.max(0, Math.min(selected.get(), parked.size() - 1)));
        message.set(parked.isEmpty() ? text.format("park.empty") : "");
    }

    /** Up and Down. */
    public void move(int by) {
        if (!parked.isEmpty()) {
            selected.set(Math.floorMod(selected.get() + by, parked.size()));
        }
    }

    /**
     * Enter: recalls the selected sale onto the counter.
     *
     * @return true when it is on the counter (the list can close)
     */
    public boolean recall() {
        int index = selected.get();
        if (index < 0 || index >= parked.size()) {
            return false;
        }
        boolean recalled = recovery.recall(parked.get(index).transactionId());
        refresh();
        return recalled;
    }
}
