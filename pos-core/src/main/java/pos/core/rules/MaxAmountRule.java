package pos.core.rules;

import java.util.Set;
import pos.core.card.Bank;
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
        return new Check(keyword, limit, Tenders.read(params, Tenders.all()));
    }

    /** A compiled "max_amount" rule; it fails exactly when one of its tenders pays an amount above the limit. */
    static final class Check extends BuiltInRule {
        final long limit;
        final Set<TenderType> tenders;

        Check(String keyword, long limit, Set<TenderType> tenders) {
            super(keyword);
            this.limit = limit;
            this.tenders = tenders;
        }

        @Override
        RuleResult check(PaymentFacts facts, Bank issuer, CardSpending spending) {
            Money amount = facts.amount();
            if (amount == null || !tenders.contains(facts.tender()) || amount.minorUnits() <= limit) {
                return passed;
            }
            return RuleResult.fail(keyword(), "rule.max_amount.over", Fields.AMOUNT,
                    Money.ofMinor(limit, amount.currency()), amount);
        }
    }
}
