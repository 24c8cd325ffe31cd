package pos.hub;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.MariaDbSaleArchive;
import pos.contract.pay.PaymentKeys;
import pos.contract.redis.RedisConnections;

/**
 * How a {@link StoreHub} runs. Made with {@link #builder()}; immutable.
 *
 * @param redisUri         the store's Redis, {@code redis://host:port/db}
 * @param jdbcUrl          the store's MariaDB, {@code jdbc:mariadb://host:port/db}
 * @param user             MariaDB user
 * @param password         MariaDB password
 * @param listenHost       the address the HTTP server binds to
 * @param listenPort       its port; 0 picks a free one ({@link StoreHub#port()})
 * @param gatewayUrl       the payment gateway's base URL, for queries and closes (R11, R23); for a real provider a test
 *                         server speaking its protocol, or null for the provider's production address
 * @param notifyKeys       key id → shared secret of the sandbox gateway's notification signatures (none needed with a
 *                         real provider: then the sandbox's notifications are refused)
 * @param maxClockSkew     how far a notification's timestamp may be from the hub's clock
 * @param queryAfter       R23: a status request for an open order at least this old makes a gateway query
 * @param queryInterval    at most one gateway query per payment in this interval, across all hubs
 * @param queryWait        how long a status request waits for its gateway query before it answers from Redis
 * @param reconcileEvery   R11's period P2
 * @param pendingThreshold R11's threshold T: pending payments older than this are queried
 * @param orderExpiry      an unpaid order older than this is closed (a pay-code still waiting is reversed)
 * @param reconcileBatch   the most pending payments one reconciler round looks at
 * @param monitorEvery     how often the queue monitor measures (R12)
 * @param alerts           the monitor's thresholds
 * @param archiver         the in-hub archiver's settings (R9, R10); its consumer name names this hub
 * @param keys             the payment keys in Redis
 * @param resultTtl        how long a payment result stays in Redis after its last change
 * @param rulesToken       the shared token {@code PUT /rules} must carry ({@code Authorization: Bearer …}), or null
 *                         when the hub's port is reachable only by people allowed to change the rules
 * @param ruleSigning      the store owner's public key, the store id and the rule base history kept (issue 10)
 * @param resultKey        the hub's Ed25519 key that signs every payment result it writes
 *                         ({@link pos.contract.pay.ResultSignature}); null: a throw-away key for this run, allowed
 *                         only on a loopback address ({@link HubResultKey})
 *                         when the hub's port is reachable only by people allowed to change the rules; superseded by
 *                         {@link pos.hub.http.HttpSecurity#ownerToken()}, which it stands for when that is not set
 * @param http             the HTTP trust boundary: owner token, CORS origins, host names, TLS, limits (issue 10)
 * @param tillKeys         the tills whose signed stream entries the archivers take (issue 10); by default none,
 *                         null: the hub's own registry of till credentials
 *                         (MariaDB tills, ./pos hub tills add); given: these as well
 * @param balanceCheckEvery how often the stored-value reconciliation compares Redis with MariaDB
 * @param provider         the payment provider the hub queries and takes notifications from (issue 13): sandbox,
 *                         wechatpay or alipay, in {@link pos.gateway.provider.PaymentProviders#normalise normal form}
 */
