package pos.hub.archive;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import pos.core.audit.AuditEntry;
import pos.core.sale.SaleRecord;

/**
 * The fast path of {@link MariaDbSaleArchive}: finds which sales of a batch are archived already (one
 * {@code SELECT … WHERE transaction_id IN (…)} per {@value #IDS_PER_SELECT} ids) and inserts only the
 * others, as plain {@code INSERT} batches. Connector/J 3.5 sends those with MariaDB's bulk protocol (one
 * round trip per table and batch), which it does not do for {@code INSERT … ON DUPLICATE KEY UPDATE}
 * before server 11.5 (DESIGN §7). A sale already archived is left as it is: a transaction id names one
 * finished sale, so a re-delivered entry changes nothing. Runs inside the caller's transaction.
 * Stateless; thread-safe.
 *
 * <p>Two archivers writing the same entries at once (one took them over with {@code XAUTOCLAIM} from a
 * consumer it thought dead) can both find a sale missing. The second {@code INSERT} then waits for the
 * first transaction and fails with a duplicate key ({@link #isDuplicateKey}) once it commits; the caller
 * rolls its own transaction back and writes the batch again with upserts. Sales are inserted in
 * transaction-id order so that two such writers take their row locks in the same order (no deadlock).
 */
final class NewSaleInserts {

    /** Ids per {@code SELECT … IN (…)}: one statement for a default batch (R9's N = 500). */
    static final int IDS_PER_SELECT = 500;

