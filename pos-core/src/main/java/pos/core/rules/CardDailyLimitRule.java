package pos.core.rules;

import java.util.Set;
import pos.core.card.Bank;
import pos.core.money.Money;

/**
 * "card_daily_limit": one card may pay at most {@code limit} minor units a day at this till,
 * counting what the journal says it already paid today (optionally only cards of {@code bank}).
 * When today's total cannot be read the rule fails safe and says so.
 */
public final class CardDailyLimitRule implements RuleType {

    @Override
    public String name() {
        return "card_daily_limit";
    }

    @Override
    public Set<String> parameters() {
        return Set.of("limit", "bank");
    }

    @Override
    public Rule create(String keyword, RuleParams params) {
        long limit = params.minor("limit");
        return new Check(keyword, limit, params.optionalText("bank").orElse(null));
    }

    /** A compiled "card_daily_limit" rule: it asks the card's spending on every check, so it is always run. */
    static final class Check extends BuiltInRule {
        final long limit;
        /** Only cards of this bank, or null for every card. */
        final String bankCode;

        Check(String keyword, long limit, String bankCode) {
            super(keyword);
            this.limit = limit;
            this.bankCode = bankCode;
        }

        @Override
        boolean usesIssuer() {
            return bankCode != null;
        }

        @Override
        RuleResult check(PaymentFacts facts, Bank issuer, CardSpending spending) {
            Money amount = facts.amount();
            if (amount == null || facts.card() == null || !facts.card().isValid()) {
                return passed;
            }
            if (bankCode != null && (issuer == null || !bankCode.equals(issuer.code()))) {
                return passed;
            }
            long paid;
            try {
                paid = spending.paidMinorOn(facts.card(), facts.at().toLocalDate());
            } catch (RuntimeException e) {
                return RuleResult.fail(keyword(), "rule.card_daily_limit.unknown", Fields.CARD,
                        String.valueOf(e.getMessage()));
            }
            if (paid + amount.minorUnits() <= limit) {
                return passed;
            }
            return RuleResult.fail(keyword(), "rule.card_daily_limit.over", Fields.AMOUNT,
                    Money.ofMinor(limit, amount.currency()), Money.ofMinor(paid, amount.currency()), amount);
        }
    }
}
