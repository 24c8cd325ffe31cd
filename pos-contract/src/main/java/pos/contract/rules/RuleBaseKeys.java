package pos.contract.rules;

import java.util.Objects;

/**
 * Where the rule base lives in Redis (DESIGN §4: "rule base = versioned value plus a change
 * channel"). Immutable.
 *
 * @param currentKey string: the rule base in force as JSON ({@link RuleBaseJson}), its "version" inside
 * @param versionKey string: the version held in {@code currentKey}, so a poll costs a few bytes
 * @param channel    pub/sub: the version just published; a hint to read {@code currentKey}, never the data
 * @param signatureKey string: the store owner's signature of {@code currentKey} as the version in {@code versionKey}
 *                   ({@link RuleBaseSignature}); written with the other two in one script
 */
public record RuleBaseKeys(String currentKey, String versionKey, String channel, String signatureKey) {

    /** {@code pos:rules:current}, {@code pos:rules:version}, {@code pos:rules:changed}, {@code pos:rules:signature}. */
    public static final RuleBaseKeys DEFAULT = new RuleBaseKeys("pos:rules:current", "pos:rules:version", "pos:rules:changed",
            "pos:rules:signature");

    public RuleBaseKeys {
        Objects.requireNonNull(currentKey, "currentKey");
        Objects.requireNonNull(versionKey, "versionKey");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(signatureKey, "signatureKey");
    }
}
