package pos.gateway.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.LedgerOrder;
import pos.gateway.sandbox.api.LedgerSummary;
import pos.gateway.sandbox.api.NotificationSignature;
import pos.gateway.sandbox.face.Face;
import pos.gateway.sandbox.face.Faces;
import pos.gateway.sandbox.api.PinBlocks;
import pos.gateway.sandbox.api.SandboxJson;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.ledger.Ledger;
import pos.gateway.sandbox.ledger.LedgerException;
import pos.gateway.sandbox.ledger.LedgerView;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.NotificationStatus;
import pos.gateway.sandbox.notify.NotificationFactory;
import pos.gateway.sandbox.notify.Notifier;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.gateway.sandbox.server.GatewayHttpServer;
import pos.gateway.sandbox.trade.TradeService;

/**
 * The sandbox payment gateway, in process: a real HTTP + JSON server on a real socket that
 * behaves like WeChat Pay (native and pay-code) and Alipay face-to-face, with a SQLite ledger and
 * signed, retried notifications. The wire protocol is described in {@code pos.gateway.sandbox.api}.
 *
 * <pre>{@code
 * try (SandboxGateway gateway = SandboxGateway.builder().dataDir(tempDir).build().start()) {
 *     URI base = gateway.baseUri();                       // http://127.0.0.1:40123/
 *     ... the till under test talks to base ...
 *     assertThat(gateway.ledger().chargeCount(saleId)).isEqualTo(1);
 * }
 * }</pre>
 *
 * <p>It can be stopped and started again on the same data directory (and, if it picked a free
 * port, on the same port): orders, charges and pending notifications survive, and delivery
 * resumes. The knobs and dice live as long as this object.
 *
 * <p>Thread-safe: life-cycle methods are synchronized; everything else may be called from any thread.
 */
