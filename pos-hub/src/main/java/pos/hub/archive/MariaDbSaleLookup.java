package pos.hub.archive;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import pos.contract.hub.SaleReturnsAnswer;
import pos.contract.journal.TillRecordJson;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/**
 * A sale as the store archived it ({@code sales}, {@code sale_lines}, {@code sale_tenders}) with every
 * return made against it on any till ({@code returns}, V12; each read whole from {@code till_records}):
 * what a till needs to take back goods another till sold (issue 12, point 3). Thread-safe.
 */
public final class MariaDbSaleLookup {

    private final Jdbi jdbi;
    private final String endpoint;

    public MariaDbSaleLookup(DataSource dataSource, String endpoint) {
        this.jdbi = Jdbi.create(Objects.requireNonNull(dataSource, "dataSource"));
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    }

    /**
     * The sale with id {@code transactionId} and its returns, or empty when the store has no such sale.
     *
     * @throws UnableToArchiveException when MariaDB cannot be read (the message names it and why)
     */
    public Optional<SaleReturnsAnswer> find(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        try {
            return jdbi.withHandle(handle -> sale(handle, transactionId)
                    .map(sale -> new SaleReturnsAnswer(sale, returns(handle, transactionId))));
        } catch (JdbiException e) {
            throw new UnableToArchiveException("mariadb " + endpoint + ": cannot read sale " + transactionId + ": "
                    + MariaDbSaleArchive.describe(e), e);
        }
    }

    private static Optional<SaleRecord> sale(Handle handle, String tx) {
        Optional<Head> head = handle.createQuery("SELECT till_id, state, currency, total_minor, tax_minor, opened_at, closed_at, "
                + "clerk_id, clerk_name, shift_id, sale_discount_minor, sale_discount_reason, rounding_minor FROM sales "
                + "WHERE transaction_id = ?").bind(0, tx).map((rs, ctx) -> new Head(rs)).findOne();
        if (head.isEmpty()) {
            return Optional.empty();
        }
        List<SaleRecord.Line> lines = handle.createQuery("SELECT line_no, product_code, name, quantity, grams, unit_price_minor, "
                + "line_total_minor, tax_class, list_price_minor, discount_minor, discount_reason, tax_rate_bp, tax_minor "
                + "FROM sale_lines WHERE transaction_id = ? ORDER BY line_no").bind(0, tx)
                .map((rs, ctx) -> new SaleRecord.Line(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getInt(5),
                        rs.getLong(6), rs.getLong(7), rs.getString(8), rs.getObject(9) == null ? rs.getLong(6) : rs.getLong(9),
                        rs.getLong(10), rs.getString(11), rs.getInt(12), rs.getLong(13)))
                .list();
        List<SaleRecord.Payment> tenders = handle.createQuery("SELECT tender_type, amount_minor, tendered_minor, change_minor, "
                + "reference FROM sale_tenders WHERE transaction_id = ? ORDER BY tender_no").bind(0, tx)
                .map((rs, ctx) -> new SaleRecord.Payment(TenderType.valueOf(rs.getString(1)), rs.getLong(2), rs.getLong(3),
                        rs.getLong(4), rs.getString(5)))
                .list();
        Head h = head.get();
        return Optional.of(new SaleRecord(tx, h.tillId, SaleState.valueOf(h.state), h.currency, h.totalMinor, h.taxMinor,
                h.openedAt.toInstant(ZoneOffset.UTC), h.closedAt.toInstant(ZoneOffset.UTC), lines, tenders, h.clerkId,
                h.clerkName, h.shiftId, h.saleDiscountMinor, h.saleDiscountReason, h.roundingMinor, List.of()));
    }

    private static List<ReturnRecord> returns(Handle handle, String tx) {
        return handle.createQuery("SELECT r.payload FROM returns t JOIN till_records r ON r.kind = ? AND r.record_id = t.return_id "
                + "WHERE t.original_transaction_id = ? ORDER BY t.at, t.return_id").bind(0, ReturnRecord.KIND).bind(1, tx)
                .map((rs, ctx) -> TillRecordJson.read(ReturnRecord.KIND, rs.getString(1), ReturnRecord.class))
                .list();
    }

    /** A row of {@code sales}. */
    private static final class Head {
        final String tillId;
        final String state;
        final String currency;
        final long totalMinor;
        final long taxMinor;
        final LocalDateTime openedAt;
        final LocalDateTime closedAt;
        final String clerkId;
        final String clerkName;
        final String shiftId;
        final long saleDiscountMinor;
        final String saleDiscountReason;
        final long roundingMinor;

        Head(ResultSet rs) throws SQLException {
            tillId = rs.getString(1);
            state = rs.getString(2);
            currency = rs.getString(3);
            totalMinor = rs.getLong(4);
            taxMinor = rs.getLong(5);
            openedAt = rs.getObject(6, LocalDateTime.class);
            closedAt = rs.getObject(7, LocalDateTime.class);
            clerkId = rs.getString(8);
            clerkName = rs.getString(9);
            shiftId = rs.getString(10);
            saleDiscountMinor = rs.getLong(11);
            saleDiscountReason = rs.getString(12);
            roundingMinor = rs.getLong(13);
        }
    }
}
