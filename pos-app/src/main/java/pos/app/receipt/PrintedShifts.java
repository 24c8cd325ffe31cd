package pos.app.receipt;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.shift.CashDrawer;
import pos.app.shift.ShiftPrinting;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.ReceiptDocument;
import pos.core.receipt.ShiftReportLayout;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.sync.shift.OpenShift;

/**
 * The shift screen's printer and drawer (issue 12, points 2 and 5) on the till's receipt printing: X and Z reports
 * laid out by {@link ShiftReportLayout} for the paper in use and printed through {@link ReceiptPrinting}'s one
 * worker (so they queue behind receipts, in order); the drawer opened by a pulse alone, which that worker journals
 * as DRAWER_PULSED. Called off the UI thread; waits for the printer's answer (at most {@code wait}) and never
 * throws for a printer problem: it logs and answers false. Thread-safe.
 */
public final class PrintedShifts implements ShiftPrinting, CashDrawer {

    private static final Logger LOG = LoggerFactory.getLogger(PrintedShifts.class);

    private final ReceiptPrinting printing;
    private final Function<PaperWidth, ShiftReportLayout> layouts;
    private final Clock clock;
    private final Supplier<String> clerkId;
    private final Duration wait;

    /**
     * @param layouts the report layout for a paper width
     * @param clerkId the clerk signed in now (who a drawer opening is journaled for), or a supplier of null
     * @param wait    how long to wait for the printer's answer
     */
    public PrintedShifts(ReceiptPrinting printing, Function<PaperWidth, ShiftReportLayout> layouts, Clock clock,
            Supplier<String> clerkId, Duration wait) {
        this.printing = Objects.requireNonNull(printing, "printing");
        this.layouts = Objects.requireNonNull(layouts, "layouts");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.clerkId = Objects.requireNonNull(clerkId, "clerkId");
        this.wait = Objects.requireNonNull(wait, "wait");
    }

    private ShiftReportLayout layout() {
        return layouts.apply(printing.settings().paper());
    }

    @Override
    public boolean printX(OpenShift shift, ShiftFigures figures) {
        ReceiptDocument x = layout().x(shift.tillId(), shift.shiftId(), shift.openedAt(), shift.openedBy(), clock.instant(),
                figures);
        return printed(printing.printDocument(x, shift.shiftId(), clerkId.get()), "the X report of shift " + shift.shiftId());
    }

    @Override
    public boolean printZ(ZReport z) {
        return printed(printing.printDocument(layout().z(z), z.shiftId(), z.closedBy()),
                "Z #" + z.zNumber() + " of till " + z.tillId());
    }

    @Override
    public boolean open(String why) {
        return printed(printing.printDocument(ReceiptDocument.drawerPulse(printing.settings().paper()), why, clerkId.get()),
                "the drawer pulse for " + why);
    }

    private boolean printed(java.util.concurrent.CompletableFuture<ReceiptPrinting.Outcome> job, String what) {
        try {
            ReceiptPrinting.Outcome outcome = job.get(wait.toMillis(), TimeUnit.MILLISECONDS);
            if (outcome != ReceiptPrinting.Outcome.PRINTED) {
                LOG.warn("{} did not reach the printer: {} ({})", what, outcome, printing.state().detail());
            }
            return outcome == ReceiptPrinting.Outcome.PRINTED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("interrupted while waiting for {} to print", what, e);
            return false;
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("{} could not be printed", what, e);
            return false;
        }
    }
}
