package pos.hub.rules;

import java.security.PublicKey;
import java.time.Duration;
import java.util.Objects;

/**
 * How the hub checks and keeps signed rule bases (issue 10, docs/signed-rules.md). Immutable.
 *
 * @param ownerPublicKey the store owner's Ed25519 public key ({@code --owner-public-key}); null: this hub
 *                       refuses every publication (it cannot tell the owner's from anyone else's)
 * @param storeId        the store's id, part of the signed text (the tills' {@code pos.store.id})
 * @param history        how long published versions are kept in MariaDB ({@code --rules-history-days});
 *                       the one in force is always kept
 */
public record RuleSigning(PublicKey ownerPublicKey, String storeId, Duration history) {

    /** The tills' default store id. */
    public static final String DEFAULT_STORE_ID = "store-1";
    /** A year of history. */
    public static final Duration DEFAULT_HISTORY = Duration.ofDays(365);
    /** No owner key: publishing is refused until one is configured. */
    public static final RuleSigning NONE = new RuleSigning(null, DEFAULT_STORE_ID, DEFAULT_HISTORY);

    public RuleSigning {
        Objects.requireNonNull(storeId, "storeId");
        if (!storeId.matches("[A-Za-z0-9_-]{1,32}")) {
            throw new IllegalArgumentException("the store id must be 1 to 32 letters, digits, '_' or '-': '" + storeId + "'");
        }
        Objects.requireNonNull(history, "history");
        if (history.isNegative() || history.isZero()) {
            throw new IllegalArgumentException("the rule base history must be at least a day: " + history);
        }
    }

    /** These settings with the owner's public key. */
    public RuleSigning withOwnerPublicKey(PublicKey key) {
        return new RuleSigning(key, storeId, history);
    }
}
