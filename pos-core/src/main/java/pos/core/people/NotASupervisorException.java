package pos.core.people;

/** A clerk who is not a supervisor tried to approve a {@link GuardedAction}. Immutable. */
public final class NotASupervisorException extends PeopleException {

    private static final long serialVersionUID = 1L;

    private final String clerkId;
    private final GuardedAction action;

    public NotASupervisorException(Clerk clerk, GuardedAction action) {
        super(clerk.name() + " is a cashier and cannot approve: " + action.words() + " needs a supervisor");
        this.clerkId = clerk.id();
        this.action = action;
    }

    /** The clerk who was refused. */
    public String clerkId() {
        return clerkId;
    }

    /** What they tried to approve. */
    public GuardedAction action() {
        return action;
    }
}
