package pos.core.people;

/** What a clerk may do. A supervisor may do everything a cashier may, and approve {@link GuardedAction}s. Immutable. */
public enum Role {
    /** Sells; needs a supervisor's approval for every {@link GuardedAction}. */
    CASHIER,
    /** Sells and approves voids, refunds and price overrides. */
    SUPERVISOR;

    /** Whether this role may approve {@code action}. */
    public boolean mayApprove(GuardedAction action) {
        return this == SUPERVISOR;
    }
}
