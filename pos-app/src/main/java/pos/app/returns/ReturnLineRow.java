package pos.app.returns;

/**
 * One line of the original sale as the returns screen lists it. Immutable.
 *
 * @param lineNo     the line in the original sale
 * @param name       the product's name (with the weight of a weighed line)
 * @param sold       pieces sold
 * @param returned   pieces already returned
 * @param left       pieces that may still come back
 * @param chosen     pieces chosen to come back now
 * @param amountText the money for the chosen pieces, formatted; "" when none chosen
 */
public record ReturnLineRow(int lineNo, String name, int sold, int returned, int left, int chosen, String amountText) {
}
