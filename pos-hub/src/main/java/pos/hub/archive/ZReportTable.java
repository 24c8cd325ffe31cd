package pos.hub.archive;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jdbi.v3.core.Handle;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;

/**
 * Z reports (issue 12, point 5) into {@code z_reports}, one row per Z with its figures as columns, and
 * {@code z_report_tenders}, one row per tender. A Z is immutable: a re-delivered one is left as it is
 * ({@code INSERT IGNORE} would also hide other errors, so a no-op {@code ON DUPLICATE KEY UPDATE} is used).
 * Stateless; thread-safe.
 */
final class ZReportTable implements RecordTable<ZReport> {

    private static final String Z_SQL = "INSERT INTO z_reports (shift_id, till_id, z_number, currency, opened_at, closed_at, "
            + "opened_by, closed_by, float_minor, sales_count, sales_minor, returns_count, returns_minor, tax_minor, "
            + "discounts_minor, sale_discounts_minor, voids_count, voids_minor, cancellations_count, cancellations_minor, "
            + "no_sales_count, pay_ins_count, pay_ins_minor, pay_outs_count, pay_outs_minor, cash_rounding_minor, "
            + "expected_minor, counted_minor, variance_minor, variance_reason, handed_on_pending) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            + "ON DUPLICATE KEY UPDATE shift_id = shift_id";

    private static final String TENDER_SQL = "INSERT INTO z_report_tenders (shift_id, tender, sales_count, sales_minor, "
            + "refunds_count, refunds_minor, net_minor) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE shift_id = shift_id";

    @Override
    public Class<ZReport> type() {
        return ZReport.class;
    }

    @Override
    public void upsert(Handle handle, List<ZReport> reports) {
        for (ZReport z : reports) {
            ShiftFigures f = z.figures();
            long tax = f.taxRates().stream().mapToLong(ShiftFigures.TaxRateFigures::netTaxMinor).sum();
            Object[] values = {z.shiftId(), z.tillId(), z.zNumber(), f.currency(), utc(z), LocalDateTime.ofInstant(z.closedAt(),
                ZoneOffset.UTC), z.openedBy(), z.closedBy(), f.floatMinor(), f.salesCount(), f.salesMinor(), f.returnsCount(),
                f.returnsMinor(), tax, f.discountsMinor(), f.saleDiscountsMinor(), f.voidsCount(), f.voidsMinor(),
                f.cancellationsCount(), f.cancellationsMinor(), f.noSaleCount(), f.payInsCount(), f.payInsMinor(),
                f.payOutsCount(), f.payOutsMinor(), f.cashRoundingMinor(), f.cashExpectedMinor(), z.countedMinor(),
                z.varianceMinor(), z.varianceReason(), z.handedOnPending()};
            var update = handle.createUpdate(Z_SQL);
            for (int i = 0; i < values.length; i++) {
                update.bind(i, values[i]);
            }
            update.execute();
            for (ShiftFigures.TenderFigures t : f.tenders()) {
                handle.createUpdate(TENDER_SQL).bind(0, z.shiftId()).bind(1, t.type().name()).bind(2, t.salesCount())
                        .bind(3, t.salesMinor()).bind(4, t.refundsCount()).bind(5, t.refundsMinor()).bind(6, t.netMinor())
                        .execute();
            }
        }
    }

    private static LocalDateTime utc(ZReport z) {
        return LocalDateTime.ofInstant(z.openedAt(), ZoneOffset.UTC);
    }
}
