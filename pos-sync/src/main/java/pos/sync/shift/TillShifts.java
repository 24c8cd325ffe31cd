package pos.sync.shift;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.journal.SaleJournal;
import pos.core.journal.TillRecord;
import pos.core.people.Approval;
import pos.core.people.GuardedAction;
import pos.core.shift.Denominations;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;

/**
 * The shifts of one till, kept in its journal (issue 12, point 5): open with a float (a journaled {@code SHIFT_OPENED}
 * till event), pay-ins and pay-outs with reasons, no-sale drawer openings with a supervisor's approval, the X report
 * at any time and the close that makes the Z report. Everything is derived from the journal, so a restart (or a
 * SIGKILL) finds the open shift again (the last {@code SHIFT_OPENED} without a Z) and the next Z number (the highest
 * journaled + 1: no gaps, never reused; the journal's own index refuses a number twice).
 *
 * <p>Each step returns once its record is durable in the journal; a refused step ({@link ShiftException}) journals
 * nothing, a journal failure ({@link pos.core.journal.JournalWriteException}) leaves the shift as it was. Blocking
 * (journal I/O): call off the UI thread. Thread-safe: steps are serialised.
 */
public final class TillShifts {

    private static final Logger LOG = LoggerFactory.getLogger(TillShifts.class);
    /**
     * The journal's records are by its own journaling time (the system clock), which may differ from this till's
     * clock: a shift's records are read from a day before the earlier of the two.
     */
    private static final Duration READ_MARGIN = Duration.ofDays(1);
    private static final Instant BEGINNING = Instant.EPOCH;
    /** An upper bound that sorts after every ISO-8601 instant the journal writes (Instant.MAX would not, as text). */
    private static final Instant END = Instant.parse("9999-12-31T23:59:59Z");

    private final SaleJournal journal;
    private final String tillId;
    private final String currency;
    private final Clock clock;
    private final Supplier<String> ids;
    private OpenShift open;
    private long lastZNumber;

