package pos.core.receipt;

import java.time.Instant;
import pos.core.sale.TenderType;

/**
 * Every word a printed X or Z report says, so the till fills them from its resource bundle (issue 12, point 5).
 * Amounts and times arrive already written out where a parameter is a String; implementations only put words
 * around them. Implementations must be thread-safe.
 */
public interface ShiftReportWords {

    /** e.g. "X report". */
    String xTitle();

    /** e.g. "Z report #3". */
    String zTitle(long zNumber);

    /** e.g. "Till: T1". */
    String till(String tillId);

    /** e.g. "Shift 01JF…". */
    String shift(String shiftId);

    /** A time in the store's zone, e.g. "2026-12-06 14:03". */
    String time(Instant when);

    /** e.g. "Opened 2026-12-06 08:00 by c-ann" ({@code by} null without sign-in). */
    String opened(String time, String by);

    /** e.g. "Closed 2026-12-06 17:00 by c-bob". */
    String closed(String time, String by);

    /** On an X report, when it was printed: "Printed 2026-12-06 12:00". */
    String printedAt(String time);

    /** Section heading, e.g. "Takings". */
    String takingsHeading();

    /** e.g. "Sales (12)". */
    String sales(int count);

    /** e.g. "Returns (1)". */
    String returns(int count);

    /** e.g. "Net takings". */
    String net();

    /** Section heading, e.g. "Tenders". */
    String tendersHeading();

    /** A tender's name, e.g. "Cash". */
    String tender(TenderType type);

    /** Under a tender or a tax rate, its sales, e.g. "sales (3)" (then the amount); {@code count} −1: no count, "sales". */
    String detailSales(int count);

    /** Under a tender or a tax rate, its refunds, e.g. "refunds (1)"; {@code count} −1: no count, "refunds". */
    String detailRefunds(int count);

    /** Section heading, e.g. "Tax". */
    String taxHeading();

    /** A rate's line, e.g. "Tax 13%" (then its net tax). */
    String taxRate(String percent);


    /** Section heading, e.g. "Discounts and corrections". */
    String adjustmentsHeading();

    /** e.g. "Discounted lines (4)". */
    String discounts(int lines);

    /** e.g. "of which sale discounts (1)". */
    String saleDiscounts(int count);

    /** e.g. "Voided lines (2)". */
    String voids(int count);

    /** e.g. "Cancelled sales (1)". */
    String cancellations(int count);

    /** e.g. "No-sale drawer openings". */
    String noSales();

    /** Section heading, e.g. "Cash". */
    String cashHeading();

    /** e.g. "Float". */
    String floatAmount();

    /** e.g. "Pay-ins (1)". */
    String payIns(int count);

    /** e.g. "Pay-outs (1)". */
    String payOuts(int count);

    /** e.g. "Cash rounding". */
    String cashRounding();

    /** e.g. "Cash expected". */
    String cashExpected();

    /** Section heading, e.g. "Counted". */
    String countHeading();

    /** A denomination's count, e.g. "3 x 10.00". */
    String denomination(int count, String value);

    /** e.g. "Counted". */
    String counted();

    /** e.g. "Variance". */
    String variance();

    /** e.g. "Reason: till roll miscounted". */
    String varianceReason(String reason);

    /** e.g. "3 records were not yet handed on to the store". */
    String pending(long records);

    /** e.g. "All records were handed on to the store". */
    String allHandedOn();
}
