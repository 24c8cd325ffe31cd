package pos.core.catalog;

import pos.core.money.Money;

/** The outcome of looking up a scanned or typed code in the catalog. Immutable. */
public sealed interface Lookup {

    /** A product sold by the piece; quantity 1 per scan. */
    record Piece(Product product) implements Lookup {
    }

    /** A weighed product from a scale label: the weight in grams. */
    record Weighed(Product product, int grams) implements Lookup {
    }

    /** A price-labelled product: the label's price replaces the catalog price for this line. */
    record Priced(Product product, Money price) implements Lookup {
    }

    /** No product has this code. */
    record NotFound(String code) implements Lookup {
    }

    /** The code cannot be a product code; {@code reason} says why, for the screen to translate. */
    record Invalid(String code, InvalidCodeReason reason) implements Lookup {
    }

    /** Why a code was refused before any lookup. */
    enum InvalidCodeReason { EMPTY, TOO_LONG, BAD_CHARACTERS, BAD_CHECK_DIGIT, ZERO_WEIGHT }
}
