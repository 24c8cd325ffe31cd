package pos.app.receipt;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.checkout.Checkout;
import pos.app.checkout.MessageKind;
import pos.app.config.ReceiptSetting;
import pos.app.sell.status.StatusViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.UiThread;
import pos.core.catalog.TaxClass;
import pos.core.journal.SaleJournal;
import pos.core.receipt.ReceiptLayout;
import pos.core.receipt.ReceiptPrinter;
import pos.device.printer.PrinterSettings;
import pos.device.printer.ReceiptPrinters;

/**
 * Receipts and the cash drawer in the till (issue 12): builds {@link ReceiptPrinting} from the data
 * directory's {@code printer.properties} and the store's receipt settings, queues each finished sale's
 * receipt once the journal has it, shows the printer's state on the status bar and reprints on Alt+R.
 * The screens (reprint by number, printer settings) are opened by {@code Wiring} with what this holds.
 * Start and close on the FX thread.
 */
public final class ReceiptModule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptModule.class);
    /** Issue 12: the printer's status is asked every 15 s (and after each job). */
    public static final Duration POLL_EVERY = Duration.ofSeconds(15);

    private final ReceiptPrinting printing;
    private final Path dataDir;
    private final ResourceBundle text;
    private final Checkout checkout;
    private final UiThread ui;
    private final Clock clock;
    private final java.util.function.Function<pos.core.receipt.PaperWidth, pos.core.receipt.ShiftReportLayout> shiftLayouts;
    private AutoCloseable journaled;
    private AutoCloseable stateListener;

    public ReceiptModule(Path dataDir, ReceiptSetting setting, Collection<TaxClass> taxClasses, ResourceBundle text,
            MoneyFormat money, SaleJournal journal, Clock clock, String tillId, Checkout checkout, UiThread ui) {
        this.dataDir = dataDir;
        this.text = text;
        this.checkout = checkout;
        this.ui = ui;
        this.clock = clock;
        BundleShiftReportWords shiftWords = new BundleShiftReportWords(text, money.locale(), clock.getZone());
        this.shiftLayouts = paper -> new pos.core.receipt.ShiftReportLayout(shiftWords, money::format, paper);
        PrinterSettings settings = loadSettings(dataDir);
        BundleReceiptWords words = new BundleReceiptWords(text, money.locale(), clock.getZone());
        this.printing = new ReceiptPrinting(settings, ReceiptModule::createPrinter,
                paper -> new ReceiptLayout(setting.header(), words, money::format, taxClasses, paper, setting.idCode()),
                journal, clock, tillId, POLL_EVERY);
    }

    /**
     * The printer the settings describe; one that cannot even be made is logged and stands in as "no printer"
     * (its jobs fail with a sentence on the status bar), so a printer never keeps the till from selling.
     */
    static ReceiptPrinter createPrinter(PrinterSettings settings) {
        try {
            return ReceiptPrinters.create(settings);
        } catch (RuntimeException e) {
            LOG.error("the receipt printer {} could not be set up; receipts are not printed until it is fixed", settings, e);
            return new pos.device.printer.NoReceiptPrinter();
        }
    }

    /** The settings in printer.properties; unreadable ones are logged and the till starts without a printer. */
    static PrinterSettings loadSettings(Path dataDir) {
        try {
            return PrinterSettings.load(dataDir);
        } catch (RuntimeException e) {
            LOG.error("the receipt printer settings could not be read; the till starts without a printer", e);
            return PrinterSettings.none();
        }
    }

    /** Follows the checkout's journaled sales and shows the printer on {@code status}; starts the status polling. */
    public void start(StatusViewModel status, Supplier<String> clerkId) {
        journaled = checkout.onJournaled(printing::saleJournaled);
        stateListener = printing.onState(state -> ui.execute(() ->
                status.showPrinter(PrinterStatusText.of(state, text), state.detail(), PrinterStatusText.problem(state))));
        status.useReprint(() -> reprintLast(clerkId.get()));
        printing.start();
    }

    /** Alt+R: the last receipt again as a copy; what happened is said on the message line. FX thread. */
    public CompletableFuture<ReceiptPrinting.Outcome> reprintLast(String clerkId) {
        CompletableFuture<ReceiptPrinting.Outcome> result = printing.reprintLast(clerkId);
        String id = printing.lastSale().map(s -> s.transactionId()).orElse("");
        result.whenComplete((outcome, failure) -> ui.execute(() -> say(outcome, failure, id)));
        return result;
    }

    /** Says a reprint's outcome on the message line. FX thread. */
    void say(ReceiptPrinting.Outcome outcome, Throwable failure, String id) {
        if (failure != null) {
            LOG.error("reprint of {} failed", id, failure);
            checkout.say(MessageKind.ERROR, "printing.notPrinted", failure.getMessage());
            return;
        }
        switch (outcome) {
            case PRINTED -> checkout.say(MessageKind.SUCCESS, "printing.reprinted", id);
            case NOT_PRINTED -> checkout.say(MessageKind.ERROR, "printing.notPrinted", printing.state().detail());
            case NO_PRINTER -> checkout.say(MessageKind.ERROR, "printing.noPrinter");
            case NOT_FOUND -> checkout.say(MessageKind.ERROR, "printing.notFound", id);
            case NOTHING_TO_REPRINT -> checkout.say(MessageKind.INFO, "printing.nothingToReprint");
            case SKIPPED -> checkout.say(MessageKind.INFO, "printing.skipped");
        }
    }

    /** The printing service (for returns, X/Z reports and the screens). */
    public ReceiptPrinting printing() {
        return printing;
    }

    /**
     * The shift screen's printer and drawer on this printing (issue 12): X and Z reports, and the drawer pulse of a
     * no-sale or pay-out; {@code clerkId} is who a drawer opening is journaled for.
     */
    public PrintedShifts shiftPrinting(Supplier<String> clerkId) {
        return new PrintedShifts(printing, shiftLayouts, clock, clerkId, Duration.ofSeconds(30));
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() {
        for (AutoCloseable c : new AutoCloseable[] {journaled, stateListener}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("could not stop following", e);
                }
            }
        }
        printing.close();
    }
}
