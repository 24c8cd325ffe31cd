package pos.core.rules;

import java.util.List;
import pos.core.card.Bank;

/**
 * A rule base as written: its version (set by the hub when it is published; higher is newer),
 * the store's BIN table, and the rules. {@link RuleRegistry#compile} checks it and makes the
 * {@link RuleBase} the till uses.
 */
public record RuleBaseDefinition(long version, List<Bank> banks, List<RuleSpec> rules) {
    public RuleBaseDefinition {
        banks = List.copyOf(banks);
        rules = List.copyOf(rules);
    }

    public RuleBaseDefinition withVersion(long newVersion) {
        return new RuleBaseDefinition(newVersion, banks, rules);
    }
}
