package pos.app.receipt;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.UiThread;

/**
 * Reprint by number (Shift+Alt+R): the clerk types or scans a receipt's number, Enter prints its copy
 * (found in this till's journal) on the printing worker; what happened is said here. UI thread only.
 */
public final class ReprintViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ReprintViewModel.class);

    private final ReceiptPrinting printing;
    private final Supplier<String> clerkId;
    private final ResourceBundle text;
    private final UiThread ui;
    private final SimpleStringProperty number = new SimpleStringProperty(this, "number", "");
    private final SimpleStringProperty message = new SimpleStringProperty(this, "message", "");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);

    public ReprintViewModel(ReceiptPrinting printing, Supplier<String> clerkId, ResourceBundle text, UiThread ui) {
        this.printing = Objects.requireNonNull(printing, "printing");
        this.clerkId = Objects.requireNonNull(clerkId, "clerkId");
        this.text = Objects.requireNonNull(text, "text");
        this.ui = Objects.requireNonNull(ui, "ui");
        message.set(text.getString("reprint.prompt"));
    }

    /** Enter: prints the copy of the receipt with the number typed (or scanned). */
    public void print() {
        String id = number.get() == null ? "" : number.get().strip();
        if (id.isEmpty() || busy.get()) {
            message.set(text.getString("reprint.prompt"));
            return;
        }
        busy.set(true);
        message.set(MessageFormat.format(text.getString("reprint.printing"), id));
        printing.reprint(id, clerkId.get()).whenComplete((outcome, failure) -> ui.execute(() -> {
            busy.set(false);
            if (failure != null) {
                LOG.error("reprint of {} failed", id, failure);
                message.set(MessageFormat.format(text.getString("printing.notPrinted"), failure.getMessage()));
            } else {
                message.set(PrinterStatusText.outcome(outcome, id, printing.state().detail(), text));
                if (outcome == ReceiptPrinting.Outcome.PRINTED) {
                    number.set("");
                }
            }
        }));
    }

    public StringProperty numberProperty() { return number; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
}
