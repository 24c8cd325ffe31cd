package pos.core.catalog;

import java.util.Objects;
import java.util.Set;

/**
 * How the store's scales and labellers lay out in-store EAN-13 codes with prefix 2 (GS1's
 * restricted-circulation range): {@code PP IIIII VVVVV C}: a two-digit prefix, a five-digit item
 * number (PLU), a five-digit value and the check digit. Which prefixes carry a weight in grams and
 * which a price in minor units is store-specific, so it is configuration. Immutable.
 *
 * @param weightPrefixes two-digit prefixes whose value is a weight in grams
 * @param pricePrefixes  two-digit prefixes whose value is a price in minor units
 */
public record VariableMeasureLayout(Set<String> weightPrefixes, Set<String> pricePrefixes) {

    /** 21–22 weight, 23–25 price: a common choice; stores may configure their own. */
    public static final VariableMeasureLayout DEFAULT =
            new VariableMeasureLayout(Set.of("21", "22"), Set.of("23", "24", "25"));

    public VariableMeasureLayout {
        weightPrefixes = Set.copyOf(Objects.requireNonNull(weightPrefixes));
        pricePrefixes = Set.copyOf(Objects.requireNonNull(pricePrefixes));
        for (String p : weightPrefixes) {
            if (pricePrefixes.contains(p)) {
                throw new IllegalArgumentException("prefix " + p + " cannot be both weight and price");
            }
        }
    }

    /** What a variable-measure code says, or null if {@code ean13} is not one under this layout. */
    public Reading read(String ean13) {
        if (ean13.length() != 13 || ean13.charAt(0) != '2') {
            return null;
        }
        String prefix = ean13.substring(0, 2);
        String plu = ean13.substring(2, 7);
        int value = Integer.parseInt(ean13.substring(7, 12));
        if (weightPrefixes.contains(prefix)) {
            return new Reading(plu, Kind.WEIGHT_GRAMS, value);
        }
        if (pricePrefixes.contains(prefix)) {
            return new Reading(plu, Kind.PRICE_MINOR, value);
        }
        return null;
    }

    /** Builds a code for a weight label, e.g. for tests and sample data. */
    public static String encode(String prefix, String plu, int value) {
        if (prefix.length() != 2 || plu.length() != 5 || value < 0 || value > 99_999) {
            throw new IllegalArgumentException("bad variable-measure parts " + prefix + "/" + plu + "/" + value);
        }
        return Gtin.withCheckDigit(prefix + plu + String.format("%05d", value));
    }

    /** What the value field holds. */
    public enum Kind { WEIGHT_GRAMS, PRICE_MINOR }

    /** The parts of a variable-measure code. */
    public record Reading(String plu, Kind kind, int value) {
    }
}
