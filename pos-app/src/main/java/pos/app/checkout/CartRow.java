package pos.app.checkout;

/**
 * One cart line as the sell screen shows it, already formatted for the clerk's locale. Immutable.
 *
 * @param lineNo    the sale line number (stable while the sale is open)
 * @param name      product name
 * @param quantity  "3" or "1.255 kg"
 * @param unitPrice formatted price per piece or per kg
 * @param total     formatted line total
 * @param openPrice an unknown code sold at a price the clerk typed (shown marked)
 * @param discount  the line's discount or price override as a sub-line ("−10 % loyalty: −€1.00", "was €10.00:
 *                  price match"), empty when none (issue 12)
 */
public record CartRow(int lineNo, String name, String quantity, String unitPrice, String total, boolean openPrice,
        String discount) {

    /** A row without a discount. */
    public CartRow(int lineNo, String name, String quantity, String unitPrice, String total, boolean openPrice) {
        this(lineNo, name, quantity, unitPrice, total, openPrice, "");
    }
}
