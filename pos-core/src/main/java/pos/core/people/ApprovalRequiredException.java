package pos.core.people;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link GuardedAction} was attempted without a matching supervisor {@link Approval}. Immutable. The message is
 * the English sentence (for the log); {@link #reason()} and {@link #arguments()} let the till say it in its own
 * language (issue 14.3: pos-core has no bundles, so the reason is data).
 */
public final class ApprovalRequiredException extends PeopleException {

    private static final long serialVersionUID = 1L;

    /** Why the approval does not do. The arguments of each are named in its doc; actions are {@link GuardedAction}s. */
    public enum Reason {
        /** The approver is no longer a clerk of this store. Arguments: the approver's name. */
        APPROVER_INACTIVE,
        /** There is no approval. Arguments: the action. */
        MISSING,
        /** Another action or subject was approved. Arguments: approved action, approved subject, action, subject. */
        OTHER_ACTION,
        /** Too old. Arguments: the action. */
        EXPIRED,
        /** Not issued by this till, or used already. Arguments: the action. */
        UNKNOWN_OR_USED
    }

    private final Reason reason;
    private final transient List<Object> arguments;

    public ApprovalRequiredException(String message) {
        super(message);
        this.reason = null;
        this.arguments = List.of();
    }

    /**
     * @param message   the English sentence, for the log
     * @param reason    why, for the till's text {@code approval.required.<REASON>}
     * @param arguments the values of that text, as {@link Reason} names them
     */
    public ApprovalRequiredException(String message, Reason reason, Object... arguments) {
        super(message);
        this.reason = Objects.requireNonNull(reason, "reason");
        this.arguments = List.of(arguments);
    }

    /** Why, or empty when only the sentence is known. */
    public Optional<Reason> reason() {
        return Optional.ofNullable(reason);
    }

    /** The values of the reason's text: names, subjects and {@link GuardedAction}s. */
    public List<Object> arguments() {
        return arguments == null ? List.of() : arguments;
    }
}
