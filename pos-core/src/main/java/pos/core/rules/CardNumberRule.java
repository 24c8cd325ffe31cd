package pos.core.rules;

import java.util.Locale;
import java.util.Set;
import pos.core.card.CardNumber;
import pos.core.sale.TenderType;

/**
 * "card_number": a card payment needs a well-formed card number, 12 to 19 digits, that passes the
 * Luhn check (ISO/IEC 7812-1). The message says exactly what is wrong.
 */
public final class CardNumberRule implements RuleType {

    @Override
    public String name() {
        return "card_number";
    }

    @Override
    public Set<String> parameters() {
        return Set.of(Tenders.PARAM);
    }

    @Override
    public Rule create(String keyword, RuleParams params) {
        Set<TenderType> tenders = Tenders.read(params, Set.of(TenderType.CARD));
        return new Rule() {
            @Override
            public String keyword() {
                return keyword;
            }

            @Override
            public RuleResult check(PaymentFacts facts, RuleContext context) {
                if (!tenders.contains(facts.tender())) {
                    return RuleResult.pass(keyword);
                }
                CardNumber card = facts.card() == null ? CardNumber.typed("") : facts.card();
                if (card.isValid()) {
                    return RuleResult.pass(keyword);
                }
                return RuleResult.fail(keyword, "rule.card_number." + card.problem().name().toLowerCase(Locale.ROOT),
                        Fields.CARD, card.length(), CardNumber.MIN_DIGITS, CardNumber.MAX_DIGITS);
            }
        };
    }
}
