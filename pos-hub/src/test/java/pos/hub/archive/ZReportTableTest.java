package pos.hub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.sale.TenderType;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.TestDatabase;

@WithMariaDb
@DisplayName("Issue 12 point 5: Z reports are archived to MariaDB (z_reports, z_report_tenders, till_records)")
class ZReportTableTest {

    TestDatabase database;

    static ZReport z(String shiftId, long number, long counted) {
        ShiftFigures figures = new ShiftFigures("CNY", 20000, 4, 6628, 1, 800,
                List.of(new ShiftFigures.TenderFigures(TenderType.CASH, 3, 4998, 1, 800, 4198),
                        new ShiftFigures.TenderFigures(TenderType.QR, 1, 1130, 0, 0, 1130)),
                List.of(new ShiftFigures.TaxRateFigures(600, 1000, 57, 0, 0, 57),
                        new ShiftFigures.TaxRateFigures(1300, 5128, 590, 800, 92, 498)),
                2, 150, 1, 50, 2, 650, 1, 1200, 1, 1, 5000, 1, 1500, 2, 27700);
        return new ZReport(shiftId, "till-z", number, Instant.parse("2026-12-06T09:00:00Z"),
                Instant.parse("2026-12-06T17:00:00.250Z"), "c1", "c2", figures, Map.of(10000L, 2, 5000L, 1), counted,
                counted - 27700, counted == 27700 ? null : "short", 3);
    }

    @Test
    @DisplayName("a Z's figures are columns, one row per tender; a re-delivered Z changes nothing")
    void zRowsAreThere() {
        try (MariaDbSaleArchive archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 2)) {
            archive.migrate();
            archive.storeAll(List.of(z("01SHIFTA000000000000000001", 1, 25000), z("01SHIFTB000000000000000002", 2, 27700)));
            archive.storeAll(List.of(z("01SHIFTA000000000000000001", 1, 25000)));

            List<Map<String, Object>> rows = query("SELECT till_id, z_number, sales_count, sales_minor, returns_count, "
                    + "returns_minor, tax_minor, discounts_minor, voids_count, cancellations_count, no_sales_count, pay_ins_minor, "
                    + "pay_outs_minor, expected_minor, counted_minor, variance_minor, variance_reason, handed_on_pending, "
                    + "closed_at FROM z_reports ORDER BY z_number");
            assertThat(rows).hasSize(2);
            Map<String, Object> first = rows.get(0);
            assertThat(first).containsEntry("till_id", "till-z").containsEntry("z_number", 1L)
                    .containsEntry("sales_count", 4).containsEntry("sales_minor", 6628L)
                    .containsEntry("returns_count", 1).containsEntry("returns_minor", 800L)
                    .containsEntry("tax_minor", 555L).containsEntry("discounts_minor", 150L)
                    .containsEntry("voids_count", 2).containsEntry("cancellations_count", 1)
                    .containsEntry("no_sales_count", 1).containsEntry("pay_ins_minor", 5000L)
                    .containsEntry("pay_outs_minor", 1500L).containsEntry("expected_minor", 27700L)
                    .containsEntry("counted_minor", 25000L).containsEntry("variance_minor", -2700L)
                    .containsEntry("variance_reason", "short").containsEntry("handed_on_pending", 3L);
            assertThat(first.get("closed_at").toString()).startsWith("2026-12-06 17:00:00.25");
            assertThat(rows.get(1)).containsEntry("z_number", 2L).containsEntry("variance_minor", 0L);

            assertThat(query("SELECT tender, sales_count, sales_minor, refunds_minor, net_minor FROM z_report_tenders "
                    + "WHERE shift_id = '01SHIFTA000000000000000001' ORDER BY tender")).containsExactly(
                    Map.of("tender", "CASH", "sales_count", 3, "sales_minor", 4998L, "refunds_minor", 800L, "net_minor", 4198L),
                    Map.of("tender", "QR", "sales_count", 1, "sales_minor", 1130L, "refunds_minor", 0L, "net_minor", 1130L));
            assertThat(query("SELECT count(*) AS n FROM till_records WHERE kind = 'Z_REPORT'")).containsExactly(Map.of("n", 2L));
        }
    }

    private List<Map<String, Object>> query(String sql) {
        try (Connection c = database.openConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot run " + sql + ": " + e.getMessage(), e);
        }
    }
}
