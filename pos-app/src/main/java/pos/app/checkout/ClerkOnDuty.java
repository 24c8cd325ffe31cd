package pos.app.checkout;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.TaskExecutor;
import pos.core.audit.AuditEntries;
import pos.core.audit.AuditEntry;
import pos.core.audit.TillEvent;
import pos.core.journal.SaleJournal;
import pos.core.sale.Sale;
import pos.core.sale.TransactionId;

/**
 * The clerk signed in at the checkout, for the audit trail (issue 12, point 6): every sale names the clerk who sells
 * it, and each sign-in and sign-out is journaled as a {@link TillEvent} off the UI thread. Not thread-safe: UI thread
 * only; the journaling runs on the background executor.
 */
public final class ClerkOnDuty {

    private static final Logger LOG = LoggerFactory.getLogger(ClerkOnDuty.class);

    private final SaleJournal journal;
    private final TransactionId.Generator ids;
    private final Clock clock;
    private final String tillId;
    private final TaskExecutor background;
    private String clerkId;
    private String clerkName;
    private String method;
    private String shiftId;

    ClerkOnDuty(SaleJournal journal, TransactionId.Generator ids, Clock clock, String tillId, TaskExecutor background) {
        this.journal = journal;
        this.ids = ids;
        this.clock = clock;
        this.tillId = tillId;
        this.background = background;
    }

    /** The clerk's id, empty while nobody is signed in (or the till runs without sign-in). */
    public Optional<String> clerkId() {
        return Optional.ofNullable(clerkId);
    }

    /** The clerk's name, likewise. */
    public Optional<String> clerkName() {
        return Optional.ofNullable(clerkName);
    }

    /** Names the shift open now on the till events journaled from now on (null: none). */
    public void inShift(String id) {
        this.shiftId = id;
    }

    private java.util.function.Supplier<Optional<String>> openShift;

    /** Issue 12: sign-ins and sign-outs carry the shift open when they happen (asked each time; wins over {@link #inShift}). */
    public void followShifts(java.util.function.Supplier<Optional<String>> openShift) {
        this.openShift = Objects.requireNonNull(openShift, "openShift");
    }

    /** Names the clerk signed in on {@code sale} (the one who finishes a sale sells it). */
    void sells(Sale sale) {
        if (clerkId != null && !sale.state().isFinal()) {
            sale.soldBy(clerkId, clerkName);
        }
    }

    void signedIn(String id, String name, String how) {
        clerkId = Objects.requireNonNull(id, "id");
        clerkName = Objects.requireNonNull(name, "name");
        method = how;
        journal(AuditEntries.signIn(clock.instant(), id, how));
    }

    void signedOut(String reason) {
        if (clerkId == null) {
            return;
        }
        journal(AuditEntries.signOut(clock.instant(), clerkId, method, reason));
        // the open sale keeps its clerk until another signs in and finishes it
        clerkId = null;
        clerkName = null;
        method = null;
    }

    private void journal(AuditEntry entry) {
        String shift = openShift == null ? shiftId : openShift.get().orElse(null);
        TillEvent event = new TillEvent(ids.next().value(), tillId, shift, entry);
        background.execute(() -> {
            try {
                journal.appendRecord(event);
            } catch (RuntimeException e) {
                // the sign-in itself stands; the trail misses this line, and the log says so with who and when
                LOG.error("could not journal the {} of clerk {} at {} on till {}", entry.kind(), entry.clerkId(),
                        entry.at(), tillId, e);
            }
        });
    }
}
