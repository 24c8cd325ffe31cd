package pos.sync.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * What the till knows about its rule base, for the status bar ("Rules v7 (hub)") and the logs.
 * Immutable.
 *
 * @param version      the version in force
 * @param source       where the rule base in force came from
 * @param since        when it came into force on this till
 * @param hubReachable whether the last attempt to read the store's Redis succeeded (false too when no Redis is configured)
 * @param hubProblem   why the store's Redis could not be read, or null
 * @param lastRefusal  the last rule data refused (with its reason, in the store owner's words), or null
 * @param refusedAt    when it was refused, or null
 * @param refusal      the last refusal's reason and values, for the till's text in its language (issue 14.3), or null
 */
public record RuleBaseStatus(long version, Source source, Instant since, boolean hubReachable, String hubProblem,
        String lastRefusal, Instant refusedAt, RuleRefusal refusal) {

    /** Where a rule base in force came from. */
    public enum Source {
        /** The defaults bundled with the till (assets/rules/default-rules.json). */
        DEFAULTS,
        /** The last good version kept in the till's database. */
        CACHE,
        /** The store hub, through Redis, while running. */
        HUB
    }

    public RuleBaseStatus {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(since, "since");
    }

    /** A short text for the status bar, e.g. "rules v7 (hub)". */
    public String label() {
        return "rules v" + version + " (" + source.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    RuleBaseStatus withHub(boolean reachable, String problem) {
        return new RuleBaseStatus(version, source, since, reachable, problem, lastRefusal, refusedAt, refusal);
    }

    RuleBaseStatus withRefusal(String sentence, RuleRefusal why, Instant at) {
        return new RuleBaseStatus(version, source, since, hubReachable, hubProblem, sentence, at, why);
    }
}
