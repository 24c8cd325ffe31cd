package pos.sync.rules;

import java.security.PublicKey;
import java.util.Objects;

/**
 * Whose rule bases a till takes from the network (issue 10, docs/signed-rules.md): only those the
 * store owner signed ({@link pos.contract.rules.RuleBaseSignature}) for this store. Without an owner
 * key a till takes no update at all and says so; {@link #unsignedForDemo()} takes unsigned ones too
 * and is only for a demo or test set-up on a private machine. Immutable.
 *
 * @param ownerPublicKey the store owner's public key ({@code pos.rules.ownerPublicKey}), or null
 * @param storeId        this store's id ({@code pos.store.id}), part of the signed text
 * @param unsigned       true only in the demo setting: updates are taken without a signature
 */
public record RuleBaseTrust(PublicKey ownerPublicKey, String storeId, boolean unsigned) {

    /** What the status bar says when a till has no owner key. */
    public static final String UPDATES_OFF = "rule updates off: no store owner key configured (pos.rules.ownerPublicKey)";

    public RuleBaseTrust {
        Objects.requireNonNull(storeId, "storeId");
    }

    /** Updates signed by {@code ownerPublicKey} for {@code storeId} only. */
    public static RuleBaseTrust owner(PublicKey ownerPublicKey, String storeId) {
        return new RuleBaseTrust(Objects.requireNonNull(ownerPublicKey, "ownerPublicKey"), storeId, false);
    }

    /** No owner key: the cache or the bundled defaults stay, every update is refused. */
    public static RuleBaseTrust none(String storeId) {
        return new RuleBaseTrust(null, storeId, false);
    }

    /** Demo and tests only: updates are taken unsigned (the status bar says so). */
    public static RuleBaseTrust unsignedForDemo() {
        return new RuleBaseTrust(null, "store-1", true);
    }

    /** Whether updates from the network are looked at at all. */
    boolean takesUpdates() {
        return ownerPublicKey != null || unsigned;
    }
}
