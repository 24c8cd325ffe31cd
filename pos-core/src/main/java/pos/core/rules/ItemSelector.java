package pos.core.rules;

import java.util.List;
import java.util.Set;

/** The "categories" and "products" parameters: which items a rule is about. */
record ItemSelector(Set<String> categories, Set<String> products) {

    static ItemSelector read(RuleParams params) {
        List<String> categories = params.optionalTexts("categories");
        List<String> products = params.optionalTexts("products");
        if (categories.isEmpty() && products.isEmpty()) {
            throw params.problem("name the items it applies to with 'categories' or 'products'");
        }
        return new ItemSelector(Set.copyOf(categories), Set.copyOf(products));
    }

    boolean matches(SoldItem item) {
        return products.contains(item.code()) || (!item.category().isEmpty() && categories.contains(item.category()));
    }
}
