package pos.core.rules;

import java.util.List;

/**
 * Rule data that cannot be used: an unknown rule type, a missing or mistyped parameter, a
 * duplicate keyword, a bad BIN. Carries every problem found, each a sentence naming the rule
 * and the parameter, so the person who wrote the rules can fix them all at once. The rule base
 * in force stays in force.
 */
public class RuleDefinitionException extends RuntimeException {

    private final List<String> problems;

    public RuleDefinitionException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public RuleDefinitionException(String problem) {
        this(List.of(problem));
    }

    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        if (problems.size() == 1) {
            return "rule data refused: " + problems.get(0);
        }
        int shown = Math.min(problems.size(), 5);
        String more = problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : "";
        return "rule data refused (" + problems.size() + " problems): " + String.join("; ", problems.subList(0, shown)) + more;
    }
}
