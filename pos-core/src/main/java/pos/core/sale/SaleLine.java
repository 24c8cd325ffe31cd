package pos.core.sale;

import java.math.RoundingMode;
import java.util.Objects;
import pos.core.catalog.Product;
import pos.core.money.Money;

/**
 * One line of a sale. Immutable; a change of quantity makes a new line.
 *
 * @param lineNo    stable number of the line in its sale, from 1
 * @param product   what was sold
 * @param quantity  pieces (PIECE products) — 1 for weighed lines
 * @param grams     the weight for weighed lines, 0 otherwise
 * @param unitPrice the price per piece, or per kilogram for weighed lines; for price-labelled
 *                  lines the label's price
 */
public record SaleLine(int lineNo, Product product, int quantity, int grams, Money unitPrice) {

    /** Weighed lines round the price of a fraction of a kilogram half-up to the minor unit. */
    public static final RoundingMode WEIGHT_ROUNDING = RoundingMode.HALF_UP;

    public SaleLine {
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (quantity < 1) {
            throw new SaleException(SaleException.Reason.BAD_QUANTITY, "quantity must be at least 1: " + quantity);
        }
        if (grams < 0) {
            throw new SaleException(SaleException.Reason.BAD_QUANTITY, "negative weight: " + grams);
        }
    }

    public boolean weighed() {
        return grams > 0;
    }

    public Money lineTotal() {
        if (weighed()) {
            return unitPrice.times(grams, 1000, WEIGHT_ROUNDING);
        }
        return unitPrice.times(quantity);
    }

    SaleLine withQuantity(int newQuantity) {
        return new SaleLine(lineNo, product, newQuantity, grams, unitPrice);
    }
}