    /**
     * The shifts of {@code tillId} in {@code journal}: reads the journal to find the open shift and the last Z number.
     *
     * @param currency ISO 4217 code of the till's money
     * @param ids      makes the ids of shifts and till events (ULIDs)
     */
    public TillShifts(SaleJournal journal, String tillId, String currency, Clock clock, Supplier<String> ids) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = Objects.requireNonNull(ids, "ids");
        recover();
    }

    private synchronized void recover() {
        List<ZReport> zs = zReports();
        lastZNumber = zs.stream().mapToLong(ZReport::zNumber).max().orElse(0);
        java.util.Set<String> closed = new java.util.HashSet<>();
        zs.forEach(z -> closed.add(z.shiftId()));
        TillEvent lastOpened = null;
        for (TillEvent event : journal.records(TillEvent.class, BEGINNING, END)) {
            if (event.entry().kind() == AuditKind.SHIFT_OPENED && tillId.equals(event.tillId()) && event.shiftId() != null) {
                lastOpened = event;
            }
        }
        if (lastOpened != null && !closed.contains(lastOpened.shiftId())) {
            AuditEntry e = lastOpened.entry();
            open = new OpenShift(lastOpened.shiftId(), tillId, e.amountMinor(), e.at(), e.clerkId());
            LOG.info("till {}: shift {} (opened {} with a float of {}) is still open", tillId, open.shiftId(), e.at(),
                    e.amountMinor());
        }
    }

    /** The open shift, if any. */
    public synchronized Optional<OpenShift> current() {
        return Optional.ofNullable(open);
    }

    /** The open shift's id, for {@code sale.inShift(id)} and the returns' records; empty when none is open. */
    public Optional<String> currentShiftId() {
        return current().map(OpenShift::shiftId);
    }

    /** The number the next Z report will get. */
    public synchronized long nextZNumber() {
        return lastZNumber + 1;
    }

    /** The till's currency (ISO 4217). */
    public String currency() {
        return currency;
    }

    /** The notes and coins the drawer is counted in, largest first. */
    public List<Long> denominations() {
        return Denominations.of(java.util.Currency.getInstance(currency));
    }

    /**
     * Opens a shift with {@code floatMinor} in the drawer, journaled as a {@code SHIFT_OPENED} till event.
     *
     * @throws ShiftException ALREADY_OPEN when a shift is open, BAD_AMOUNT for a negative float
     */
    public synchronized OpenShift open(long floatMinor, String clerkId) {
        if (open != null) {
            throw new ShiftException(ShiftException.Reason.ALREADY_OPEN,
                    "Shift " + open.shiftId() + " is still open (since " + open.openedAt() + "): close it with a Z first.");
        }
        if (floatMinor < 0) {
            throw new ShiftException(ShiftException.Reason.BAD_AMOUNT, "A float cannot be negative: " + floatMinor + ".");
        }
        String shiftId = ids.get();
        Instant at = clock.instant();
        journal.appendRecord(new TillEvent(ids.get(), tillId, shiftId,
                new AuditEntry(AuditKind.SHIFT_OPENED, at, clerkId, null, shiftId, floatMinor, null)));
        open = new OpenShift(shiftId, tillId, floatMinor, at, clerkId);
        LOG.info("till {}: shift {} opened by {} with a float of {}", tillId, shiftId, clerkId, floatMinor);
        return open;
    }

    /** Journals cash put into the drawer during the open shift. */
    public synchronized TillEvent payIn(long amountMinor, String reason, String clerkId) {
        return cashMovement(AuditKind.PAY_IN, amountMinor, reason, clerkId);
    }

    /** Journals cash taken out of the drawer during the open shift. */
    public synchronized TillEvent payOut(long amountMinor, String reason, String clerkId) {
        return cashMovement(AuditKind.PAY_OUT, amountMinor, reason, clerkId);
    }

    private TillEvent cashMovement(AuditKind kind, long amountMinor, String reason, String clerkId) {
        OpenShift shift = requireOpen(kind == AuditKind.PAY_IN ? "a pay-in" : "a pay-out");
        if (amountMinor <= 0) {
            throw new ShiftException(ShiftException.Reason.BAD_AMOUNT, "The amount must be more than zero.");
        }
        if (reason == null || reason.isBlank()) {
            throw new ShiftException(ShiftException.Reason.REASON_REQUIRED,
                    (kind == AuditKind.PAY_IN ? "A pay-in" : "A pay-out") + " needs a reason.");
        }
        TillEvent event = new TillEvent(ids.get(), tillId, shift.shiftId(),
                new AuditEntry(kind, clock.instant(), clerkId, null, null, amountMinor, reason.strip()));
        journal.appendRecord(event);
        LOG.info("till {}: {} of {} in shift {} by {}", tillId, kind, amountMinor, shift.shiftId(), clerkId);
        return event;
    }

    /**
     * Journals a drawer opening without a sale, approved by a supervisor ({@link GuardedAction#NO_SALE}); the caller
     * opens the drawer after this returns. Counted in the open shift, if any.
     *
     * @throws ShiftException NOT_APPROVED when the approval is not for a no-sale
     */
    public synchronized TillEvent noSale(Approval approval, String reason) {
        Objects.requireNonNull(approval, "approval");
        if (approval.action() != GuardedAction.NO_SALE) {
            throw new ShiftException(ShiftException.Reason.NOT_APPROVED,
                    "Opening the drawer without a sale needs a supervisor's approval for it, not for " + approval.action().words() + ".");
        }
        TillEvent event = new TillEvent(ids.get(), tillId, open == null ? null : open.shiftId(),
                new AuditEntry(AuditKind.DRAWER_OPENED, clock.instant(), approval.requestedBy(), approval.approverId(),
                        approval.subject(), 0, reason == null || reason.isBlank() ? null : reason.strip()));
        journal.appendRecord(event);
        LOG.info("till {}: no sale, drawer opened for {} approved by {}", tillId, approval.requestedBy(), approval.approverId());
        return event;
    }

    /** A new subject for a no-sale approval (each opening is approved on its own). */
    public String noSaleSubject() {
        return "NO_SALE/" + ids.get();
    }

    /** The X report: the open shift's figures now, the same computation the Z will make. */
    public synchronized ShiftFigures x() {
        OpenShift shift = requireOpen("an X report");
        return figures(shift);
    }

    /** What the drawer of the open shift should hold now. */
    public synchronized long expectedCashMinor() {
        return x().cashExpectedMinor();
    }

    private ShiftFigures figures(OpenShift shift) {
        return ShiftFigures.of(currency, shift.floatMinor(), recordsOf(shift));
    }

    private List<TillRecord> recordsOf(OpenShift shift) {
        List<TillRecord> mine = new ArrayList<>();
        Instant earliest = shift.openedAt().isBefore(Instant.now()) ? shift.openedAt() : Instant.now();
        for (TillRecord record : journal.records(TillRecord.class, earliest.minus(READ_MARGIN), END)) {
            if (shift.shiftId().equals(shiftIdOf(record))) {
                mine.add(record);
            }
        }
        return mine;
    }

    private static String shiftIdOf(TillRecord record) {
        if (record instanceof pos.core.sale.SaleRecord sale) {
            return sale.shiftId();
        }
        if (record instanceof pos.core.refund.ReturnRecord ret) {
            return ret.shiftId();
        }
        if (record instanceof TillEvent event) {
            return event.shiftId();
        }
        return null;
    }

    /**
     * Closes the open shift: the counted cash by denomination against the expected, the variance and its reason (needed
     * when not zero), and the Z report with the next number, journaled before this returns. The shift is closed then.
     *
     * @param counted denomination in minor units → how many (zero counts may be left out)
     * @throws ShiftException NONE_OPEN, BAD_AMOUNT for a negative count, REASON_REQUIRED for a variance without a
     *     reason, ALREADY_CLOSED when the journal already holds this shift's Z
     */
    public synchronized ZReport close(Map<Long, Integer> counted, String varianceReason, String clerkId) {
        OpenShift shift = requireOpen("a close");
        Map<Long, Integer> counts = new java.util.TreeMap<>();
        for (Map.Entry<Long, Integer> e : counted.entrySet()) {
            if (e.getValue() < 0 || e.getKey() <= 0) {
                throw new ShiftException(ShiftException.Reason.BAD_AMOUNT, "A count cannot be negative.");
            }
            if (e.getValue() > 0) {
                counts.put(e.getKey(), e.getValue());
            }
        }
        long handedOnPending = journal.backlog();
        ShiftFigures figures = figures(shift);
        long countedMinor = Denominations.total(counts);
        long variance = countedMinor - figures.cashExpectedMinor();
        String reason = varianceReason == null || varianceReason.isBlank() ? null : varianceReason.strip();
        if (variance != 0 && reason == null) {
            throw new ShiftException(ShiftException.Reason.REASON_REQUIRED,
                    "The drawer is " + (variance < 0 ? "short" : "over") + " by " + Math.abs(variance)
                            + " (minor units): say why before the Z is made.");
        }
        ZReport z = new ZReport(shift.shiftId(), tillId, lastZNumber + 1, shift.openedAt(), clock.instant(),
                shift.openedBy(), clerkId, figures, counts, countedMinor, variance, variance == 0 ? null : reason,
                handedOnPending);
        if (!journal.appendRecord(z)) {
            open = null;
            recover(); // another view of this journal made the Z: take its number and state
            throw new ShiftException(ShiftException.Reason.ALREADY_CLOSED,
                    "Shift " + shift.shiftId() + " already has its Z report; a Z is never made twice.");
        }
        lastZNumber = z.zNumber();
        open = null;
        LOG.info("till {}: shift {} closed by {}, Z #{}: expected {}, counted {}, variance {}, {} records not yet handed on",
                tillId, shift.shiftId(), clerkId, z.zNumber(), figures.cashExpectedMinor(), countedMinor, variance,
                handedOnPending);
        return z;
    }

    /** Every Z report of this till in the journal, oldest first. */
    public List<ZReport> zReports() {
        return journal.records(ZReport.class, BEGINNING, END);
    }

    /** The Z report numbered {@code zNumber}, if made. */
    public Optional<ZReport> z(long zNumber) {
        return zReports().stream().filter(z -> z.zNumber() == zNumber).findFirst();
    }

    private OpenShift requireOpen(String what) {
        if (open == null) {
            throw new ShiftException(ShiftException.Reason.NONE_OPEN, "No shift is open: open one with a float before " + what + ".");
        }
        return open;
    }
}
