package pos.core.rules;

import java.util.Set;
import pos.core.money.Money;
import pos.core.sale.TenderType;

/** "max_amount": no single payment above {@code limit} minor units (optionally only for some tenders). */
public final class MaxAmountRule implements RuleType {

    @Override
    public String name() {
        return "max_amount";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("limit", Tenders.PARAM);
    }

    @Override
    public Rule create(String keyword, RuleParams params) {
        long limit = params.minor("limit");
        Set<TenderType> tenders = Tenders.read(params, Tenders.all());
        return new Rule() {
            @Override
            public String keyword() {
                return keyword;
            }

            @Override
            public RuleResult check(PaymentFacts facts, RuleContext context) {
                Money amount = facts.amount();
                if (amount == null || !tenders.contains(facts.tender()) || amount.minorUnits() <= limit) {
                    return RuleResult.pass(keyword);
                }
                return RuleResult.fail(keyword, "rule.max_amount.over", Fields.AMOUNT,
                        Money.ofMinor(limit, amount.currency()), amount);
            }
        };
    }
}
