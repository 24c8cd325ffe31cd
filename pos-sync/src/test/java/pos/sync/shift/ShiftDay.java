package pos.sync.shift;

import java.time.Instant;
import java.util.List;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/** Records of a trading day for the shift tests, made as the checkout and the returns screen make them. */
public final class ShiftDay {

    private ShiftDay() {
    }

    /** A paid one-line sale at 13 % in {@code shiftId}: cash handed {@code tendered} with change, or a gateway tender. */
    public static SaleRecord sale(String id, String tillId, String shiftId, TenderType tender, long total, long tendered,
            Instant at) {
        long tax = Math.round(total * 1300.0 / 11300.0);
        SaleRecord.Payment payment = tender == TenderType.CASH
                ? new SaleRecord.Payment(TenderType.CASH, total, tendered, tendered - total)
                : new SaleRecord.Payment(tender, total, total, 0, "pay-" + id);
        return new SaleRecord(id, tillId, SaleState.PAID, "CNY", total, tax, at.minusSeconds(30), at,
                List.of(new SaleRecord.Line(1, "6901234567892", "Green tea", 1, 0, total, total, "STD", total, 0, null, 1300,
                        tax)),
                List.of(payment), "c1", "Ann", shiftId, 0, null, 0, List.of());
    }

    /** A cash return of {@code amount} from sale {@code originalId} in {@code shiftId}. */
    public static ReturnRecord cashReturn(String id, String tillId, String shiftId, String originalId, long amount,
            Instant at) {
        long tax = Math.round(amount * 1300.0 / 11300.0);
        return new ReturnRecord(id, originalId, tillId, tillId, "c1", "s1", shiftId, "CNY", amount, tax, at,
                List.of(new ReturnRecord.Line(1, "6901234567892", "Green tea", 1, 0, amount, tax, "STD", 1300)),
                List.of(new ReturnRecord.Refund(TenderType.CASH, amount, null, null, null)), "damaged");
    }
}
