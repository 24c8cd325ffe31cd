package pos.core.catalog;

import java.util.Objects;

/**
 * A tax class with its rate in basis points (1/100 of a percent). Prices in the catalog include tax.
 * Immutable.
 *
 * @param code        the class's code in the catalog, e.g. "STD", "RED", "ZERO"
 * @param rateBasisPoints e.g. 2000 for 20 %
 */
public record TaxClass(String code, int rateBasisPoints) {
    public TaxClass {
        Objects.requireNonNull(code, "code");
        if (rateBasisPoints < 0 || rateBasisPoints > 10_000) {
            throw new IllegalArgumentException("tax rate out of range: " + rateBasisPoints + " basis points");
        }
    }
}
