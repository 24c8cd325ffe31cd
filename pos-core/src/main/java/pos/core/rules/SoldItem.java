package pos.core.rules;

import java.util.Objects;

/**
 * One product in the sale being paid, as the rules see it.
 *
 * @param code     the product's code in the catalog
 * @param name     its name, for messages
 * @param category its category code, or "" when it has none
 */
public record SoldItem(String code, String name, String category) {
    public SoldItem {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(name, "name");
        category = category == null ? "" : category;
    }
}
