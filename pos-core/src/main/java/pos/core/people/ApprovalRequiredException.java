package pos.core.people;

/** A {@link GuardedAction} was attempted without a matching supervisor {@link Approval}. Immutable. */
public final class ApprovalRequiredException extends PeopleException {

    private static final long serialVersionUID = 1L;

    public ApprovalRequiredException(String message) {
        super(message);
    }
}
