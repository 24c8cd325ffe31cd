package pos.core.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The domain's rule on who may do what: voids, sale cancels, refunds and price overrides
 * ({@link GuardedAction}) need a supervisor. {@link #approve} makes an {@link Approval} for a
 * supervisor and refuses anyone else with {@link NotASupervisorException}; {@link #require}
 * is what the sale's code calls before it does a guarded action, so a screen that forgets to ask
 * cannot void a line. An approval is good once and for {@link #validFor} (default 2 min). The
 * caller proves who the approver is (a finger match or {@link PinSignIn#verify}). Thread-safe.
 *
 * <pre>{@code
 * Approval ok = authority.approve(GuardedAction.VOID_LINE, tx + "/3", supervisor, shift); // refuses a cashier
 * authority.require(GuardedAction.VOID_LINE, tx + "/3", ok);                           // then void the line
 * }</pre>
 */
public final class Authority {

    private final Clock clock;
    private final Duration validFor;
    /** Approvals made and not yet used: {@link #require} takes each one once. */
    private final Map<Approval, Boolean> issued = Collections.synchronizedMap(new HashMap<>());

    /** Approvals valid for 2 minutes. */
    public Authority(Clock clock) {
        this(clock, Duration.ofMinutes(2));
    }

    public Authority(Clock clock, Duration validFor) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.validFor = Objects.requireNonNull(validFor, "validFor");
    }

    /**
     * {@code approver} approves {@code action} on {@code subject} for the clerk of {@code shift}.
     *
     * @throws NotASupervisorException if the approver is a cashier
     * @throws ApprovalRequiredException if the approver is no longer active
     */
    public Approval approve(GuardedAction action, String subject, Clerk approver, SignedIn shift) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(approver, "approver");
        Objects.requireNonNull(shift, "shift");
        if (!approver.active()) {
            throw new ApprovalRequiredException(approver.name() + " is no longer a clerk of this store and cannot approve",
                    ApprovalRequiredException.Reason.APPROVER_INACTIVE, approver.name());
        }
        if (!approver.role().mayApprove(action)) {
            throw new NotASupervisorException(approver, action);
        }
        Approval approval = new Approval(action, subject, approver.id(), shift.clerk().id(), clock.instant());
        issued.put(approval, Boolean.TRUE);
        return approval;
    }

    /**
     * Checks that {@code approval} allows {@code action} on {@code subject} now, and uses it up.
     * A signed-in supervisor needs no one else, but still an approval naming themselves.
     *
     * @throws ApprovalRequiredException if there is none, or it is for another action or subject, used, or too old
     */
    public void require(GuardedAction action, String subject, Approval approval) {
        Objects.requireNonNull(action, "action");
        if (approval == null) {
            throw new ApprovalRequiredException("A supervisor must approve: " + action.words(), ApprovalRequiredException.Reason.MISSING,
                    action);
        }
        if (approval.action() != action || !approval.subject().equals(subject)) {
            throw new ApprovalRequiredException("The supervisor approved " + approval.action().words() + " on "
                    + approval.subject() + ", not " + action.words() + " on " + subject, ApprovalRequiredException.Reason.OTHER_ACTION,
                    approval.action(), approval.subject(), action, subject);
        }
        Instant now = clock.instant();
        if (now.isAfter(approval.at().plus(validFor))) {
            issued.remove(approval);
            throw new ApprovalRequiredException("The supervisor's approval to " + action.words()
                    + " has expired: ask again", ApprovalRequiredException.Reason.EXPIRED, action);
        }
        if (issued.remove(approval) == null) {
            throw new ApprovalRequiredException("No supervisor of this till approved this (or the approval was already"
                    + " used): ask again to " + action.words(), ApprovalRequiredException.Reason.UNKNOWN_OR_USED, action);
        }
    }
}
