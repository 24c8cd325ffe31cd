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
        return new Check(keyword, bankCode, params.minor("limit"));
    }

    /** A compiled "bank_single_limit" rule; it fails exactly when a card of its bank pays more than the limit. */
    static final class Check extends BuiltInRule {
        final String bankCode;
        final long limit;

        Check(String keyword, String bankCode, long limit) {
            super(keyword);
            this.bankCode = bankCode;
            this.limit = limit;
        }

        @Override
        boolean usesIssuer() {
            return true;
        }

        @Override
        RuleResult check(PaymentFacts facts, Bank issuer, CardSpending spending) {
            Money amount = facts.amount();
            if (amount == null || amount.minorUnits() <= limit) {
                return passed;
            }
            if (issuer == null || !issuer.code().equals(bankCode)) {
                return passed;
            }
            return RuleResult.fail(keyword(), "rule.bank_single_limit.over", Fields.AMOUNT,
                    issuer.name(), Money.ofMinor(limit, amount.currency()), amount);
        }
    }
}
