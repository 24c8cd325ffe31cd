package pos.app.receipt;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.receipt.PaperWidth;
import pos.device.printer.PrinterSettings;

/**
 * The receipt printer settings (Ctrl+Shift+P): how the printer is reached (USB device file, network,
 * CUPS queue, serial port, none), its address (path, host, queue or port) and serial speed, the paper
 * (58 or 80 mm) and GBK for Chinese; a test page on the printer as typed (Enter), and saving to
 * {@code printer.properties}, after which the running till prints on the new printer (the old one is
 * let go first). Slow work off the UI thread. UI thread only.
 */
public final class PrinterSettingsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(PrinterSettingsViewModel.class);

    private final ReceiptPrinting printing;
    private final Path dataDir;
    private final ResourceBundle text;
    private final TaskExecutor background;
    private final UiThread ui;
    private final ObjectProperty<PrinterSettings.Kind> kind = new SimpleObjectProperty<>(this, "kind");
    private final SimpleStringProperty address = new SimpleStringProperty(this, "address", "");
    private final SimpleStringProperty baud = new SimpleStringProperty(this, "baud", "");
    private final ObjectProperty<PaperWidth> paper = new SimpleObjectProperty<>(this, "paper");
    private final SimpleBooleanProperty gbk = new SimpleBooleanProperty(this, "gbk");
    private final SimpleStringProperty addressHint = new SimpleStringProperty(this, "addressHint", "");
    private final SimpleStringProperty message = new SimpleStringProperty(this, "message", "");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);

    public PrinterSettingsViewModel(ReceiptPrinting printing, Path dataDir, ResourceBundle text, TaskExecutor background,
            UiThread ui) {
        this.printing = Objects.requireNonNull(printing, "printing");
        this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        kind.addListener((o, was, now) -> addressHint.set(now == null ? "" : text.getString("printer.address.hint." + now.name())));
        PrinterSettings current = printing.settings();
        kind.set(current.kind());
        address.set(current.address());
        baud.set(String.valueOf(current.baudRate()));
        paper.set(current.paper());
        gbk.set(current.gbk());
    }

    /** The settings as typed, or null after saying what is wrong with them. */
    PrinterSettings typed() {
        try {
            int baudRate = baud.get() == null || baud.get().isBlank() ? PrinterSettings.DEFAULT_BAUD_RATE
                    : Integer.parseInt(baud.get().strip());
            return new PrinterSettings(kind.get(), kind.get() == PrinterSettings.Kind.NONE ? "" : address.get(), baudRate,
                    paper.get(), gbk.get());
        } catch (IllegalArgumentException | NullPointerException e) {
            message.set(MessageFormat.format(text.getString("printer.invalid"), e.getMessage()));
            return null;
        }
    }

    /** Enter: a test page on the printer as typed (not saved yet). */
    public void printTestPage() {
        PrinterSettings candidate = typed();
        if (candidate == null || busy.get()) {
            return;
        }
        if (candidate.kind() == PrinterSettings.Kind.NONE) {
            message.set(text.getString("printing.noPrinter"));
            return;
        }
        busy.set(true);
        message.set(MessageFormat.format(text.getString("printer.testing"), candidate.address()));
        printing.printTestPage(candidate).whenComplete((outcome, failure) -> ui.execute(() -> {
            busy.set(false);
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                LOG.warn("test page on {} failed: {}", candidate.address(), cause.getMessage());
                message.set(MessageFormat.format(text.getString("printer.testFailed"), cause.getMessage()));
            } else {
                message.set(MessageFormat.format(text.getString("printer.tested"), candidate.address()));
            }
        }));
    }

    /** Ctrl+Enter: saved in printer.properties, and the till prints on it from now on. */
    public void save() {
        PrinterSettings next = typed();
        if (next == null || busy.get()) {
            return;
        }
        busy.set(true);
        background.execute(() -> {
            try {
                next.save(dataDir);
                printing.usePrinter(next).join();
                ui.execute(() -> {
                    busy.set(false);
                    message.set(MessageFormat.format(text.getString("printer.saved"),
                            next.kind() == PrinterSettings.Kind.NONE ? text.getString("printer.kind.NONE") : next.address()));
                });
            } catch (RuntimeException e) {
                LOG.error("printer settings {} not saved or not used", next, e);
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                ui.execute(() -> {
                    busy.set(false);
                    message.set(MessageFormat.format(text.getString("printer.saveFailed"), cause.getMessage()));
                });
            }
        });
    }

    /** A kind's name for the clerk. */
    public String kindName(PrinterSettings.Kind k) {
        return text.getString("printer.kind." + k.name());
    }

    /** A paper's name for the clerk. */
    public String paperName(PaperWidth p) {
        return text.getString("printer.paper." + p.millimetres());
    }

    public ObjectProperty<PrinterSettings.Kind> kindProperty() { return kind; }
    public StringProperty addressProperty() { return address; }
    public StringProperty baudProperty() { return baud; }
    public ObjectProperty<PaperWidth> paperProperty() { return paper; }
    public BooleanProperty gbkProperty() { return gbk; }
    public ReadOnlyStringProperty addressHintProperty() { return addressHint; }
    public ReadOnlyStringProperty messageProperty() { return message; }
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
}
