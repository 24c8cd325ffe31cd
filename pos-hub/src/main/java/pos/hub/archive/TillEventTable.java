package pos.hub.archive;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import pos.core.audit.AuditEntry;
import pos.core.audit.TillEvent;

/** Till events (sign-ins, no-sale openings, pay-ins and pay-outs, shifts opened) into {@code till_events}. */
final class TillEventTable implements RecordTable<TillEvent> {

    @Override
    public Class<TillEvent> type() {
        return TillEvent.class;
    }

    @Override
    public void upsert(Handle handle, List<TillEvent> events) {
        PreparedBatch batch = handle.prepareBatch("INSERT INTO till_events (event_id, till_id, shift_id, kind, at, clerk_id, "
                + "approver_id, subject, amount_minor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE till_id = VALUES(till_id), shift_id = VALUES(shift_id), kind = VALUES(kind), "
                + "at = VALUES(at), clerk_id = VALUES(clerk_id), approver_id = VALUES(approver_id), subject = VALUES(subject), "
                + "amount_minor = VALUES(amount_minor), reason = VALUES(reason)");
        for (TillEvent event : events) {
            AuditEntry e = event.entry();
            batch.bind(0, event.eventId()).bind(1, event.tillId()).bind(2, event.shiftId()).bind(3, e.kind().name())
                    .bind(4, LocalDateTime.ofInstant(e.at(), ZoneOffset.UTC)).bind(5, e.clerkId()).bind(6, e.approverId())
                    .bind(7, e.subject()).bind(8, e.amountMinor()).bind(9, e.reason()).add();
        }
        batch.execute();
    }
}
