package pos.contract.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds Lettuce connections to one Redis server that fail fast while it is unreachable
 * (DESIGN §7, lettuce #508/#1843): commands are rejected rather than queued while disconnected
 * ({@code REJECT_COMMANDS}), the request queue is bounded, every command has a fixed timeout,
 * connecting has a timeout and TCP keepalive is on; Lettuce reconnects by itself. Blocking
 * commands (XREADGROUP … BLOCK) get their block time on top of the command timeout and belong on
 * a connection of their own ({@link #connect()} once more). Thread-safe.
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

    private static final Set<CommandType> BLOCKING = EnumSet.of(CommandType.XREAD, CommandType.XREADGROUP,
            CommandType.BLPOP, CommandType.BRPOP, CommandType.BZPOPMIN, CommandType.BZPOPMAX);

    private final RedisURI uri;
    private final String endpoint;
    private final RedisClient client;

    private RedisConnections(RedisURI uri) {
        this.uri = uri;
        this.endpoint = uri.getHost() + ":" + uri.getPort();
        this.client = RedisClient.create(uri);
        this.client.setOptions(clientOptions());
    }

    /**
     * Prepares connections to the Redis at {@code redisUri} ({@code redis://host:port/db},
     * {@code rediss://} for TLS). Nothing is dialled yet.
     *
     * @throws InvalidRedisUriException if the URI is not a Redis URI
     */
    public static RedisConnections create(String redisUri) {
        return new RedisConnections(parse(redisUri));
    }

    /**
     * Parses and checks a Redis URI.
     *
     * @throws InvalidRedisUriException if it is not {@code redis://host[:port][/db]} (or rediss)
     */
    public static RedisURI parse(String redisUri) {
        Objects.requireNonNull(redisUri, "redisUri");
        String lower = redisUri.strip().toLowerCase(Locale.ROOT);
        if (!lower.startsWith("redis://") && !lower.startsWith("rediss://")) {
            throw new InvalidRedisUriException(redisUri, null);
        }
        RedisURI uri;
        try {
            uri = RedisURI.create(redisUri.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidRedisUriException(redisUri, e);
        }
        String host = uri.getHost();
        // "redis://:6379" leaves Lettuce with the host ":6379"; an IPv6 host has more than one colon.
        if (host == null || host.isBlank() || (host.startsWith(":") && host.indexOf(':', 1) < 0)) {
            throw new InvalidRedisUriException(redisUri, null);
        }
        uri.setTimeout(COMMAND_TIMEOUT);
        return uri;
    }

    /** The client options described in the class comment. */
    public static ClientOptions clientOptions() {
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
                .build();
    }

    /**
     * Dials a new connection (UTF-8 strings). The caller owns it and closes it.
     *
     * @throws UnableToReachRedisException if Redis cannot be reached within the connect timeout
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
     * Lettuce subscribes its channels again after a reconnect; messages published meanwhile are
     * lost (pub/sub is a hint, DESIGN §7). The caller owns it and closes it.
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

    /** {@code host:port} of the server, for messages. */
    public String endpoint() {
        return endpoint;
    }

    /** The URI with any password left out. */
    public String safeUri() {
        return safeUri(uri);
    }

    /** {@code uri} with any password left out, for logs. */
    public static String safeUri(RedisURI uri) {
        return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort() + "/" + uri.getDatabase();
    }

    /** Wraps a failure to talk to this server, with a plain reason ({@link #describe}). */
    public UnableToReachRedisException unreachable(Throwable cause) {
        return new UnableToReachRedisException(endpoint, describe(cause), cause);
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
