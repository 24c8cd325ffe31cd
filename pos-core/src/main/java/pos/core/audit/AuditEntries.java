package pos.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * The audit entries the till writes, made in one place so their fields mean the same everywhere (issue 12, point 6):
 * who voided which line for how much, who approved what for whom, who signed in and out and how. Stateless,
 * thread-safe.
 */
public final class AuditEntries {

    private AuditEntries() {
    }

    /**
     * A line voided from an open sale: subject "{@code lineNo} {@code productCode}" (the line number, a space, the
     * product's code), amount the line's total when voided.
     *
     * @param clerkId    the clerk who voided it, null without sign-in
     * @param approverId the supervisor who approved it, null when no approval was needed
     */
    public static AuditEntry lineVoided(Instant at, String clerkId, String approverId, int lineNo, String productCode,
            long lineTotalMinor) {
        Objects.requireNonNull(productCode, "productCode");
        return new AuditEntry(AuditKind.LINE_VOIDED, at, clerkId, approverId, lineNo + " " + productCode, lineTotalMinor,
                null);
    }

    /**
     * A supervisor's approval: who approved ({@code approverId}) what ({@code action}, as the reason; the action's
     * {@code subject}) for whom ({@code requestedBy}, as the clerk).
     */
    public static AuditEntry approval(Instant at, String action, String subject, String approverId, String requestedBy) {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(approverId, "approverId");
        return new AuditEntry(AuditKind.APPROVAL, at, requestedBy, approverId, subject, 0, action);
    }

    /** A clerk signed in at the till; subject the method (PIN or FINGER). */
    public static AuditEntry signIn(Instant at, String clerkId, String method) {
        Objects.requireNonNull(clerkId, "clerkId");
        return new AuditEntry(AuditKind.SIGN_IN, at, clerkId, null, method, 0, null);
    }

    /**
     * A clerk signed out (the till locked for a clerk switch); subject the method they had signed in with, reason why
     * (e.g. "switch").
     */
    public static AuditEntry signOut(Instant at, String clerkId, String method, String reason) {
        Objects.requireNonNull(clerkId, "clerkId");
        return new AuditEntry(AuditKind.SIGN_OUT, at, clerkId, null, method, 0, reason);
    }
}
