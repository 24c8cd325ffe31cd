package pos.core.card;

import java.util.List;
import java.util.Objects;

/**
 * A card-issuing bank the rule base knows, with the BIN prefixes of its cards.
 *
 * @param code short code used by rules, e.g. "NORDBANK"
 * @param name the name shown to the clerk
 * @param bins BIN/IIN prefixes (1 to 8 digits); the longest matching prefix wins
 */
public record Bank(String code, String name, List<String> bins) {
    public Bank {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        bins = List.copyOf(bins);
    }
}
