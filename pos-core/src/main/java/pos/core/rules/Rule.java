package pos.core.rules;

/** One compiled rule: a small typed check with its parameters. Immutable and thread-safe. */
public interface Rule {

    String keyword();

    /** Checks one payment. Never throws for any facts; a failure is a result. */
    RuleResult check(PaymentFacts facts, RuleContext context);
}
