package pos.app.start;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import pos.app.config.TillConfig;
import pos.sync.SyncSettings;
import pos.sync.auth.StreamSigner;
import pos.sync.hub.HubClient;
import pos.sync.rules.RuleBaseTrust;

/**
 * How this till talks to the store, made from its configuration (issue 10): its client of the hub, the signer of
 * what it writes into the store's streams, its sync settings, whose rule bases it takes. Stateless.
 */
public final class StoreClients {

    private StoreClients() {
    }

    /**
     * The till's client of the hub (issue 10): this till's credential from {@code pos.hub.credentialFile} (0600) or
     * POS_HUB_CREDENTIAL, the hub's certificate from {@code pos.hub.trustStore}; empty without {@code pos.hub.url}.
     */
    public static Optional<HubClient> hubClient(TillConfig config, Duration timeout) {
        return config.hubUrl().map(url -> HubClient.forTill(URI.create(url), config.hubCredentialFile(),
                config.hubTrustStore(), System.getenv(), timeout));
    }

    public static SyncSettings syncSettings(TillConfig config, StreamSigner signer) {
        SyncSettings settings = SyncSettings.standalone(config.tillId());
        return config.redisUrl().map(settings::withRedis).map(s -> s.withSigner(signer))
                .map(s -> s.withRedisSettings(config.redisLogin())).orElse(settings);
    }

    /**
     * Issue 10: what this till writes into the store's streams is signed with its credential from the hub
     * ({@code pos.hub.credentialFile} or {@code POS_HUB_CREDENTIAL}); without one the outboxes hold and the
     * status bar says which setting is missing.
     */
    public static StreamSigner streamSigner(TillConfig config) {
        return config.redisUrl().isEmpty() ? StreamSigner.missing(config.tillId())
                : StreamSigner.configured(config.hubCredentialFile(), System.getenv(), config.tillId());
    }

    /** Issue 10: whose rule bases this till takes (pos.rules.ownerPublicKey; checked when the config was loaded). */
    public static RuleBaseTrust ruleBaseTrust(TillConfig config) {
        return config.rulesOwnerPublicKey()
                .map(key -> key.equals(TillConfig.UNSIGNED_RULES_DEMO) ? RuleBaseTrust.unsignedForDemo()
                        : RuleBaseTrust.owner(pos.contract.rules.RuleBaseSignature.ownerPublicKey(key,
                                "pos.rules.ownerPublicKey"), config.storeId()))
                .orElse(RuleBaseTrust.none(config.storeId()));
    }

}
