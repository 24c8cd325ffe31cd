package pos.core.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the audit trail: who did what, approved by whom, to what, for how much and why.
 * Carried inside a sale's record (voids, overrides, discounts, approvals during the sale) or on its
 * own as a {@link TillEvent} (sign-ins, no-sale openings, pay-ins and pay-outs). Immutable.
 *
 * @param kind        what happened
 * @param at          when
 * @param clerkId     the clerk who did it (null when the till runs without sign-in)
 * @param approverId  the supervisor who approved it, null when no approval was needed
 * @param subject     what it applies to (a line number, a transaction id), null when nothing
 * @param amountMinor the amount in minor units of the till's currency (0 when none)
 * @param reason      the reason given, null when none
 */
public record AuditEntry(AuditKind kind, Instant at, String clerkId, String approverId, String subject,
        long amountMinor, String reason) {

    public AuditEntry {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
