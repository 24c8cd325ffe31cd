package pos.core.people;

import java.util.Objects;

/**
 * A clerk of the store. Immutable; thread-safe.
 *
 * @param id     stable id (a ULID or UUID made where the clerk was created)
 * @param name   the name shown on the till
 * @param role   cashier or supervisor
 * @param pin    the PIN's slow hash; never the PIN
 * @param active false once the clerk has left: no sign-in, no approvals
 */
public record Clerk(String id, String name, Role role, PinHash pin, boolean active) {

    public Clerk {
        requireId(id, "clerk");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a clerk needs a name");
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(pin, "pin");
    }

    /** Whether this clerk is a supervisor. */
    public boolean isSupervisor() {
        return role == Role.SUPERVISOR;
    }

    /**
     * Checks that this clerk's PIN fits the role: a supervisor's PIN has at least
     * {@link PinHash#SUPERVISOR_MIN_DIGITS} digits (its hash says so).
     *
     * @throws InvalidPinException with a sentence naming the clerk
     */
    public void requirePinFitsRole() {
        if (isSupervisor() && !pin.supervisorLength()) {
            throw new InvalidPinException("clerk " + id + " (" + name + ") cannot be a supervisor with a PIN of fewer than "
                    + PinHash.SUPERVISOR_MIN_DIGITS + " digits: give them a longer PIN first");
        }
    }

    /** The same clerk with another role. */
    public Clerk withRole(Role newRole) {
        return new Clerk(id, name, newRole, pin, active);
    }

    /** The same clerk with another PIN hash. */
    public Clerk withPin(PinHash newPin) {
        return new Clerk(id, name, role, newPin, active);
    }

    /** The same clerk, active or not. */
    public Clerk withActive(boolean isActive) {
        return new Clerk(id, name, role, pin, isActive);
    }

    static void requireId(String id, String what) {
        Objects.requireNonNull(id, what + " id");
        if (!id.matches("[0-9A-Za-z_-]{1,40}")) {
            throw new IllegalArgumentException("a " + what + " id has 1 to 40 of [0-9A-Za-z_-]: '" + id + "'");
        }
    }
}
