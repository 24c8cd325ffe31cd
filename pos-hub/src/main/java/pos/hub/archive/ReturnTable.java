package pos.hub.archive;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import pos.core.refund.ReturnRecord;

/** Returns (issue 12 point 3) into {@code returns}, {@code return_lines} and {@code return_refunds} (MariaDB V12). */
final class ReturnTable implements RecordTable<ReturnRecord> {

    @Override
    public Class<ReturnRecord> type() {
        return ReturnRecord.class;
    }

    @Override
    public void upsert(Handle handle, List<ReturnRecord> returns) {
        PreparedBatch heads = handle.prepareBatch("INSERT INTO returns (return_id, original_transaction_id, original_till_id, "
                + "till_id, clerk_id, approver_id, shift_id, currency, total_minor, tax_minor, at, reason) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE "
                + "original_transaction_id = VALUES(original_transaction_id), original_till_id = VALUES(original_till_id), "
                + "till_id = VALUES(till_id), clerk_id = VALUES(clerk_id), approver_id = VALUES(approver_id), "
                + "shift_id = VALUES(shift_id), currency = VALUES(currency), total_minor = VALUES(total_minor), "
                + "tax_minor = VALUES(tax_minor), at = VALUES(at), reason = VALUES(reason)");
        PreparedBatch lines = handle.prepareBatch("INSERT INTO return_lines (return_id, original_line_no, product_code, name, "
                + "quantity, grams, amount_minor, tax_minor, tax_class, tax_rate_bp) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE product_code = VALUES(product_code), name = VALUES(name), "
                + "quantity = VALUES(quantity), grams = VALUES(grams), amount_minor = VALUES(amount_minor), "
                + "tax_minor = VALUES(tax_minor), tax_class = VALUES(tax_class), tax_rate_bp = VALUES(tax_rate_bp)");
        PreparedBatch refunds = handle.prepareBatch("INSERT INTO return_refunds (return_id, refund_no_in_return, tender_type, "
                + "amount_minor, original_reference, refund_no, refund_id) VALUES (?, ?, ?, ?, ?, ?, ?) "
                + "ON DUPLICATE KEY UPDATE tender_type = VALUES(tender_type), amount_minor = VALUES(amount_minor), "
                + "original_reference = VALUES(original_reference), refund_no = VALUES(refund_no), refund_id = VALUES(refund_id)");
        boolean anyLine = false;
        boolean anyRefund = false;
        for (ReturnRecord r : returns) {
            heads.bind(0, r.returnId()).bind(1, r.originalTransactionId()).bind(2, r.originalTillId()).bind(3, r.tillId())
                    .bind(4, r.clerkId()).bind(5, r.approverId()).bind(6, r.shiftId()).bind(7, r.currency())
                    .bind(8, r.totalMinor()).bind(9, r.taxMinor()).bind(10, LocalDateTime.ofInstant(r.at(), ZoneOffset.UTC))
                    .bind(11, r.reason()).add();
            for (ReturnRecord.Line l : r.lines()) {
                lines.bind(0, r.returnId()).bind(1, l.originalLineNo()).bind(2, l.productCode()).bind(3, l.name())
                        .bind(4, l.quantity()).bind(5, l.grams()).bind(6, l.amountMinor()).bind(7, l.taxMinor())
                        .bind(8, l.taxClass()).bind(9, l.taxRateBasisPoints()).add();
                anyLine = true;
            }
            int no = 1;
            for (ReturnRecord.Refund f : r.refunds()) {
                refunds.bind(0, r.returnId()).bind(1, no++).bind(2, f.type().name()).bind(3, f.amountMinor())
                        .bind(4, f.originalReference()).bind(5, f.refundNo()).bind(6, f.refundId()).add();
                anyRefund = true;
            }
        }
        heads.execute();
        if (anyLine) {
            lines.execute();
        }
        if (anyRefund) {
            refunds.execute();
        }
    }
}
