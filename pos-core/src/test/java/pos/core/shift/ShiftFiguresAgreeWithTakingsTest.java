package pos.core.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static pos.core.shift.ShiftRecords.T0;
import static pos.core.shift.ShiftRecords.line;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.journal.TillRecord;
import pos.core.report.Takings;
import pos.core.report.TakingsRow;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/**
 * Issue 12 points 5 and 8: the takings report ({@link Takings}) and the X/Z reports ({@link ShiftFigures}) are two
 * computations over the same journaled records; on every figure they share they must never disagree. A day of two
 * clerks, cash, card and QR, a return, voids, line and sale discounts, a cancelled sale, cash rounding, a no-sale, a
 * pay-in and a pay-out.
 */
@DisplayName("Issue 12: the takings report and the shift's X/Z figures agree on every figure they share")
class ShiftFiguresAgreeWithTakingsTest {

    /** ShiftRecords' day (clerk Ann) and a second clerk's sales: Bob's card sale with a sale discount and a QR sale. */
    static List<TillRecord> twoClerksDay() {
        List<TillRecord> day = new ArrayList<>(ShiftRecords.day());
        day.add(new SaleRecord("S6", ShiftRecords.TILL, SaleState.PAID, "CNY", 1800, 207, T0.plusSeconds(600),
                T0.plusSeconds(660), List.of(line(1, 1800, 207, 1300, 200)),
                List.of(new SaleRecord.Payment(TenderType.CARD, 1800, 1800, 0, "card-6")), "c2", "Bob",
                ShiftRecords.SHIFT, 200, "staff", 0, List.of(ShiftRecords.voided(300))));
        day.add(new SaleRecord("S7", ShiftRecords.TILL, SaleState.PAID, "CNY", 450, 52, T0.plusSeconds(700),
                T0.plusSeconds(760), List.of(line(1, 450, 52, 1300, 0)),
                List.of(new SaleRecord.Payment(TenderType.QR, 450, 450, 0, "qr-7")), "c2", "Bob", ShiftRecords.SHIFT, 0,
                null, 0, List.of()));
        return day;
    }

    @Test
    @DisplayName("sales and returns, per tender, discounts, voids, cancellations, no-sales, pay-ins and pay-outs")
    void everySharedFigureAgrees() {
        List<TillRecord> day = twoClerksDay();
        ShiftFigures shift = ShiftFigures.of("CNY", 20000, day);
        Takings takings = Takings.of(T0.minusSeconds(3600), T0.plusSeconds(86400), "CNY", ZoneOffset.UTC, day);

        assertThat(shift.salesCount()).isEqualTo(takings.sales().count()).isEqualTo(6);
        assertThat(shift.salesMinor()).isEqualTo(takings.sales().amountMinor()).isEqualTo(3000 + 2130 + 500 + 1000 + 1800 + 450);
        assertThat(shift.returnsCount()).isEqualTo(takings.returns().count()).isEqualTo(1);
        assertThat(shift.returnsMinor()).isEqualTo(takings.returns().amountMinor()).isEqualTo(800);
        assertThat(shift.netTakingsMinor()).isEqualTo(takings.takingsMinor());

        assertThat(shift.tenders()).extracting(t -> t.type().name())
                .containsExactlyElementsOf(takings.tenders().stream().map(TakingsRow::key).toList());
        for (ShiftFigures.TenderFigures t : shift.tenders()) {
            TakingsRow row = takings.tender(t.type());
            assertThat(t.salesCount()).as(t.type() + " sales").isEqualTo(row.sales().count());
            assertThat(t.salesMinor()).as(t.type() + " sales").isEqualTo(row.sales().amountMinor());
            assertThat(t.refundsCount()).as(t.type() + " refunds").isEqualTo(row.returns().count());
            assertThat(t.refundsMinor()).as(t.type() + " refunds").isEqualTo(row.returns().amountMinor());
            assertThat(t.netMinor()).as(t.type() + " net").isEqualTo(row.takingsMinor());
        }
        assertThat(shift.tenders().stream().mapToLong(ShiftFigures.TenderFigures::netMinor).sum())
                .as("the tenders add up to the net takings").isEqualTo(shift.netTakingsMinor());

        assertThat(shift.discountsMinor()).isEqualTo(takings.discounts().amountMinor()).isEqualTo(100 + 50 + 200);
        assertThat(shift.saleDiscountsCount()).isEqualTo(takings.saleDiscounts().count()).isEqualTo(2);
        assertThat(shift.saleDiscountsMinor()).isEqualTo(takings.saleDiscounts().amountMinor()).isEqualTo(250);
        assertThat(shift.voidsCount()).isEqualTo(takings.voids().count()).isEqualTo(3);
        assertThat(shift.voidsMinor()).isEqualTo(takings.voids().amountMinor()).isEqualTo(400 + 250 + 300);
        assertThat(shift.cancellationsCount()).isEqualTo(takings.cancellations().count()).isEqualTo(1);
        assertThat(shift.cancellationsMinor()).isEqualTo(takings.cancellations().amountMinor()).isEqualTo(1200);
        assertThat(shift.noSaleCount()).isEqualTo(takings.noSales().count()).isEqualTo(1);
        assertThat(shift.payInsCount()).isEqualTo(takings.payIns().count()).isEqualTo(1);
        assertThat(shift.payInsMinor()).isEqualTo(takings.payIns().amountMinor()).isEqualTo(5000);
        assertThat(shift.payOutsCount()).isEqualTo(takings.payOuts().count()).isEqualTo(1);
        assertThat(shift.payOutsMinor()).isEqualTo(takings.payOuts().amountMinor()).isEqualTo(1500);

        // the per-clerk rows add up to the same sales and returns
        assertThat(takings.clerks().stream().mapToLong(r -> r.sales().amountMinor()).sum()).isEqualTo(shift.salesMinor());
        assertThat(takings.clerk("c2").sales().amountMinor()).isEqualTo(1800 + 450);
    }
}
