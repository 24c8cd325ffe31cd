package pos.core.rules;

import java.util.Optional;
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
        Optional<String> bankCode = params.optionalText("bank");
        return new Rule() {
            @Override
            public String keyword() {
                return keyword;
            }

            @Override
            public RuleResult check(PaymentFacts facts, RuleContext context) {
                Money amount = facts.amount();
                if (amount == null || facts.card() == null || !facts.card().isValid()) {
                    return RuleResult.pass(keyword);
                }
                if (bankCode.isPresent()
                        && !context.issuer().map(Bank::code).filter(bankCode.get()::equals).isPresent()) {
                    return RuleResult.pass(keyword);
                }
                long paid;
                try {
                    paid = context.spending().paidMinorOn(facts.card(), facts.at().toLocalDate());
                } catch (RuntimeException e) {
                    return RuleResult.fail(keyword, "rule.card_daily_limit.unknown", Fields.CARD,
                            String.valueOf(e.getMessage()));
                }
                if (paid + amount.minorUnits() <= limit) {
                    return RuleResult.pass(keyword);
                }
                return RuleResult.fail(keyword, "rule.card_daily_limit.over", Fields.AMOUNT,
                        Money.ofMinor(limit, amount.currency()), Money.ofMinor(paid, amount.currency()), amount);
            }
        };
    }
}
