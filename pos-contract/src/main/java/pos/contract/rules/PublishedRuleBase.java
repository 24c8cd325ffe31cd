package pos.contract.rules;

import java.time.Instant;
import java.util.Objects;

/**
 * One published version of the rule base as the store keeps it (a row of {@code rule_base_versions}).
 * Immutable.
 *
 * @param version     higher is newer; the first published version is 1 (the bundled defaults are 0)
 * @param body        the rule data as canonical JSON ({@link RuleBaseJson#write}), carrying {@code version}
 * @param sha256      of {@code body}'s UTF-8 bytes, hex
 * @param ruleCount   how many rules it holds
 * @param publishedAt when the hub stored it
 * @param publishedBy who sent it (the publisher's name, and address)
 * @param signature   the store owner's signature ({@link RuleBaseSignature}), or null for a version published
 *                    before rule bases were signed (no till takes it)
 */
public record PublishedRuleBase(long version, String body, String sha256, int ruleCount, Instant publishedAt,
        String publishedBy, String signature) {
    public PublishedRuleBase {
        Objects.requireNonNull(body, "body");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(publishedBy, "publishedBy");
    }
}
