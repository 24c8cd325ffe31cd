package pos.app.receipt;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.journal.SaleJournal;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.PrinterException;
import pos.core.receipt.PrinterStatus;
import pos.core.receipt.ReceiptDocument;
import pos.core.receipt.ReceiptLayout;
import pos.core.receipt.ReceiptPrinter;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TransactionId;
import pos.device.printer.PrinterSettings;

/**
 * The till's receipt printing (issue 12, points 1 and 2): every job goes through ONE background worker,
 * in order, so printing never holds up a sale and never runs on the FX thread. A finished sale is handed
 * here only after its journal append succeeded ({@link #saleJournaled}); its receipt (QR or CODE128 id,
 * cut, and the drawer pulse after cash) is printed once and never retried by itself: a receipt that did
 * not come out is said on the status bar and reprinted by the clerk (Alt+R), so a reprint prints once.
 * Each drawer pulse sent is journaled as a {@link TillEvent} DRAWER_PULSED, each reprint as
 * RECEIPT_REPRINTED. The printer's status is asked in the background every {@code pollEvery} and after
 * each job; listeners hear every {@link State} change on the worker's or poller's thread.
 *
 * <p>Thread-safe.
 */
public final class ReceiptPrinting implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiptPrinting.class);

    /** How a print request ended. */
    public enum Outcome {
        /** The printer took the whole document. */
        PRINTED,
        /** The printer is offline, out of paper, its cover open, or refused the job: nothing (or not all) came out. */
        NOT_PRINTED,
        /** No printer is set up on this till: nothing was attempted. */
        NO_PRINTER,
        /** No receipt with that id is in this till's journal. */
        NOT_FOUND,
        /** No sale was finished since the till started: there is no last receipt. */
        NOTHING_TO_REPRINT,
        /** A cancelled sale: it has no receipt. */
        SKIPPED
    }

    /**
     * What the status bar shows about the printer.
     *
     * @param configured      a printer is set up (not {@link PrinterSettings.Kind#NONE})
     * @param status          the printer's last answer
     * @param lastJobFailed   the last job did not come out (also when the printer cannot say why)
     * @param unprintedSaleId the last sale, when its receipt did not come out and was not reprinted since; or null
     * @param printerName     e.g. "tcp 127.0.0.1:9100"
     * @param detail          the last failure's sentence, or ""
     */
    public record State(boolean configured, PrinterStatus status, boolean lastJobFailed, String unprintedSaleId,
            String printerName, String detail) {
    }

    private final Function<PrinterSettings, ReceiptPrinter> printers;
    private final Function<PaperWidth, ReceiptLayout> layouts;
    private final SaleJournal journal;
    private final Clock clock;
    private final String tillId;
    private final TransactionId.Generator eventIds;
    private final ExecutorService worker;
    private final ScheduledExecutorService poller;
    private final Duration pollEvery;
    private final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
    private volatile Supplier<String> currentShift = () -> null;

    // written on the worker only (usePrinter, jobs); read anywhere
    private volatile PrinterSettings settings;
    private volatile ReceiptPrinter printer;
    private volatile ReceiptLayout layout;
    private volatile SaleRecord lastSale;
    private volatile State state;

    /**
     * @param settings  the printer to start with
     * @param printers  builds a printer from settings ({@code ReceiptPrinters::create})
     * @param layouts   the receipt layout for a paper width
     * @param journal   where drawer pulses and reprints are journaled, and where reprints are found
     * @param pollEvery how often the printer's status is asked (15 s at the till)
     */
    public ReceiptPrinting(PrinterSettings settings, Function<PrinterSettings, ReceiptPrinter> printers,
            Function<PaperWidth, ReceiptLayout> layouts, SaleJournal journal, Clock clock, String tillId, Duration pollEvery) {
        this.printers = Objects.requireNonNull(printers, "printers");
        this.layouts = Objects.requireNonNull(layouts, "layouts");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.pollEvery = Objects.requireNonNull(pollEvery, "pollEvery");
        this.eventIds = new TransactionId.Generator(clock);
        this.settings = Objects.requireNonNull(settings, "settings");
        this.printer = printers.apply(settings);
        this.layout = layouts.apply(settings.paper());
        this.state = new State(configured(settings), PrinterStatus.NONE, false, null, printer.name(), "");
        this.worker = Executors.newSingleThreadExecutor(daemon("till-printer"));
        this.poller = Executors.newSingleThreadScheduledExecutor(daemon("till-printer-status"));
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> LOG.error("uncaught in {}", thread.getName(), e));
            return t;
        };
    }

    private static boolean configured(PrinterSettings settings) {
        return settings.kind() != PrinterSettings.Kind.NONE;
    }

    /** Starts asking the printer's status now and every {@code pollEvery}. */
    public void start() {
        poller.scheduleWithFixedDelay(this::poll, 0, pollEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Where the shift open now comes from, for the journaled events (the shifts part sets it); null when none. */
    public void useShift(Supplier<String> shiftId) {
        this.currentShift = Objects.requireNonNull(shiftId, "shiftId");
    }

    /** Hears every change of the printer's state, on a background thread; close the answer to stop. */
    public AutoCloseable onState(Consumer<State> listener) {
        listeners.add(listener);
        listener.accept(state);
        return () -> listeners.remove(listener);
    }

    public State state() {
        return state;
    }

    /** The settings of the printer in use. */
    public PrinterSettings settings() {
        return settings;
    }

    /** The last finished sale this till journaled (the one Alt+R reprints), if any. */
    public Optional<SaleRecord> lastSale() {
        return Optional.ofNullable(lastSale);
    }

    /**
     * A finished sale is in the journal: its receipt is queued (a paid sale only; a cancelled sale prints
     * nothing). Returns at once; called on the journal's thread ({@code Checkout.onJournaled}).
     */
    public CompletableFuture<Outcome> saleJournaled(SaleRecord sale) {
        if (sale.state() != SaleState.PAID) {
            return CompletableFuture.completedFuture(Outcome.SKIPPED);
        }
        lastSale = sale;
        return submit(() -> {
            ReceiptDocument receipt = layout.receipt(sale);
            Outcome outcome = print(receipt, sale.transactionId(), sale.clerkId(), sale.shiftId());
            update(s -> new State(s.configured(), s.status(), s.lastJobFailed(),
                    outcome == Outcome.PRINTED ? null : outcome == Outcome.NOT_PRINTED ? sale.transactionId() : s.unprintedSaleId(),
                    s.printerName(), s.detail()));
            return outcome;
        });
    }

    /** Alt+R: the last sale's receipt again, marked COPY, without the drawer pulse; journaled as RECEIPT_REPRINTED. */
    public CompletableFuture<Outcome> reprintLast(String clerkId) {
        SaleRecord sale = lastSale;
        if (sale == null) {
            return CompletableFuture.completedFuture(Outcome.NOTHING_TO_REPRINT);
        }
        return submit(() -> reprintNow(sale, clerkId));
    }

    /**
     * Shift+Alt+R: the receipt of the sale (or return) with this id, found in this till's journal, as a
     * COPY; journaled as RECEIPT_REPRINTED.
     */
    public CompletableFuture<Outcome> reprint(String transactionId, String clerkId) {
        String id = transactionId == null ? "" : transactionId.strip();
        return submit(() -> {
            Optional<SaleRecord> sale = journal.findRecord(SaleRecord.class, id);
            if (sale.isPresent()) {
                return reprintNow(sale.get(), clerkId);
            }
            Optional<ReturnRecord> ret = journal.findRecord(ReturnRecord.class, id);
            if (ret.isPresent()) {
                return reprinted(print(withoutPulse(layout.refund(ret.get())), id, clerkId, currentShift.get()), id, clerkId);
            }
            return Outcome.NOT_FOUND;
        });
    }

    private Outcome reprintNow(SaleRecord sale, String clerkId) {
        Outcome outcome = print(layout.copy(sale), sale.transactionId(), clerkId, currentShift.get());
        if (outcome == Outcome.PRINTED && sale.transactionId().equals(state.unprintedSaleId())) {
            update(s -> new State(s.configured(), s.status(), s.lastJobFailed(), null, s.printerName(), s.detail()));
        }
        return reprinted(outcome, sale.transactionId(), clerkId);
    }

    private Outcome reprinted(Outcome outcome, String id, String clerkId) {
        if (outcome == Outcome.PRINTED) {
            journalEvent(AuditKind.RECEIPT_REPRINTED, id, clerkId, currentShift.get());
        }
        return outcome;
    }

    /** The refund receipt of a finished return (the returns screen calls it after the return is journaled). */
    public CompletableFuture<Outcome> printReturn(ReturnRecord ret) {
        Objects.requireNonNull(ret, "ret");
        return submit(() -> print(layout.refund(ret), ret.returnId(), ret.clerkId(), ret.shiftId()));
    }

    /** Any document (an X or Z report, a drawer pulse alone); a drawer pulse in it is journaled with no subject. */
    public CompletableFuture<Outcome> printDocument(ReceiptDocument document) {
        return printDocument(document, null, null);
    }

    /** As {@link #printDocument(ReceiptDocument)}, naming what a drawer pulse in it is for and who asked. */
    public CompletableFuture<Outcome> printDocument(ReceiptDocument document, String subject, String clerkId) {
        Objects.requireNonNull(document, "document");
        return submit(() -> print(document, subject, clerkId, currentShift.get()));
    }

    /** The layout for the printer in use (its paper), e.g. for an X/Z report's width. */
    public ReceiptLayout layout() {
        return layout;
    }

    /**
     * A test page on the printer {@code candidate} describes (the printer in use when it is the same,
     * otherwise one made for the test and let go after it). Nothing is journaled.
     */
    public CompletableFuture<Outcome> printTestPage(PrinterSettings candidate) {
        return submit(() -> {
            if (!configured(candidate)) {
                return Outcome.NO_PRINTER;
            }
            boolean inUse = candidate.equals(settings);
            ReceiptPrinter target = inUse ? printer : printers.apply(candidate);
            try {
                target.print(layouts.apply(candidate.paper()).testPage(target.name()));
                return Outcome.PRINTED;
            } catch (PrinterException e) {
                LOG.warn("test page on {} not printed: {}", target.name(), e.getMessage());
                throw e;
            } finally {
                if (!inUse) {
                    target.close();
                }
            }
        });
    }

    /** Switches to the printer {@code next} describes: the old one is let go first. Its status is asked at once. */
    public CompletableFuture<Void> usePrinter(PrinterSettings next) {
        Objects.requireNonNull(next, "next");
        CompletableFuture<Void> done = new CompletableFuture<>();
        worker.execute(() -> {
            try {
                printer.close();
                printer = printers.apply(next);
                layout = layouts.apply(next.paper());
                settings = next;
                update(s -> new State(configured(next), PrinterStatus.NONE, false, s.unprintedSaleId(), printer.name(), ""));
                LOG.info("receipt printer now {} ({} mm, GBK {})", printer.name(), next.paper().millimetres(), next.gbk());
                done.complete(null);
            } catch (RuntimeException e) {
                LOG.error("the receipt printer could not be switched to {}", next, e);
                done.completeExceptionally(e);
            }
            pollSoon();
        });
        return done;
    }

    private CompletableFuture<Outcome> submit(Supplier<Outcome> job) {
        CompletableFuture<Outcome> result = new CompletableFuture<>();
        try {
            worker.execute(() -> {
                try {
                    result.complete(job.get());
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.error("a print job arrived after the printer was closed", e);
            result.completeExceptionally(e);
        }
        return result;
    }

    /** One job on the worker: printed, or the failure said on the status bar; the status asked afterwards. */
    private Outcome print(ReceiptDocument document, String subject, String clerkId, String shiftId) {
        if (!configured(settings)) {
            LOG.info("no receipt printer: {} not printed", subject);
            return Outcome.NO_PRINTER;
        }
        try {
            printer.print(document);
            update(s -> new State(s.configured(), s.status().blocksPrinting() ? PrinterStatus.READY : s.status(), false,
                    s.unprintedSaleId(), s.printerName(), ""));
            if (document.blocks().stream().anyMatch(b -> b instanceof ReceiptDocument.DrawerPulse)) {
                journalEvent(AuditKind.DRAWER_PULSED, subject, clerkId, shiftId);
            }
            return Outcome.PRINTED;
        } catch (PrinterException e) {
            LOG.warn("receipt {} not printed on {}: {}", subject, printer.name(), e.getMessage(), e);
            update(s -> new State(s.configured(), e.status() == PrinterStatus.NONE ? s.status() : e.status(), true,
                    s.unprintedSaleId(), s.printerName(), e.getMessage()));
            return Outcome.NOT_PRINTED;
        } finally {
            pollSoon();
        }
    }

    private static ReceiptDocument withoutPulse(ReceiptDocument document) {
        return new ReceiptDocument(document.paper(),
                document.blocks().stream().filter(b -> !(b instanceof ReceiptDocument.DrawerPulse)).toList());
    }

    private void journalEvent(AuditKind kind, String subject, String clerkId, String shiftId) {
        TillEvent event = new TillEvent(eventIds.next().value(), tillId, shiftId,
                new AuditEntry(kind, clock.instant(), clerkId, null, subject, 0, null));
        try {
            journal.appendRecord(event);
        } catch (RuntimeException e) {
            // the paper is out already; the journal's failure is logged with what it was about
            LOG.error("{} for {} could not be journaled (event {})", kind, subject, event.eventId(), e);
        }
    }

    private void pollSoon() {
        try {
            poller.execute(this::poll);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("status not asked: the printer is closing");
        }
    }

    /** Asks the printer how it is (never throws; may take seconds). */
    private void poll() {
        if (!configured(settings)) {
            update(s -> new State(false, PrinterStatus.NONE, false, s.unprintedSaleId(), printer.name(), ""));
            return;
        }
        PrinterStatus answer = printer.status();
        update(s -> new State(true, answer, answer == PrinterStatus.READY ? false : s.lastJobFailed(), s.unprintedSaleId(),
                s.printerName(), answer == PrinterStatus.READY ? "" : s.detail()));
    }

    private synchronized void update(java.util.function.UnaryOperator<State> change) {
        State before = state;
        State after = change.apply(before);
        state = after;
        if (!after.equals(before)) {
            for (Consumer<State> listener : listeners) {
                try {
                    listener.accept(after);
                } catch (RuntimeException e) {
                    LOG.error("a printer state listener failed", e);
                }
            }
        }
    }

    /** Lets queued jobs finish (a few seconds at most), then lets go of the printer. */
    @Override
    public void close() {
        poller.shutdownNow();
        worker.shutdown();
        try {
            if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("receipt printing still busy after 10 s at shutdown");
                worker.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        printer.close();
    }
}