public final class SandboxGateway implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SandboxGateway.class);

    /** The key id used unless {@link Builder#keyId} says otherwise. */
    public static final String DEFAULT_KEY_ID = "sandbox-key-1";
    /** The notification secret used unless {@link Builder#secret} says otherwise. */
    public static final String DEFAULT_SECRET = "sandbox-secret";
    /** The address listened on unless {@link Builder#bindAddress} says otherwise. */
    public static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    private final Path dataDir;
    private final String bindAddress;
    private final int configuredPort;
    private final Clock clock;
    private final RetrySchedule retrySchedule;
    /** Whom the notifier trusts for https:// notify URLs, or null for the JVM's default trust. */
    private final javax.net.ssl.SSLContext notifyTrust;
    private final NotificationSignature signature;
    private final Face face;
    private boolean faceOpened; // guarded by this
    private final Chaos chaos;
    private final PinBlocks pinBlocks;
    private final ObjectMapper mapper = SandboxJson.newMapper();
    private final LedgerView ledgerView = new CurrentLedger();

    private Ledger ledger;
    private Notifier notifier;
    private TradeService trades;
    private GatewayHttpServer http;
    private int boundPort;

    private SandboxGateway(Builder builder) {
        this.dataDir = builder.dataDir != null ? builder.dataDir : temporaryDataDir();
        this.bindAddress = builder.bindAddress;
        this.configuredPort = builder.port;
        this.clock = builder.clock;
        this.signature = new NotificationSignature(builder.keyId, builder.secret.getBytes(StandardCharsets.UTF_8),
                NotificationSignature.DEFAULT_MAX_CLOCK_SKEW, builder.clock);
        this.face = builder.face != null ? builder.face : Faces.named(builder.protocol, signature);
        this.retrySchedule = builder.retrySchedule != null ? builder.retrySchedule : face.documentedSchedule();
        this.notifyTrust = builder.notifyTrust;
        long seed = builder.seed != null ? builder.seed : new SecureRandom().nextLong();
        this.chaos = new Chaos(builder.knobs, seed);
        this.pinBlocks = new PinBlocks(builder.pinKey);
    }

    /**
     * Starts configuring a gateway.
     *
     * @return a builder with the defaults: free port on 127.0.0.1, a temporary data directory,
     *     key {@value #DEFAULT_KEY_ID}, secret {@value #DEFAULT_SECRET}, default knobs, a random seed
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a gateway with the defaults on a free port, keeping its ledger in {@code dataDir}.
     *
     * @param dataDir the ledger's directory
     * @return the running gateway; close it when done
     */
    public static SandboxGateway startInProcess(Path dataDir) {
        return builder().dataDir(dataDir).build().start();
    }

    /**
     * Opens the ledger, resumes pending notifications and confirmations, and starts listening on
     * the builder's port (0: a free one; after a stop, the one picked before). Does nothing if
     * already running.
     *
     * @return this gateway
     * @throws pos.gateway.sandbox.ledger.UnableToOpenLedgerException if the data directory
     *     cannot be used
     * @throws pos.gateway.sandbox.server.UnableToBindPortException if the port cannot be bound
     */
    public synchronized SandboxGateway start() {
        return start(configuredPort == 0 && boundPort > 0 ? boundPort : configuredPort);
    }

    /**
     * Like {@link #start()}, on a given port.
     *
     * @param port the port to listen on; 0 picks a free one
     * @return this gateway
     * @throws pos.gateway.sandbox.ledger.UnableToOpenLedgerException if the data directory
     *     cannot be used
     * @throws pos.gateway.sandbox.server.UnableToBindPortException if the port cannot be bound
     */
    public synchronized SandboxGateway start(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("a port is between 0 and 65535, was " + port);
        }
        if (http != null) {
            return this;
        }
        if (!faceOpened) {
            face.open(dataDir, clock);
            faceOpened = true;
        }
        Ledger opened = Ledger.open(dataDir);
        Notifier startedNotifier = null;
        TradeService startedTrades = null;
        try {
            startedNotifier = new Notifier(opened, face.notifications(), chaos, retrySchedule, clock, notifyTrust);
            startedNotifier.start();
            startedTrades = new TradeService(opened, startedNotifier,
                    new NotificationFactory(mapper, chaos, retrySchedule), chaos, clock, pinBlocks, face.expiry());
            startedTrades.start();
            this.ledger = opened;
            GatewayHttpServer server = new GatewayHttpServer(startedTrades, chaos, ledgerView, mapper, face);
            server.start(bindAddress, port);
            this.notifier = startedNotifier;
            this.trades = startedTrades;
            this.http = server;
            this.boundPort = server.port();
        } catch (RuntimeException e) {
            if (startedTrades != null) {
                startedTrades.stop();
            }
            if (startedNotifier != null) {
                startedNotifier.stop();
            }
            opened.close();
            this.ledger = null;
            throw e;
        }
        log.info("sandbox gateway listening on {} speaking {} (data {}, key {}, dice seed {})", baseUri(),
                face.protocol(), dataDir, signature.keyId(), chaos.seed());
        return this;
    }

    /**
     * Stops listening, stops delivering and closes the ledger. Pending notifications and
     * pay-code confirmations resume at the next {@link #start()}; customer payments scheduled
     * with a delay are forgotten. Stopping twice is harmless.
     */
    public synchronized void stop() {
        if (http == null) {
            return;
        }
        http.stop();
        trades.stop();
        notifier.stop();
        ledger.close();
        http = null;
        trades = null;
        notifier = null;
        log.info("sandbox gateway on port {} stopped", boundPort);
    }

    /** The protocol this gateway speaks, and its keys. */
    public Face face() {
        return face;
    }

    /**
     * Where the merchant's credentials for this gateway's protocol are (ids, keys, the provider's public key), for
     * the till's and the hub's {@code --credentials}; known once started.
     */
    public synchronized Path credentialsDir() {
        if (!faceOpened) {
            throw new IllegalStateException("the sandbox gateway was never started");
        }
        return face.credentialsDir();
    }

    /** Same as {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * Tells whether the gateway is listening.
     *
     * @return {@code true} between {@link #start()} and {@link #stop()}
     */
    public synchronized boolean isRunning() {
        return http != null;
    }

    /**
     * The port listened on (or last listened on).
     *
     * @return the bound port
     * @throws IllegalStateException if never started
     */
    public synchronized int port() {
        if (boundPort == 0) {
            throw new IllegalStateException("the sandbox gateway was never started");
        }
        return boundPort;
    }

    /**
     * Where clients send requests.
     *
     * @return {@code http://127.0.0.1:<port>/} (a wildcard bind address is given as loopback)
     */
    public URI baseUri() {
        String host = bindAddress;
        try {
            InetAddress address = InetAddress.getByName(bindAddress);
            if (address.isAnyLocalAddress()) {
                host = address.getAddress().length == 4 ? "127.0.0.1" : "::1";
            }
        } catch (UnknownHostException e) {
            // keep the name as given
        }
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port() + "/");
    }

    /**
     * The ledger, read from its database on every call; the same object across restarts.
     *
     * @return the read-only ledger
     */
    public LedgerView ledger() {
        return ledgerView;
    }

    /**
     * The knobs in force now.
     *
     * @return the knobs
     */
    public Knobs knobs() {
        return chaos.knobs();
    }

    /**
     * Replaces the knobs; takes effect for the next request or event.
     *
     * @param knobs the new knobs
     */
    public void setKnobs(Knobs knobs) {
        chaos.setKnobs(knobs);
    }

    /**
     * Changes some knobs atomically, e.g. {@code gateway.updateKnobs(k -> k.withDeclineRate(0.3))}.
     *
     * @param change computes the new knobs from the current ones
     * @return the new knobs
     */
    public Knobs updateKnobs(UnaryOperator<Knobs> change) {
        return chaos.updateKnobs(change);
    }

    /**
     * The seed of the knob dice, to reproduce a run.
     *
     * @return the seed
     */
    public long seed() {
        return chaos.seed();
    }

    /**
     * A verifier with this gateway's key id and secret, for receivers in tests.
     *
     * @return the signer/verifier (system clock, default skew unless a clock was configured)
     */
    public NotificationSignature signature() {
        return signature;
    }

    /**
     * The directory holding the ledger.
     *
     * @return the data directory
     */
    public Path dataDir() {
        return dataDir;
    }

    private synchronized Ledger currentLedger() {
        if (ledger == null) {
            throw new LedgerException("the sandbox gateway on " + dataDir + " is not running; start it to read its ledger", null);
        }
        return ledger;
    }

    private static Path temporaryDataDir() {
        try {
            return Files.createTempDirectory("sandbox-gateway-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary data directory for the sandbox gateway", e);
        }
    }

    /** Reads whichever ledger the gateway has open now. Thread-safe. */
    private final class CurrentLedger implements LedgerView {
        @Override
        public LedgerSummary summary(boolean includeOrders) {
            return currentLedger().summary(includeOrders);
        }

        @Override
        public long chargeCount(String outTradeNo) {
            return currentLedger().chargeCount(outTradeNo);
        }

        @Override
        public Optional<LedgerOrder> order(String outTradeNo) {
            return currentLedger().order(outTradeNo);
        }

        @Override
        public long notificationCount(NotificationStatus status) {
            return currentLedger().notificationCount(status);
        }

        @Override
        public List<NotificationRow> notifications(String outTradeNo) {
            return currentLedger().notifications(outTradeNo);
        }
    }

    /**
     * Configures a {@link SandboxGateway}. Not thread-safe: use from one thread, then {@link #build()}.
     */
    public static final class Builder {
        private Path dataDir;
        private String bindAddress = DEFAULT_BIND_ADDRESS;
        private int port;
        private String keyId = DEFAULT_KEY_ID;
        private String secret = DEFAULT_SECRET;
        private String pinKey = PinBlocks.DEFAULT_PIN_KEY;
        private Knobs knobs = Knobs.defaults();
        private Long seed;
        private RetrySchedule retrySchedule; // null: the face's documented schedule
        private String protocol = pos.gateway.sandbox.face.SandboxFace.PROTOCOL;
        private Face face;
        private javax.net.ssl.SSLContext notifyTrust;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /**
         * The wire protocol to speak: {@code sandbox} (default), {@code wechatpay-v3} or {@code alipay}.
         *
         * @throws IllegalArgumentException at {@link #build()} for an unknown protocol
         */
        public Builder protocol(String protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
            return this;
        }

        /** A face of the caller's making (a test's), instead of {@link #protocol}. */
        public Builder face(Face face) {
            this.face = Objects.requireNonNull(face, "face");
            return this;
        }

        /**
         * Where the ledger lives; created if missing. Default: a new temporary directory.
         *
         * @param dataDir the directory
         * @return this builder
         */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /**
         * The address to listen on. Default {@value SandboxGateway#DEFAULT_BIND_ADDRESS}.
         *
         * @param bindAddress an IP address or host name of this machine
         * @return this builder
         */
        public Builder bindAddress(String bindAddress) {
            this.bindAddress = Objects.requireNonNull(bindAddress, "bindAddress");
            return this;
        }

        /**
         * The port to listen on. Default 0: a free port, kept across restarts of the same gateway.
         *
         * @param port 0 to 65535
         * @return this builder
         */
        public Builder port(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("a port is between 0 and 65535, was " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * The key id sent with every notification.
         *
         * @param keyId not blank
         * @return this builder
         */
        public Builder keyId(String keyId) {
            this.keyId = Objects.requireNonNull(keyId, "keyId");
            return this;
        }

        /**
         * The secret notifications are signed with.
         *
         * @param secret not empty, used as UTF-8 bytes
         * @return this builder
         */
        public Builder secret(String secret) {
            this.secret = Objects.requireNonNull(secret, "secret");
            return this;
        }

        /**
         * The key card PIN blocks are made with (shared with the tills). Default
         * {@value PinBlocks#DEFAULT_PIN_KEY}.
         *
         * @param pinKey at least 8 bytes, used as UTF-8 bytes
         * @return this builder
         */
        public Builder pinKey(String pinKey) {
            this.pinKey = Objects.requireNonNull(pinKey, "pinKey");
            return this;
        }

        /**
         * The starting knobs. Default {@link Knobs#defaults()}.
         *
         * @param knobs the knobs
         * @return this builder
         */
        public Builder knobs(Knobs knobs) {
            this.knobs = Objects.requireNonNull(knobs, "knobs");
            return this;
        }

        /**
         * The seed of the knob dice, for reproducible runs. Default: random (logged at start).
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * When notification attempts happen. Default {@link RetrySchedule#defaults()}.
         *
         * @param retrySchedule the schedule
         * @return this builder
         */
        public Builder retrySchedule(RetrySchedule retrySchedule) {
            this.retrySchedule = Objects.requireNonNull(retrySchedule, "retrySchedule");
            return this;
        }

        /**
         * Shortcut for a fast schedule in tests: attempts {@code stepMs} apart, giving up after a minute.
         *
         * @param stepMs the delay between attempts
         * @return this builder
         */
        public Builder fastRetries(long stepMs) {
            return retrySchedule(new RetrySchedule(List.of(Duration.ZERO), Duration.ofMillis(stepMs), Duration.ofMinutes(1)));
        }

        /**
         * The clock for timestamps, expiries and signatures. Default: the system clock (UTC).
         *
         * @param clock the clock
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Whom notifications to an {@code https://} notify URL trust: e.g. the store's own CA, which signed the store
         * hub's certificate. Default: the JVM's default trust store.
         *
         * @param tls the TLS context notifications are sent with
         * @return this builder
         */
        public Builder notifyTrust(javax.net.ssl.SSLContext tls) {
            this.notifyTrust = Objects.requireNonNull(tls, "tls");
            return this;
        }

        /**
         * Creates the gateway, not yet started.
         *
         * @return the gateway
         */
        public SandboxGateway build() {
            return new SandboxGateway(this);
        }
    }
}