    private static final String SALES_INSERT = "INSERT INTO sales (transaction_id, till_id, state, currency, total_minor, "
            + "tax_minor, opened_at, closed_at, line_count, archived_at, clerk_id, clerk_name, shift_id, sale_discount_minor, "
            + "sale_discount_reason, rounding_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String LINES_INSERT = "INSERT INTO sale_lines (transaction_id, line_no, product_code, name, quantity, "
            + "grams, unit_price_minor, line_total_minor, tax_class, list_price_minor, discount_minor, discount_reason, "
            + "tax_rate_bp, tax_minor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String TENDERS_INSERT = "INSERT INTO sale_tenders (transaction_id, tender_no, tender_type, amount_minor, "
            + "tendered_minor, change_minor, reference) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String AUDIT_INSERT = "INSERT INTO sale_audit (transaction_id, entry_no, kind, at, clerk_id, "
            + "approver_id, subject, amount_minor, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

    /** ER_DUP_ENTRY. */
    private static final int DUPLICATE_ENTRY = 1062;

    private NewSaleInserts() {
    }

    /**
     * Inserts those of {@code sales} (distinct transaction ids) that {@code sales} does not hold yet, with
     * their lines, tenders and audit entries, on {@code connection} inside its open transaction.
     *
     * @return how many sales were inserted (the others were archived already)
     * @throws SQLException as the driver throws it; {@link #isDuplicateKey} tells a concurrent writer's sale
     */
    static int insertMissing(Connection connection, List<SaleRecord> sales, LocalDateTime archivedAt) throws SQLException {
        Set<String> archived = archivedIds(connection, sales);
        List<SaleRecord> fresh = new ArrayList<>(sales.size());
        for (SaleRecord sale : sales) {
            if (!archived.contains(sale.transactionId())) {
                fresh.add(sale);
            }
        }
        if (fresh.isEmpty()) {
            return 0;
        }
        fresh.sort(Comparator.comparing(SaleRecord::transactionId));
        insertSales(connection, fresh, archivedAt);
        insertLines(connection, fresh);
        insertTenders(connection, fresh);
        insertAudit(connection, fresh);
        return fresh.size();
    }

    /** The transaction ids of {@code sales} already in {@code sales}. */
    static Set<String> archivedIds(Connection connection, List<SaleRecord> sales) throws SQLException {
        Set<String> archived = new HashSet<>();
        for (int from = 0; from < sales.size(); from += IDS_PER_SELECT) {
            List<SaleRecord> chunk = sales.subList(from, Math.min(sales.size(), from + IDS_PER_SELECT));
            String sql = "SELECT transaction_id FROM sales WHERE transaction_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)";
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                int i = 1;
                for (SaleRecord sale : chunk) {
                    select.setString(i++, sale.transactionId());
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        archived.add(rows.getString(1));
                    }
                }
            }
        }
        return archived;
    }

    private static void insertSales(Connection connection, List<SaleRecord> sales, LocalDateTime archivedAt)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(SALES_INSERT)) {
            for (SaleRecord s : sales) {
                insert.setString(1, s.transactionId());
                insert.setString(2, s.tillId());
                insert.setString(3, s.state().name());
                insert.setString(4, s.currency());
                insert.setLong(5, s.totalMinor());
                insert.setLong(6, s.taxMinor());
                insert.setObject(7, utc(s.openedAt()));
                insert.setObject(8, utc(s.closedAt()));
                insert.setInt(9, s.lines().size());
                insert.setObject(10, archivedAt);
                insert.setString(11, s.clerkId());
                insert.setString(12, s.clerkName());
                insert.setString(13, s.shiftId());
                insert.setLong(14, s.saleDiscountMinor());
                insert.setString(15, s.saleDiscountReason());
                insert.setLong(16, s.roundingMinor());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void insertLines(Connection connection, List<SaleRecord> sales) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(LINES_INSERT)) {
            boolean any = false;
            for (SaleRecord s : sales) {
                for (SaleRecord.Line l : s.lines()) {
                    insert.setString(1, s.transactionId());
                    insert.setInt(2, l.lineNo());
                    insert.setString(3, l.productCode());
                    insert.setString(4, l.name());
                    insert.setInt(5, l.quantity());
                    insert.setInt(6, l.grams());
                    insert.setLong(7, l.unitPriceMinor());
                    insert.setLong(8, l.lineTotalMinor());
                    insert.setString(9, l.taxClass());
                    insert.setLong(10, l.listPriceMinor());
                    insert.setLong(11, l.discountMinor());
                    insert.setString(12, l.discountReason());
                    insert.setInt(13, l.taxRateBasisPoints());
                    insert.setLong(14, l.taxMinor());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static void insertTenders(Connection connection, List<SaleRecord> sales) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(TENDERS_INSERT)) {
            boolean any = false;
            for (SaleRecord s : sales) {
                int tenderNo = 1;
                for (SaleRecord.Payment p : s.tenders()) {
                    insert.setString(1, s.transactionId());
                    insert.setInt(2, tenderNo++);
                    insert.setString(3, p.type().name());
                    insert.setLong(4, p.amountMinor());
                    insert.setLong(5, p.tenderedMinor());
                    insert.setLong(6, p.changeMinor());
                    insert.setString(7, p.reference());
                    insert.addBatch();
                    any = true;
                }
            }
            if (any) {
                insert.executeBatch();
            }
        }
    }

    private static void insertAudit(Connection connection, List<SaleRecord> sales) throws SQLException {
        if (sales.stream().allMatch(s -> s.audit().isEmpty())) {
            return; // most sales have no audit entries: no statement at all
        }
        try (PreparedStatement insert = connection.prepareStatement(AUDIT_INSERT)) {
            for (SaleRecord s : sales) {
                int entryNo = 1;
                for (AuditEntry a : s.audit()) {
                    insert.setString(1, s.transactionId());
                    insert.setInt(2, entryNo++);
                    insert.setString(3, a.kind().name());
                    insert.setObject(4, utc(a.at()));
                    insert.setString(5, a.clerkId());
                    insert.setString(6, a.approverId());
                    insert.setString(7, a.subject());
                    insert.setLong(8, a.amountMinor());
                    insert.setString(9, a.reason());
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }
    }

    /**
     * True if {@code failure} is a duplicate key: another writer committed one of the sales between this
     * writer's {@code SELECT} and its {@code INSERT}.
     */
    static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException next = sql; next != null; next = next.getNextException()) {
                    if (next.getErrorCode() == DUPLICATE_ENTRY) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static LocalDateTime utc(Instant instant) {
        // The same value as LocalDateTime.ofInstant(instant, UTC), without building the offset's rules per call.
        return LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC);
    }
}
