package pos.core.rules;

import java.util.Set;
import pos.core.card.Bank;

/**
 * "age_restricted": when the sale holds one of the listed products or categories, the clerk must
 * confirm the customer is at least {@code min_age} years old before the payment goes out.
 */
public final class AgeRestrictedRule implements RuleType {

    @Override
    public String name() {
        return "age_restricted";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("categories", "products", "min_age");
    }

    @Override
    public Rule create(String keyword, RuleParams params) {
        ItemSelector selector = ItemSelector.read(params);
        int minAge = params.smallNumber("min_age", 1, 99);
        return new Check(keyword, selector, minAge);
    }

    /** A compiled "age_restricted" rule; it fails exactly when the age is not confirmed and an item it selects is sold. */
    static final class Check extends BuiltInRule {
        final ItemSelector selector;
        final int minAge;

        Check(String keyword, ItemSelector selector, int minAge) {
            super(keyword);
            this.selector = selector;
            this.minAge = minAge;
        }

        @Override
        RuleResult check(PaymentFacts facts, Bank issuer, CardSpending spending) {
            if (facts.ageConfirmed()) {
                return passed;
            }
            for (SoldItem item : facts.items()) {
                if (selector.matches(item)) {
                    return RuleResult.fail(keyword(), "rule.age_restricted.confirm", Fields.AGE_CONFIRMATION,
                            minAge, item.name());
                }
            }
            return passed;
        }
    }
}
