package pos.core.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.journal.TillRecord;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

@DisplayName("Issue 12 point 8: the takings of a period from the journaled records")
class TakingsTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** 09:00 in Berlin. */
    static final Instant NINE = Instant.parse("2026-12-01T08:00:00Z");
    static final Instant FROM = Instant.parse("2026-11-30T23:00:00Z");
    static final Instant TO = Instant.parse("2026-12-01T23:00:00Z");

    static SaleRecord.Line line(int no, long total, long discount, String reason) {
        return new SaleRecord.Line(no, "P" + no, "Item " + no, 1, 0, total + discount, total, "STD", total + discount,
                discount, reason, 1900, total * 19 / 119);
    }

    static SaleRecord sale(String id, SaleState state, Instant at, String clerk, List<SaleRecord.Line> lines,
            List<SaleRecord.Payment> payments, long saleDiscount, long rounding, List<AuditEntry> audit) {
        long total = lines.stream().mapToLong(SaleRecord.Line::lineTotalMinor).sum();
        return new SaleRecord(id, "till-1", state, "EUR", total, 0, at.minusSeconds(60), at, lines, payments,
                clerk, clerk == null ? null : clerk.toUpperCase(), null, saleDiscount, saleDiscount == 0 ? null : "staff",
                rounding, audit);
    }

    static SaleRecord.Payment pay(TenderType type, long amount) {
        return new SaleRecord.Payment(type, amount, amount, 0, type == TenderType.CASH ? null : "ref-" + amount);
    }

    static ReturnRecord returned(String id, Instant at, String clerk, long amount, TenderType type) {
        return new ReturnRecord(id, "S1", "till-1", "till-1", clerk, null, null, "EUR", amount, 0, at,
                List.of(new ReturnRecord.Line(1, "P1", "Item 1", 1, 0, amount, 0, "STD", 1900)),
                List.of(new ReturnRecord.Refund(type, amount, null, null, null)), "broken");
    }

    static AuditEntry voided(Instant at, long amount) {
        return new AuditEntry(AuditKind.LINE_VOIDED, at, "ann", "sam", "2 P2", amount, null);
    }

    static TillEvent event(String id, AuditKind kind, Instant at, long amount) {
        return new TillEvent(id, "till-1", "shift-1", new AuditEntry(kind, at, "sam", null, null, amount, "float"));
    }

    List<TillRecord> day() {
        List<TillRecord> records = new ArrayList<>();
        // 09:10 ann: 12.00 cash, a line voided (3.00) on the way
        records.add(sale("S1", SaleState.PAID, NINE.plusSeconds(600), "ann", List.of(line(1, 1200, 0, null)),
                List.of(pay(TenderType.CASH, 1200)), 0, 0, List.of(voided(NINE.plusSeconds(550), 300))));
        // 09:40 bob: 20.00 split card 15.00 + QR 5.00, a line discount of 1.00 and a sale discount of 2.00
        records.add(sale("S2", SaleState.PAID, NINE.plusSeconds(2400), "bob",
                List.of(line(1, 900, 1_00 + 1_00, "damaged"), line(2, 1100, 1_00, null)),
                List.of(pay(TenderType.CARD, 1500), pay(TenderType.QR, 500)), 200, 0, List.of()));
        // 11:05 ann: cancelled with 7.50 in the cart and a void of 1.25
        records.add(sale("S3", SaleState.CANCELLED, NINE.plusSeconds(7500), "ann", List.of(line(1, 750, 0, null)),
                List.of(), 0, 0, List.of(voided(NINE.plusSeconds(7400), 125))));
        // 11:30 ann: 9.98 paid 10.00 in cash (rounding +2)
        records.add(sale("S4", SaleState.PAID, NINE.plusSeconds(9000), "ann", List.of(line(1, 998, 0, null)),
                List.of(pay(TenderType.CASH, 1000)), 0, 2, List.of()));
        // 11:45 bob takes 4.00 back in cash
        records.add(returned("R1", NINE.plusSeconds(9900), "bob", 400, TenderType.CASH));
        records.add(event("E1", AuditKind.DRAWER_OPENED, NINE.plusSeconds(100), 0));
        records.add(event("E2", AuditKind.PAY_IN, NINE.plusSeconds(200), 5000));
        records.add(event("E3", AuditKind.PAY_OUT, NINE.plusSeconds(300), 1500));
        records.add(event("E4", AuditKind.SIGN_IN, NINE.plusSeconds(10), 0));
        return records;
    }

    @Test
    @DisplayName("issue 12 point 8: takings are sales minus returns, by count and amount")
    void takingsAreSalesMinusReturns() {
        Takings t = Takings.of(FROM, TO, "EUR", ZONE, day());
        assertThat(t.sales()).isEqualTo(new Figure(3, 1200 + 2000 + 1000));
        assertThat(t.returns()).isEqualTo(new Figure(1, 400));
        assertThat(t.takingsMinor()).isEqualTo(4200 - 400);
    }

    @Test
    @DisplayName("issue 12 point 8: per tender, a split sale counts once in each of its tenders with what each took")
    void perTender() {
        Takings t = Takings.of(FROM, TO, "EUR", ZONE, day());
        assertThat(t.tenders()).extracting(TakingsRow::key).containsExactly("CASH", "QR", "CARD");
        assertThat(t.tender(TenderType.CASH)).isEqualTo(new TakingsRow("CASH", "CASH", new Figure(2, 2200), new Figure(1, 400)));
        assertThat(t.tender(TenderType.CASH).takingsMinor()).isEqualTo(1800);
        assertThat(t.tender(TenderType.CARD).sales()).isEqualTo(new Figure(1, 1500));
        assertThat(t.tender(TenderType.QR).sales()).isEqualTo(new Figure(1, 500));
        assertThat(t.tender(TenderType.VOUCHER).sales()).isEqualTo(Figure.NONE);
        assertThat(t.tenders().stream().mapToLong(TakingsRow::takingsMinor).sum()).isEqualTo(t.takingsMinor());
    }

    @Test
    @DisplayName("issue 12 point 8: per clerk by name, returns to the clerk who took them back")
    void perClerk() {
        Takings t = Takings.of(FROM, TO, "EUR", ZONE, day());
        assertThat(t.clerks()).extracting(TakingsRow::label).containsExactly("ANN", "BOB");
        assertThat(t.clerk("ann")).isEqualTo(new TakingsRow("ann", "ANN", new Figure(2, 2200), Figure.NONE));
        assertThat(t.clerk("bob")).isEqualTo(new TakingsRow("bob", "BOB", new Figure(1, 2000), new Figure(1, 400)));
    }

    @Test
    @DisplayName("issue 12 point 8: per local hour, the hours between included for the chart")
    void perHour() {
        Takings t = Takings.of(FROM, TO, "EUR", ZONE, day());
        assertThat(t.hours()).extracting(TakingsRow::label).containsExactly("09:00", "10:00", "11:00");
        assertThat(t.hour(9).sales()).isEqualTo(new Figure(2, 3200));
        assertThat(t.hour(10)).isEqualTo(new TakingsRow("10", "10:00", Figure.NONE, Figure.NONE));
        assertThat(t.hour(11).sales()).isEqualTo(new Figure(1, 1000));
        assertThat(t.hour(11).returns()).isEqualTo(new Figure(1, 400));
    }

    @Test
    @DisplayName("issue 12 point 8: discounts, voids, cancellations, no-sales, pay-ins and pay-outs")
    void theRest() {
        Takings t = Takings.of(FROM, TO, "EUR", ZONE, day());
        assertThat(t.discounts()).isEqualTo(new Figure(1, 300));
        assertThat(t.saleDiscounts()).isEqualTo(new Figure(1, 200));
        assertThat(t.lineDiscountsMinor()).isEqualTo(100);
        assertThat(t.voids()).isEqualTo(new Figure(2, 425));
        assertThat(t.cancellations()).isEqualTo(new Figure(1, 750));
        assertThat(t.noSales()).isEqualTo(new Figure(1, 0));
        assertThat(t.payIns()).isEqualTo(new Figure(1, 5000));
        assertThat(t.payOuts()).isEqualTo(new Figure(1, 1500));
    }

    @Test
    @DisplayName("issue 12 point 8: a record read twice counts once; an empty period is all zeros")
    void duplicatesAndEmpty() {
        List<TillRecord> twice = new ArrayList<>(day());
        twice.addAll(day());
        assertThat(Takings.of(FROM, TO, "EUR", ZONE, twice)).isEqualTo(Takings.of(FROM, TO, "EUR", ZONE, day()));
        Takings empty = Takings.of(FROM, TO, "EUR", ZONE, List.of());
        assertThat(empty.takingsMinor()).isZero();
        assertThat(empty.tenders()).isEmpty();
        assertThat(empty.hours()).isEmpty();
    }

    @Test
    @DisplayName("issue 12 point 8: a record in another currency is refused, not added")
    void otherCurrencyRefused() {
        assertThatThrownBy(() -> Takings.of(FROM, TO, "USD", ZONE, day()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("S1 is in EUR");
    }

    @Test
    @DisplayName("issue 12 point 8: a shift runs from its SHIFT_OPENED to the next one, the last to the end asked for")
    void shifts() {
        List<TillEvent> events = List.of(event("E9", AuditKind.SHIFT_OPENED, NINE.plusSeconds(3600), 10000),
                event("E4", AuditKind.SIGN_IN, NINE, 0),
                new TillEvent("E1", "till-1", null, new AuditEntry(AuditKind.SHIFT_OPENED, NINE, "ann", null, null, 0, null)));
        assertThat(Shift.from(events, TO)).containsExactly(
                new Shift("E1", "ann", NINE, NINE.plusSeconds(3600)),
                new Shift("shift-1", "sam", NINE.plusSeconds(3600), TO));
        assertThat(Shift.from(List.of(), TO)).isEmpty();
    }
}
