package pos.core.rules;

import java.util.Set;

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
        return new Rule() {
            @Override
            public String keyword() {
                return keyword;
            }

            @Override
            public RuleResult check(PaymentFacts facts, RuleContext context) {
                if (facts.ageConfirmed()) {
                    return RuleResult.pass(keyword);
                }
                for (SoldItem item : facts.items()) {
                    if (selector.matches(item)) {
                        return RuleResult.fail(keyword, "rule.age_restricted.confirm", Fields.AGE_CONFIRMATION,
                                minAge, item.name());
                    }
                }
                return RuleResult.pass(keyword);
            }
        };
    }
}
