package pos.core.rules;

import java.util.Optional;
import pos.core.card.Bank;
import pos.core.card.BankDirectory;

/**
 * What rules may consult beyond the payment itself, for one verification: the BIN table and the
 * card's spending history. The card's bank is looked up once per verification, however many
 * rules ask.
 */
public final class RuleContext {

    private final BankDirectory banks;
    private final CardSpending spending;
    private final PaymentFacts facts;
    private Optional<Bank> issuer;

    RuleContext(BankDirectory banks, CardSpending spending, PaymentFacts facts) {
        this.banks = banks;
        this.spending = spending;
        this.facts = facts;
    }

    /** A context whose card's bank was already looked up ({@code issuer}, null when unknown). */
    RuleContext(BankDirectory banks, CardSpending spending, PaymentFacts facts, Bank issuer) {
        this(banks, spending, facts);
        this.issuer = Optional.ofNullable(issuer);
    }

    public BankDirectory banks() {
        return banks;
    }

    public CardSpending spending() {
        return spending;
    }

    /** The bank that issued the payment's card, if there is a card and its BIN is known. */
    public Optional<Bank> issuer() {
        if (issuer == null) {
            issuer = facts.card() == null ? Optional.empty() : banks.issuerOf(facts.card());
        }
        return issuer;
    }
}
