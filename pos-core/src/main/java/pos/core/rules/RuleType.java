package pos.core.rules;

import java.util.Set;

/**
 * A kind of rule: its name in rule data, the parameters it takes, and how to build a rule from
 * them. Adding a rule type is one class implementing this and one {@link RuleRegistry#with} call.
 */
public interface RuleType {

    /** The name rule data uses, e.g. "bank_single_limit". */
    String name();

    /** The parameters this type takes (besides "message" and "enabled"). */
    Set<String> parameters();

    /**
     * Builds a rule.
     *
     * @throws RuleDefinitionException when a parameter is missing or wrong; the message names it
     */
    Rule create(String keyword, RuleParams params);
}
