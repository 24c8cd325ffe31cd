package pos.core.rules;

import java.util.List;
import pos.core.pay.PreCheck;

/**
 * The result of checking one payment against the whole rule base (R14): one result per keyword,
 * in the rule base's order. It passes only when every rule passed.
 *
 * @param ruleBaseVersion the version of the rule base that checked it
 * @param results         one per rule
 */
public record Verification(long ruleBaseVersion, List<RuleResult> results) {

    public Verification {
        // the rule base's own compact list is already immutable: copying it would cost one entry per rule
        results = results instanceof Outcomes ? results : List.copyOf(results);
    }

    public boolean passed() {
        if (results instanceof Outcomes outcomes) {
            return outcomes.passed();
        }
        for (RuleResult r : results) {
            if (!r.passed()) {
                return false;
            }
        }
        return true;
    }

    /** The failed results, in the rule base's order. */
    public List<RuleResult> failures() {
        if (results instanceof Outcomes outcomes) {
            return outcomes.failures();
        }
        return results.stream().filter(r -> !r.passed()).toList();
    }

    /** The payment component's form of the same outcome (R20). */
    public PreCheck toPreCheck() {
        return new PreCheck(failures().stream()
                .map(r -> new PreCheck.Failure(r.keyword(), r.messageKey(), r.arguments(), r.field()))
                .toList());
    }
}
