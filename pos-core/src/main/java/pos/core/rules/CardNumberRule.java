package pos.core.rules;

import java.util.Locale;
import java.util.Set;
import pos.core.card.Bank;
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
        return new Check(keyword, Tenders.read(params, Set.of(TenderType.CARD)));
    }

    /** A compiled "card_number" rule; it fails exactly when its tender is paid and the card is missing or not valid. */
    static final class Check extends BuiltInRule {
        final Set<TenderType> tenders;

        Check(String keyword, Set<TenderType> tenders) {
            super(keyword);
            this.tenders = tenders;
        }

        @Override
        RuleResult check(PaymentFacts facts, Bank issuer, CardSpending spending) {
            if (!tenders.contains(facts.tender())) {
                return passed;
            }
            CardNumber card = facts.card() == null ? CardNumber.typed("") : facts.card();
            if (card.isValid()) {
                return passed;
            }
            return RuleResult.fail(keyword(), "rule.card_number." + card.problem().name().toLowerCase(Locale.ROOT),
                    Fields.CARD, card.length(), CardNumber.MIN_DIGITS, CardNumber.MAX_DIGITS);
        }
    }
}