public record HubSettings(String redisUri, String jdbcUrl, String user, String password, String listenHost, int listenPort,
        URI gatewayUrl, Map<String, String> notifyKeys, Duration maxClockSkew, Duration queryAfter, Duration queryInterval,
        Duration queryWait, Duration reconcileEvery, Duration pendingThreshold, Duration orderExpiry, int reconcileBatch,
        Duration monitorEvery, AlertThresholds alerts, ArchiverSettings archiver, PaymentKeys keys, Duration resultTtl,
        String rulesToken, pos.hub.rules.RuleSigning ruleSigning, java.security.PrivateKey resultKey, pos.hub.http.HttpSecurity http,
        pos.contract.auth.TillKeys tillKeys, Duration balanceCheckEvery, String provider) {

    /** The default listen address. */
    public static final String DEFAULT_LISTEN = "127.0.0.1:8480";
    /** R23's 5 s. */
    public static final Duration DEFAULT_QUERY_AFTER = Duration.ofSeconds(5);
    /** R11's P2 unless configured otherwise. */
    public static final Duration DEFAULT_RECONCILE_EVERY = Duration.ofSeconds(10);
    /** R11's T unless configured otherwise. */
    public static final Duration DEFAULT_PENDING_THRESHOLD = Duration.ofSeconds(60);
    /** How often the stored-value and voucher reconciliation runs unless configured otherwise. */
    public static final Duration DEFAULT_BALANCE_CHECK_EVERY = Duration.ofSeconds(30);
    /** The sandbox gateway's QR order expiry. */
    public static final Duration DEFAULT_ORDER_EXPIRY = Duration.ofMinutes(2);

    public HubSettings {
        RedisConnections.parse(redisUri); // throws InvalidRedisUriException
        MariaDbSaleArchive.requireJdbcUrl(jdbcUrl); // throws InvalidJdbcUrlException
        Objects.requireNonNull(listenHost, "listenHost");
        if (listenPort < 0 || listenPort > 65_535) {
            throw new IllegalArgumentException("listen port must be 0-65535: " + listenPort);
        }
        provider = pos.gateway.provider.PaymentProviders.normalise(provider);
        boolean sandbox = provider.equals(pos.gateway.provider.PaymentProviders.SANDBOX);
        if (sandbox) { // issue 13: a real provider has its own production address and notification keys
            Objects.requireNonNull(gatewayUrl, "gatewayUrl");
        }
        String scheme = gatewayUrl == null || gatewayUrl.getScheme() == null ? "" : gatewayUrl.getScheme().toLowerCase(Locale.ROOT);
        if (gatewayUrl != null && (!scheme.equals("http") && !scheme.equals("https") || gatewayUrl.getHost() == null)) {
            throw new IllegalArgumentException("not an http(s) gateway URL: '" + gatewayUrl + "'");
        }
        notifyKeys = Map.copyOf(Objects.requireNonNull(notifyKeys, "notifyKeys"));
        if (notifyKeys.isEmpty() && sandbox) {
            throw new IllegalArgumentException("at least one gateway notification key (key id and secret) is needed");
        }
        notifyKeys.forEach((id, secret) -> {
            if (id.isBlank() || secret.isEmpty()) {
                throw new IllegalArgumentException("a gateway notification key needs an id and a secret: '" + id + "'");
            }
        });
        requirePositive(balanceCheckEvery, "balanceCheckEvery");
        requirePositive(maxClockSkew, "maxClockSkew");
        requireNotNegative(queryAfter, "queryAfter");
        requirePositive(queryInterval, "queryInterval");
        requirePositive(queryWait, "queryWait");
        requirePositive(reconcileEvery, "reconcileEvery");
        requireNotNegative(pendingThreshold, "pendingThreshold");
        requirePositive(orderExpiry, "orderExpiry");
        if (reconcileBatch < 1) {
            throw new IllegalArgumentException("reconcileBatch must be at least 1: " + reconcileBatch);
        }
        requirePositive(monitorEvery, "monitorEvery");
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(archiver, "archiver");
        Objects.requireNonNull(keys, "keys");
        requirePositive(resultTtl, "resultTtl");
        if (rulesToken != null && rulesToken.isBlank()) {
            rulesToken = null;
        }
        Objects.requireNonNull(ruleSigning, "ruleSigning");
        Objects.requireNonNull(http, "http");
    }

    /** The owner's token: {@link pos.hub.http.HttpSecurity#ownerToken()}, else the older rules token, else null. */
    public String ownerToken() {
        return http.ownerToken() != null ? http.ownerToken() : rulesToken;
    }

    /** The Redis hash of active alerts: {@code pos:alerts} (name → JSON {level, message, since}). */
    public String alertsKey() {
        return keys.prefix() + ":alerts";
    }

    /** The channel that carries the name of an alert raised or cleared: {@code pos:alerts:changed}. */
    public String alertsChannel() {
        return alertsKey() + ":changed";
    }

    /** The Redis key that keeps other hubs from querying the gateway about {@code transactionId} meanwhile. */
    public String queryLockKey(String transactionId) {
        return keys.prefix() + ":pay:query-lock:" + transactionId;
    }

    /** The settings with another listen port (tests: 0). */
    public HubSettings withListenPort(int port) {
        return toBuilder().listen(listenHost, port).build();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.redisUri = redisUri;
        b.jdbcUrl = jdbcUrl;
        b.user = user;
        b.password = password;
        b.listenHost = listenHost;
        b.listenPort = listenPort;
        b.gatewayUrl = gatewayUrl;
        b.notifyKeys = notifyKeys;
        b.maxClockSkew = maxClockSkew;
        b.queryAfter = queryAfter;
        b.queryInterval = queryInterval;
        b.queryWait = queryWait;
        b.reconcileEvery = reconcileEvery;
        b.pendingThreshold = pendingThreshold;
        b.orderExpiry = orderExpiry;
        b.reconcileBatch = reconcileBatch;
        b.monitorEvery = monitorEvery;
        b.alerts = alerts;
        b.archiver = archiver;
        b.keys = keys;
        b.resultTtl = resultTtl;
        b.rulesToken = rulesToken;
        b.ruleSigning = ruleSigning;
        b.resultKey = resultKey;
        b.http = http;
        b.tillKeys = tillKeys;
        b.balanceCheckEvery = balanceCheckEvery;
        b.provider = provider;
        return b;
    }

    /**
     * A builder with the defaults; Redis, MariaDB, the gateway URL and a notification key must be set (the last two
     * only for the sandbox provider).
     */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String toString() { // no password, no secrets
        return "HubSettings[redis " + RedisConnections.redact(redisUri) + ", mariadb " + MariaDbSaleArchive.requireJdbcUrl(jdbcUrl).replaceAll(
                "password=[^&;]*", "password=***") + ", listen " + listenHost + ":" + listenPort + ", gateway " + gatewayUrl
                + ", provider " + provider + ", notification keys " + notifyKeys.keySet() + ", consumer " + archiver.consumerName() + ", " + http + "]";
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
    }

    private static void requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
    }

    /** Collects {@link HubSettings}. Not thread-safe. */
    public static final class Builder {
        private String redisUri;
        private String jdbcUrl;
        private String user;
        private String password;
        private String listenHost = "127.0.0.1";
        private int listenPort = 8480;
        private URI gatewayUrl;
        private Map<String, String> notifyKeys = Map.of();
        private Duration maxClockSkew = Duration.ofMinutes(5);
        private Duration queryAfter = DEFAULT_QUERY_AFTER;
        private Duration queryInterval = Duration.ofSeconds(2);
        private Duration queryWait = Duration.ofSeconds(2);
        private Duration reconcileEvery = DEFAULT_RECONCILE_EVERY;
        private Duration pendingThreshold = DEFAULT_PENDING_THRESHOLD;
        private Duration orderExpiry = DEFAULT_ORDER_EXPIRY;
        private int reconcileBatch = 200;
        private Duration monitorEvery = Duration.ofSeconds(5);
        private AlertThresholds alerts = AlertThresholds.DEFAULTS;
        private ArchiverSettings archiver;
        private PaymentKeys keys = PaymentKeys.DEFAULT;
        private Duration resultTtl = PaymentKeys.DEFAULT_RESULT_TTL;
        private String rulesToken;
        private pos.hub.rules.RuleSigning ruleSigning = pos.hub.rules.RuleSigning.NONE;
        private java.security.PrivateKey resultKey;
        private pos.hub.http.HttpSecurity http = pos.hub.http.HttpSecurity.DEFAULTS;
        private pos.contract.auth.TillKeys tillKeys;
        private Duration balanceCheckEvery = DEFAULT_BALANCE_CHECK_EVERY;
        private String provider = pos.gateway.provider.PaymentProviders.SANDBOX;

        private Builder() {
        }

        public Builder redis(String uri) {
            this.redisUri = uri;
            return this;
        }

        public Builder mariaDb(String url, String dbUser, String dbPassword) {
            this.jdbcUrl = url;
            this.user = dbUser;
            this.password = dbPassword;
            return this;
        }

        public Builder listen(String host, int port) {
            this.listenHost = host;
            this.listenPort = port;
            return this;
        }

        public Builder gateway(URI url) {
            this.gatewayUrl = url;
            return this;
        }

        /** The gateway's notification keys: key id → shared secret. */
        public Builder notifyKeys(Map<String, String> keysById) {
            this.notifyKeys = keysById;
            return this;
        }

        public Builder maxClockSkew(Duration skew) {
            this.maxClockSkew = skew;
            return this;
        }

        public Builder queryAfter(Duration after) {
            this.queryAfter = after;
            return this;
        }

        public Builder queryInterval(Duration interval) {
            this.queryInterval = interval;
            return this;
        }

        public Builder queryWait(Duration wait) {
            this.queryWait = wait;
            return this;
        }

        public Builder reconcileEvery(Duration period) {
            this.reconcileEvery = period;
            return this;
        }

        public Builder pendingThreshold(Duration threshold) {
            this.pendingThreshold = threshold;
            return this;
        }

        public Builder orderExpiry(Duration expiry) {
            this.orderExpiry = expiry;
            return this;
        }

        public Builder reconcileBatch(int batch) {
            this.reconcileBatch = batch;
            return this;
        }

        public Builder monitorEvery(Duration period) {
            this.monitorEvery = period;
            return this;
        }

        public Builder alerts(AlertThresholds thresholds) {
            this.alerts = thresholds;
            return this;
        }

        /** The in-hub archiver; by default {@link ArchiverSettings#defaults} named {@code hub-<listen port>}. */
        public Builder archiver(ArchiverSettings settings) {
            this.archiver = settings;
            return this;
        }

        public Builder keys(PaymentKeys paymentKeys) {
            this.keys = paymentKeys;
            return this;
        }

        public Builder resultTtl(Duration ttl) {
            this.resultTtl = ttl;
            return this;
        }

        /** The token publishing rules needs ({@code Authorization: Bearer <token>}); null or blank: none. */
        public Builder rulesToken(String token) {
            this.rulesToken = token;
            return this;
        }

        /** The store owner's public key, the store id and the history kept for rule bases (issue 10). */
        public Builder ruleSigning(pos.hub.rules.RuleSigning signing) {
            this.ruleSigning = signing;
            return this;
        }

        /** The hub's result signing key (Ed25519); null: a throw-away key, on a loopback address only. */
        public Builder resultKey(java.security.PrivateKey key) {
            this.resultKey = key;
            return this;
        }

        /** The HTTP trust boundary (owner token, origins, names, TLS, limits); default {@link pos.hub.http.HttpSecurity#DEFAULTS}. */
        public Builder http(pos.hub.http.HttpSecurity security) {
            this.http = security;
            return this;
        }

        /** The tills whose signed stream entries are archived (the hub's registry of till credentials). */
        public Builder tillKeys(pos.contract.auth.TillKeys keys) {
            this.tillKeys = keys;
            return this;
        }

        /**
         * Issue 13: the payment provider (sandbox by default). With a real one the gateway URL is a test server's or
         * null (the provider's production address) and the sandbox's notification keys are not needed.
         */
        public Builder provider(String name) {
            this.provider = name;
            return this;
        }

        /** How often Redis's balances and redeemed vouchers are compared with MariaDB. */
        public Builder balanceCheckEvery(Duration period) {
            this.balanceCheckEvery = period;
            return this;
        }

        /**
         * The settings.
         *
         * @throws IllegalArgumentException                      if a value is out of range or missing
         * @throws pos.contract.redis.InvalidRedisUriException       if the Redis URI is not one
         * @throws pos.hub.archive.InvalidJdbcUrlException      if the JDBC URL is not a MariaDB one
         */
        public HubSettings build() {
            Objects.requireNonNull(redisUri, "redis URI");
            Objects.requireNonNull(jdbcUrl, "MariaDB JDBC URL");
            if (pos.gateway.provider.PaymentProviders.normalise(provider).equals(pos.gateway.provider.PaymentProviders.SANDBOX)) {
                Objects.requireNonNull(gatewayUrl, "gateway URL");
            }
            ArchiverSettings archiverSettings = archiver != null ? archiver : ArchiverSettings.defaults("hub-" + listenPort);
            return new HubSettings(redisUri, jdbcUrl, user, password, listenHost, listenPort, gatewayUrl, notifyKeys,
                    maxClockSkew, queryAfter, queryInterval, queryWait, reconcileEvery, pendingThreshold, orderExpiry,
                    reconcileBatch, monitorEvery, alerts, archiverSettings, keys, resultTtl, rulesToken, ruleSigning, resultKey, http,
                    tillKeys, balanceCheckEvery, provider);
        }
    }
}
