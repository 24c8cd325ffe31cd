package pos.core.refund;

/**
 * One line of a sold sale as the returns screen shows it: what was sold, what came back already,
 * what is left to return, and the money it stands for. Immutable.
 *
 * @param lineNo           the line number in the original sale
 * @param sold             pieces sold (1 for a weighed line, which comes back whole)
 * @param returned         pieces already returned by earlier returns
 * @param grams            the weight of a weighed line, 0 otherwise
 * @param lineTotalMinor   what the line cost after its discounts
 * @param taxMinor         the tax included in it (computed from the rate for records that did not carry it)
 * @param refundedMinor    money already given back for this line by earlier returns
 * @param refundedTaxMinor tax included in that
 */
public record ReturnableLine(int lineNo, String productCode, String name, int sold, int returned, int grams,
        long lineTotalMinor, long taxMinor, String taxClass, int taxRateBasisPoints, long refundedMinor,
        long refundedTaxMinor) {

    /** Pieces that may still come back. */
    public int left() {
        return Math.max(0, sold - returned);
    }

    /** Whether this is a weighed line (comes back whole or not at all). */
    public boolean weighed() {
        return grams > 0;
    }

    /** How the clerk names the line in a sentence: "Line 2 (Milk 1 l)". */
    public String label() {
        return "Line " + lineNo + " (" + name + ")";
    }
}
