package pos.core.rules;

import java.util.Set;
import pos.core.card.Bank;
import pos.core.money.Money;

/**
 * "bank_single_limit": a card of {@code bank} may pay at most {@code limit} minor units in one
 * transaction (R14's example: a limit of 1000 and an amount of 2000 fails).
 */
public final class BankSingleLimitRule implements RuleType {

    @Override
    public String name() {
        return "bank_single_limit";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("bank", "limit");
    }

    @Override
    public Rule create(String keyword, RuleParams params) {
        String bankCode = params.text("bank");
        long limit = params.minor("limit");
        return new Rule() {
            @Override
            public String keyword() {
                return keyword;
            }

            @Override
            public RuleResult check(PaymentFacts facts, RuleContext context) {
                Money amount = facts.amount();
                if (amount == null || amount.minorUnits() <= limit) {
                    return RuleResult.pass(keyword);
                }
                Bank issuer = context.issuer().orElse(null);
                if (issuer == null || !issuer.code().equals(bankCode)) {
                    return RuleResult.pass(keyword);
                }
                return RuleResult.fail(keyword, "rule.bank_single_limit.over", Fields.AMOUNT,
                        issuer.name(), Money.ofMinor(limit, amount.currency()), amount);
            }
        };
    }
}
