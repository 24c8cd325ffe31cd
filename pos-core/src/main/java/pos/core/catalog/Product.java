package pos.core.catalog;

import java.util.Objects;
import pos.core.money.Money;

/**
 * A product the till can sell. Immutable.
 *
 * @param code      the store's internal code (also what a clerk types), unique in the catalog
 * @param gtin      the EAN-13 barcode, normalised to 13 digits, or null for products without one
 * @param name      the name shown on screen and receipt
 * @param unitPrice the price per unit, or per kilogram for weighed goods; tax included
 * @param taxClass  the tax class
 * @param unit      whether it is sold by the piece or by weight
 * @param plu       for weighed or price-labelled goods, the item number inside a variable-measure
 *                  barcode (prefix 2); null otherwise
 * @param category  a category code for grouping and (later) sale time windows
 */
public record Product(String code, String gtin, String name, Money unitPrice, TaxClass taxClass,
        SaleUnit unit, String plu, String category) {
    public Product {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unitPrice, "unitPrice");
        Objects.requireNonNull(taxClass, "taxClass");
        Objects.requireNonNull(unit, "unit");
        if (unitPrice.isNegative()) {
            throw new IllegalArgumentException("negative price for " + code);
        }
        if (gtin != null && !Gtin.isValid(gtin)) {
            throw new IllegalArgumentException("invalid GTIN for " + code + ": " + gtin);
        }
    }

    public boolean soldByWeight() {
        return unit == SaleUnit.KILOGRAM;
    }
}
