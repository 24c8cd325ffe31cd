package pos.core.shift;

import java.time.Instant;
import java.util.List;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/** Hand-made records of a shift for the tests: every figure of {@link ShiftFigures} can be worked out by hand. */
final class ShiftRecords {

    static final String TILL = "till-1";
    static final String SHIFT = "01SHIFT0000000000000000001";
    static final Instant T0 = Instant.parse("2026-12-06T09:00:00Z");

    private ShiftRecords() {
    }

    /** A line: total {@code total}, tax {@code tax} at {@code rate} bp, {@code discount} taken off. */
    static SaleRecord.Line line(int no, long total, long tax, int rate, long discount) {
        return new SaleRecord.Line(no, "P" + no, "Product " + no, 1, 0, total + discount, total, "STD",
                total + discount, discount, discount == 0 ? null : "loyal", rate, tax);
    }

    static SaleRecord sale(String id, SaleState state, long total, long tax, List<SaleRecord.Line> lines,
            List<SaleRecord.Payment> tenders, long saleDiscount, long rounding, List<AuditEntry> audit) {
        return new SaleRecord(id, TILL, state, "CNY", total, tax, T0, T0.plusSeconds(60), lines, tenders, "c1", "Ann",
                SHIFT, saleDiscount, saleDiscount == 0 ? null : "staff", rounding, audit);
    }

    static SaleRecord.Payment cash(long amount, long tendered) {
        return new SaleRecord.Payment(TenderType.CASH, amount, tendered, tendered - amount);
    }

    static SaleRecord.Payment gateway(TenderType type, long amount) {
        return new SaleRecord.Payment(type, amount, amount, 0, "ref-" + amount);
    }

    static AuditEntry voided(long amount) {
        return new AuditEntry(AuditKind.LINE_VOIDED, T0, "c1", "s1", "3", amount, null);
    }

    static TillEvent event(String id, AuditKind kind, long amount, String reason) {
        return new TillEvent(id, TILL, SHIFT, new AuditEntry(kind, T0.plusSeconds(120), "c1", null, null, amount, reason));
    }

    static ReturnRecord cashReturn(String id, long amount, long tax, int rate) {
        return new ReturnRecord(id, "S1", TILL, TILL, "c1", null, SHIFT, "CNY", amount, tax, T0.plusSeconds(300),
                List.of(new ReturnRecord.Line(1, "P1", "Product 1", 1, 0, amount, tax, "STD", rate)),
                List.of(new ReturnRecord.Refund(TenderType.CASH, amount, null, null, null)), "broken");
    }

    /**
     * The shift of the tests. Float 200.00. Sales: S1 cash 30.00 (13 %: tax 3.45; handed 50.00, change 20.00);
     * S2 QR 11.30 + cash 10.00 (lines 11.30 at 13 % tax 1.30 after a 1.00 line discount, 10.00 at 6 % tax 0.57;
     * sale discount 0.50 inside them; a voided line of 4.00); S3 card 5.00 at 0 %; S4 cash 9.98 rounded to 10.00
     * (the cash tender took 10.00, as the checkout records it; tendered 10.00, no change); S5 cancelled (12.00, a voided line of 2.50). Return R1 cash 8.00 (13 %, tax 0.92). A pay-in
     * of 50.00, a pay-out of 15.00, one no-sale, the SHIFT_OPENED event.
     */
    static List<pos.core.journal.TillRecord> day() {
        return List.of(
                event("E0", AuditKind.SHIFT_OPENED, 20000, null),
                sale("S1", SaleState.PAID, 3000, 345, List.of(line(1, 3000, 345, 1300, 0)), List.of(cash(3000, 5000)), 0, 0,
                        List.of()),
                sale("S2", SaleState.PAID, 2130, 187, List.of(line(1, 1130, 130, 1300, 100), line(2, 1000, 57, 600, 50)),
                        List.of(gateway(TenderType.QR, 1130), cash(1000, 1000)), 50, 0, List.of(voided(400))),
                sale("S3", SaleState.PAID, 500, 0, List.of(line(1, 500, 0, 0, 0)), List.of(gateway(TenderType.CARD, 500)), 0,
                        0, List.of()),
                sale("S4", SaleState.PAID, 998, 115, List.of(line(1, 998, 115, 1300, 0)), List.of(new SaleRecord.Payment(TenderType.CASH, 1000, 1000, 0)), 0, 2,
                        List.of()),
                sale("S5", SaleState.CANCELLED, 1200, 138, List.of(line(1, 1200, 138, 1300, 0)), List.of(), 0, 0,
                        List.of(voided(250))),
                cashReturn("R1", 800, 92, 1300),
                event("E1", AuditKind.PAY_IN, 5000, "change from the bank"),
                event("E2", AuditKind.PAY_OUT, 1500, "window cleaner"),
                event("E3", AuditKind.DRAWER_OPENED, 0, "customer change"),
                event("E4", AuditKind.SIGN_IN, 0, null));
    }
}
