package pos.contract.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.StaticCredentialsProvider;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.handler.ssl.NotSslRecordException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLException;

/**
 * Builds Lettuce connections to one Redis server that fail fast while it is unreachable
 * (DESIGN §7, lettuce #508/#1843): commands are rejected rather than queued while disconnected
 * ({@code REJECT_COMMANDS}), the request queue is bounded, every command has a fixed timeout,
 * connecting has a timeout and TCP keepalive is on; Lettuce reconnects by itself. Blocking
 * commands (XREADGROUP … BLOCK) get their block time on top of the command timeout and belong on
 * a connection of their own ({@link #connect()} once more).
 *
 * <p>The store network is not trusted (DESIGN §7, issue 10): {@code rediss://} trusts the CA file
 * or trust store of {@link RedisSettings} (else the JVM's default) with hostname verification
 * always on; the ACL user and password come from {@link RedisCredentials}, never from the URI
 * (a URI with a user or password is refused). Sentinel URIs
 * ({@code redis-sentinel://host:port,host:port,host:port/db#primary}) work for every kind of
 * connection: each new connection and each reconnect asks the sentinels for the current primary.
 * Failures read as sentences: a refused login, a refused command (NOPERM), the certificate
 * problem of a failed TLS handshake, sentinels that name no primary. Thread-safe.
 */
public final class RedisConnections implements AutoCloseable {

