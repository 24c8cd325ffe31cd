package pos.core.rules;

import pos.core.card.Bank;

/**
 * A rule of one of the built-in types. Its passing result is made once, when the rule is built,
 * and its check takes the card's bank already looked up, so that the compiled rule base
 * ({@link RuleIndex}) can run it without a {@link RuleContext} and without allocating anything
 * when the payment passes. Immutable and thread-safe.
 */
abstract class BuiltInRule implements Rule {

    private final String keyword;
    /** {@code RuleResult.pass(keyword)}, made once: results are values, so every pass can share it. */
    final RuleResult passed;

    BuiltInRule(String keyword) {
        this.keyword = keyword;
        this.passed = RuleResult.pass(keyword);
    }

    @Override
    public final String keyword() {
        return keyword;
    }

    @Override
    public final RuleResult check(PaymentFacts facts, RuleContext context) {
        return check(facts, usesIssuer() ? context.issuer().orElse(null) : null, context.spending());
    }

    /**
     * Checks one payment; returns {@link #passed} itself when it passes.
     *
     * @param issuer   the bank of the payment's card, or null when there is no card or its BIN is unknown
     * @param spending the card's spending history
     */
    abstract RuleResult check(PaymentFacts facts, Bank issuer, CardSpending spending);

    /** Whether {@link #check(PaymentFacts, Bank, CardSpending)} reads the issuer. */
    boolean usesIssuer() {
        return false;
    }
}
