package pos.core.people;

import java.time.Instant;
import java.util.Objects;

/**
 * A supervisor's approval of one {@link GuardedAction} on one subject (a sale line, a sale, a
 * refund), made by {@link Authority#approve}; {@link Authority#require} accepts only approvals
 * that same authority made and not yet used, so a hand-made one proves nothing.
 * Immutable.
 *
 * @param action     what was approved
 * @param subject    what it applies to, e.g. the sale's transaction id and line number
 * @param approverId the supervisor who approved
 * @param requestedBy the clerk signed in who asked (may be the supervisor)
 * @param at         when
 */
public record Approval(GuardedAction action, String subject, String approverId, String requestedBy, Instant at) {

    public Approval {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(approverId, "approverId");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(at, "at");
    }
}