    /** How long a command may take before it fails. */
    public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);
    /** How long connecting may take before it fails. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Commands queued per connection before more are rejected. */
    public static final int REQUEST_QUEUE_SIZE = 10_000;
    /** The longest a blocking read may block; such commands time out after this plus the command timeout. */
    public static final Duration MAX_BLOCK = Duration.ofSeconds(5);
    /**
     * The longest pause between two reconnect attempts. Lettuce's default grows to 30 s; a till
     * should find Redis (or the primary a Sentinel failover promoted) within seconds of it being back.
     */
    public static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

    private static final Set<CommandType> BLOCKING = EnumSet.of(CommandType.XREAD, CommandType.XREADGROUP,
            CommandType.BLPOP, CommandType.BRPOP, CommandType.BZPOPMIN, CommandType.BZPOPMAX);
    /** Redis 7 names the command in "NOPERM this user has no permissions to run the 'set' command". */
    private static final Pattern NOPERM_COMMAND = Pattern.compile("run the '([^']+)' command");
    /** The userinfo of a URI: from "://" to an "@" before the first "/". */
    private static final Pattern USERINFO = Pattern.compile("(?<=://)[^/@]*@");

    private final RedisURI uri;
    private final RedisSettings settings;
    private final String endpoint;
    private final ClientResources resources;
    private final RedisClient client;
    private final int replicasToWait;

    private RedisConnections(RedisURI uri, RedisSettings settings) {
        this.uri = uri;
        this.settings = settings;
        settings.credentials().ifPresent(credentials ->
                uri.setCredentialsProvider(new StaticCredentialsProvider(credentials.username(), credentials.password())));
        // hostname verification: the certificate must be issued for the host dialled (Lettuce's FULL mode)
        if (uri.isSsl()) {
            uri.setVerifyPeer(SslVerifyMode.FULL);
        }
        for (RedisURI sentinel : uri.getSentinels()) {
            if (sentinel.isSsl()) {
                sentinel.setVerifyPeer(SslVerifyMode.FULL);
            }
        }
        this.endpoint = endpointOf(uri);
        this.resources = ClientResources.builder()
                .reconnectDelay(Delay.exponential(Duration.ofMillis(10), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS))
                .build();
        this.client = RedisClient.create(resources, uri);
        this.client.setOptions(clientOptions(settings));
        this.replicasToWait = replicasToWait(uri);
    }

    /**
     * Prepares connections to the Redis at {@code redisUri} ({@code redis://host:port/db},
     * {@code rediss://} for TLS, {@code redis-sentinel://…#primary}) with the credentials and CA of
     * the environment ({@link RedisSettings#fromEnvironment()}: {@code POS_REDIS_USER},
     * {@code POS_REDIS_PASSWORD_FILE}, {@code POS_REDIS_CA_FILE}; none set: no login, the JVM's
     * trust store). Nothing is dialled yet.
     *
     * @throws InvalidRedisUriException if the URI is not a Redis URI
     */
    public static RedisConnections create(String redisUri) {
        return create(redisUri, RedisSettings.fromEnvironment());
    }

    /**
     * Prepares connections to the Redis at {@code redisUri} with the credentials and TLS trust of
     * {@code settings}. Nothing is dialled yet.
     *
     * @throws InvalidRedisUriException if the URI is not a Redis URI or carries a user or password
     */
    public static RedisConnections create(String redisUri, RedisSettings settings) {
        return new RedisConnections(parse(redisUri), Objects.requireNonNull(settings, "settings"));
    }

    /**
     * How many replicas a write must reach before it counts: 1 when this is a Sentinel set-up (a
     * failover promotes a replica, and a write only the dead primary had would be lost: a sale
     * handed on twice is harmless, a voucher redeemed twice is not), else 0; the environment
     * variable {@value #WAIT_REPLICAS_VARIABLE} sets it for any set-up.
     */
    public int replicasToWait() {
        return replicasToWait;
    }

    /** The environment variable that sets {@link #replicasToWait()}. */
    public static final String WAIT_REPLICAS_VARIABLE = "POS_REDIS_WAIT_REPLICAS";
    /** How long a write waits for its replicas before it counts as not done (and is tried again). */
    public static final Duration REPLICATION_WAIT = Duration.ofMillis(1_000);

    /**
     * Waits until the writes made so far on {@code commands}' connection reached
     * {@link #replicasToWait()} replicas ({@code WAIT}); returns at once when none are asked for.
     *
     * @param what what was written, for the message ("the sale outbox batch up to 1234")
     * @throws UnableToReachRedisException if fewer replicas acknowledged within
     *     {@link #REPLICATION_WAIT}: the caller must treat the write as not done and try it again
     *     (every write we make is idempotent)
     */
    public void awaitReplication(io.lettuce.core.api.sync.RedisCommands<String, String> commands, String what) {
        if (replicasToWait == 0) {
            return;
        }
        Long acknowledged;
        try {
            acknowledged = commands.waitForReplication(replicasToWait, REPLICATION_WAIT.toMillis());
        } catch (RuntimeException e) {
            throw new UnableToReachRedisException(endpoint, what + " could not be confirmed on a replica: "
                    + RedisLink.unwrap(e).getMessage(), e);
        }
        if (acknowledged == null || acknowledged < replicasToWait) {
            throw new UnableToReachRedisException(endpoint, what + " reached " + (acknowledged == null ? 0 : acknowledged)
                    + " of " + replicasToWait + " replicas within " + REPLICATION_WAIT.toMillis()
                    + " ms; it does not count yet and is tried again", null);
        }
    }

    private static int replicasToWait(RedisURI uri) {
        String configured = System.getenv(WAIT_REPLICAS_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            try {
                int replicas = Integer.parseInt(configured.strip());
                if (replicas >= 0 && replicas <= 16) {
                    return replicas;
                }
            } catch (NumberFormatException e) {
                // falls through to the sentence below
            }
            throw new IllegalArgumentException(WAIT_REPLICAS_VARIABLE + " must be a number of replicas from 0 to 16: '"
                    + configured.strip() + "'");
        }
        return isSentinel(uri) ? 1 : 0;
    }

    /**
     * Parses and checks a Redis URI.
     *
     * @throws InvalidRedisUriException if it is not {@code redis://host[:port][/db]} (or rediss),
     *     or {@code redis-sentinel://host:port[,host:port…][/db]#primary} (or rediss-sentinel), or
     *     if it carries a user or password (those come from {@link RedisCredentials})
     */
    public static RedisURI parse(String redisUri) {
        Objects.requireNonNull(redisUri, "redisUri");
        String stripped = redisUri.strip();
        String lower = stripped.toLowerCase(Locale.ROOT);
        boolean sentinel = lower.startsWith("redis-sentinel://") || lower.startsWith("rediss-sentinel://");
        if (!lower.startsWith("redis://") && !lower.startsWith("rediss://") && !sentinel) {
            throw new InvalidRedisUriException(redisUri, null);
        }
        if (USERINFO.matcher(stripped).find()) {
            throw InvalidRedisUriException.withCredentials(redisUri);
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(stripped);
        } catch (IllegalArgumentException e) {
            throw new InvalidRedisUriException(redisUri, e);
        }
        if (sentinel) {
            if (uri.getSentinelMasterId() == null || uri.getSentinelMasterId().isBlank() || uri.getSentinels().isEmpty()
                    || uri.getSentinels().stream().anyMatch(s -> !isHost(s.getHost()))) {
                throw new InvalidRedisUriException(redisUri, null);
            }
        } else if (!isHost(uri.getHost())) {
            throw new InvalidRedisUriException(redisUri, null);
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        return uri;
    }

    private static boolean isHost(String host) {
        // "redis://:6379" leaves Lettuce with the host ":6379"; an IPv6 host has more than one colon.
        return host != null && !host.isBlank() && !(host.startsWith(":") && host.indexOf(':', 1) < 0);
    }

    /**
     * @return {@code uri} with any user and password replaced by {@code ***}, for messages about a
     *     URI that may not even parse
     */
    public static String redact(String uri) {
        return uri == null ? null : USERINFO.matcher(uri).replaceAll("***@");
    }

    /** The client options described in the class comment, trusting the JVM's default trust store. */
    public static ClientOptions clientOptions() {
        return clientOptions(RedisSettings.none());
    }

    /** The client options described in the class comment, trusting the CA or trust store of {@code settings}. */
    public static ClientOptions clientOptions(RedisSettings settings) {
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .requestQueueSize(REQUEST_QUEUE_SIZE)
                .pingBeforeActivateConnection(true)
                .timeoutOptions(TimeoutOptions.builder().timeoutCommands(true).timeoutSource(new BlockAwareTimeout()).build())
                .socketOptions(SocketOptions.builder()
                        .connectTimeout(CONNECT_TIMEOUT)
                        .keepAlive(true)
                        .tcpNoDelay(true)
                        .build())
                .sslOptions(sslOptions(settings))
                .build();
    }

    private static SslOptions sslOptions(RedisSettings settings) {
        SslOptions.Builder ssl = SslOptions.builder().jdkSslProvider();
        settings.trustStore().ifPresent(store -> ssl.keyStoreType("PKCS12")
                .truststore(SslOptions.Resource.from(store.toFile()), settings.trustStorePassword()));
        settings.caCertificate().ifPresent(ca -> ssl.trustManager(ca.toFile()));
        return ssl.build();
    }

    /**
     * Dials a new connection (UTF-8 strings). The caller owns it and closes it.
     *
     * @throws UnableToReachRedisException if Redis cannot be reached within the connect timeout,
     *     refuses the login or the TLS handshake fails (subclasses say which)
     */
    public StatefulRedisConnection<String, String> connect() {
        try {
            return client.connect(StringCodec.UTF8);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /**
     * Dials a new publish/subscribe connection (UTF-8 strings), with the same fail-fast options.
     * Lettuce subscribes its channels again after a reconnect (through a Sentinel URI, to the
     * current primary); messages published meanwhile are lost (pub/sub is a hint, DESIGN §7).
     * The caller owns it and closes it.
     *
     * @throws UnableToReachRedisException if Redis cannot be reached within the connect timeout
     */
    public StatefulRedisPubSubConnection<String, String> connectPubSub() {
        try {
            return client.connectPubSub(StringCodec.UTF8);
        } catch (RuntimeException e) {
            throw unreachable(e);
        }
    }

    /**
     * {@code host:port} of the server, for messages; for a Sentinel URI
     * {@code primary 'store' via sentinels 10.0.0.5:26379,10.0.0.6:26379}.
     */
    public String endpoint() {
        return endpoint;
    }

    /** The settings in use (credentials and trust); their toString hides the password. */
    public RedisSettings settings() {
        return settings;
    }

    /** The URI with any password left out. */
    public String safeUri() {
        return safeUri(uri);
    }

    /** {@code uri} with any user and password left out, for logs. */
    public static String safeUri(RedisURI uri) {
        if (isSentinel(uri)) {
            return (uri.isSsl() ? "rediss-sentinel://" : "redis-sentinel://") + uri.getSentinels().stream()
                    .map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","))
                    + "/" + uri.getDatabase() + "#" + uri.getSentinelMasterId();
        }
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    private static boolean isSentinel(RedisURI uri) {
        return uri.getSentinelMasterId() != null && !uri.getSentinels().isEmpty();
    }

    private static String endpointOf(RedisURI uri) {
        if (isSentinel(uri)) {
            return "primary '" + uri.getSentinelMasterId() + "' via sentinels " + uri.getSentinels().stream()
                    .map(s -> s.getHost() + ":" + s.getPort()).collect(Collectors.joining(","));
        }
        return uri.getHost() + ":" + uri.getPort();
    }

    /**
     * Wraps a failure to talk to this server in a sentence: a refused login
     * ({@link RedisLoginRefusedException}), a failed TLS handshake naming the certificate problem
     * ({@link RedisTlsHandshakeException}), sentinels that name no primary
     * ({@link NoRedisPrimaryException}), or else a plain reason ({@link #describe}).
     */
    public UnableToReachRedisException unreachable(Throwable cause) {
        String user = settings.credentials().map(RedisCredentials::username).orElse("default");
        for (Throwable t = cause; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (message.startsWith("WRONGPASS")) {
                return new RedisLoginRefusedException(endpoint, "wrong password (WRONGPASS)", "redis at " + endpoint
                        + " refused user '" + user + "': wrong password (WRONGPASS)", cause);
            }
            if (message.startsWith("NOAUTH")) {
                return new RedisLoginRefusedException(endpoint, "a user and password are required (NOAUTH)", "redis at "
                        + endpoint + " requires a user and password (NOAUTH) and none is configured: set "
                        + RedisCredentials.USER_VARIABLE + " and " + RedisCredentials.PASSWORD_FILE_VARIABLE, cause);
            }
            if (message.startsWith("NOPERM")) {
                return new RedisLoginRefusedException(endpoint, "the user may not connect (NOPERM)", "redis at " + endpoint
                        + " refused user '" + user + "' the command " + refusedCommand(message, "PING or HELLO")
                        + " while connecting (NOPERM): the ACL must allow it", cause);
            }
            if (t instanceof SSLException || t instanceof NotSslRecordException) {
                return new RedisTlsHandshakeException(endpoint, tlsProblem(cause), cause);
            }
            if (message.startsWith("Cannot provide redisAddress using sentinel")) {
                return new NoRedisPrimaryException(endpoint, "no sentinel names a primary '" + uri.getSentinelMasterId()
                        + "' (a wrong name, every sentinel down, or a failover under way)", cause);
            }
            if (t.getCause() == t) {
                break;
            }
        }
        String reason = describe(cause);
        String lower = reason.toLowerCase(Locale.ROOT);
        boolean droppedOrSilent = lower.contains("closed") || lower.contains("reset") || lower.startsWith("no reply");
        if (droppedOrSilent && !uri.isSsl()) {
            reason += " (a TLS-only Redis drops plain connections: should the URI be rediss://?)";
        } else if (droppedOrSilent) {
            reason += " (a plain Redis never answers a TLS client: should the URI be redis://?)";
        }
        return new UnableToReachRedisException(endpoint, reason, cause);
    }

    /**
     * Turns a NOPERM error reply into a {@link RedisPermissionDeniedException} naming the user, the
     * command and the key; any other failure comes back unwrapped as it is (a checked one as
     * {@link #unreachable}).
     *
     * @param failure a Redis error reply, possibly wrapped (ExecutionException, CompletionException)
     * @param command the command that was sent, e.g. {@code SET}, or null to take Redis' word for it
     * @param key its key, or null
     */
    public RuntimeException explainRefusal(Throwable failure, String command, String key) {
        Throwable cause = RedisLink.unwrap(failure);
        if (cause instanceof RedisCommandExecutionException reply && String.valueOf(reply.getMessage()).startsWith("NOPERM")) {
            String user = settings.credentials().map(RedisCredentials::username).orElse("default");
            String named = command != null ? command.toUpperCase(Locale.ROOT) : refusedCommand(reply.getMessage(), "a command");
            String what = named.equals("a command") ? named : "the command " + named;
            return new RedisPermissionDeniedException("redis at " + endpoint + " refused user '" + user + "' " + what
                    + (key != null ? " on key '" + key + "'" : "") + " (" + reply.getMessage()
                    + "): the ACL must allow it", named, key, reply);
        }
        return cause instanceof RuntimeException runtime ? runtime : unreachable(cause);
    }

    private static String refusedCommand(String nopermMessage, String otherwise) {
        Matcher matcher = NOPERM_COMMAND.matcher(String.valueOf(nopermMessage));
        return matcher.find() ? matcher.group(1).toUpperCase(Locale.ROOT) : otherwise;
    }

    /** What went wrong in a TLS handshake, in words: which certificate check failed, or no TLS at all. */
    private String tlsProblem(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            String message = String.valueOf(t.getMessage());
            if (t instanceof CertificateExpiredException) {
                return "the server's certificate has expired (" + message + ")";
            }
            if (t instanceof CertificateNotYetValidException) {
                return "the server's certificate is not valid yet (" + message + ")";
            }
            if (t instanceof CertPathBuilderException || message.contains("unable to find valid certification path")
                    || message.contains("does not chain with any of the trust anchors")) {
                return "the server's certificate is not signed by a CA in " + settings.trustSource();
            }
            if (message.contains("No subject alternative") || message.contains("No name matching")) {
                return "the server's certificate is not issued for the host dialled (hostname verification: " + message + ")";
            }
            if (t instanceof CertPathValidatorException) {
                return "the server's certificate chain does not validate against " + settings.trustSource() + " ("
                        + message + ")";
            }
            if (t instanceof NotSslRecordException || message.contains("not an SSL/TLS record")
                    || message.contains("Unsupported or unrecognized SSL message")) {
                return "the server does not speak TLS on this port (a plain Redis wants redis://)";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return String.valueOf(root.getMessage());
    }

    /**
     * A plain reason for a failure to talk to Redis: "connection refused", "connect timed out",
     * "no reply within 2 s", "not connected", "unknown host", or the root cause's message.
     */
    public static String describe(Throwable failure) {
        Throwable root = failure;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            root = t;
            if (t instanceof ConnectException && !(t instanceof NoRouteToHostException)) {
                String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                return message.contains("refused") ? "connection refused" : t.getMessage();
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof io.netty.channel.ConnectTimeoutException) {
                return "connect timed out after " + CONNECT_TIMEOUT.toSeconds() + " s";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof RedisCommandTimeoutException) {
                return "no reply within " + COMMAND_TIMEOUT.toSeconds() + " s";
            }
            if (t instanceof ClosedChannelException) {
                return "connection closed";
            }
            if (t instanceof RedisException && String.valueOf(t.getMessage()).contains("not connected")) {
                return "not connected";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        if (root instanceof RedisConnectionException && root.getMessage() != null) {
            return root.getMessage();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    /** Closes every connection made here and the client's threads. */
    @Override
    public void close() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        resources.shutdown(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(3_000); // ours, not the client's: it does not shut down resources it was given
    }

    /** A fixed timeout, plus the longest block for blocking reads (their BLOCK must be at most {@link #MAX_BLOCK}). */
    private static final class BlockAwareTimeout extends TimeoutOptions.TimeoutSource {
        @Override
        public long getTimeout(RedisCommand<?, ?, ?> command) {
            ProtocolKeyword type = command.getType();
            Duration timeout = type instanceof CommandType commandType && BLOCKING.contains(commandType)
                    ? COMMAND_TIMEOUT.plus(MAX_BLOCK) : COMMAND_TIMEOUT;
            return timeout.toNanos();
        }

        @Override
        public TimeUnit getTimeUnit() {
            return TimeUnit.NANOSECONDS;
        }
    }
}
