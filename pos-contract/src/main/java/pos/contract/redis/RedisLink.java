package pos.contract.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lazily dialled connection for one purpose (e.g. the outbox's writes, the archiver's
 * blocking reads). After a failure that is not a Redis error reply, the connection is dropped and
 * the next {@link #get()} dials afresh, so a long outage and a Redis that was down at start take
 * the same path, and the failure's reason stays precise ("connection refused", not "not
 * connected"). Thread-safe.
 */
public final class RedisLink implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisLink.class);

    private final RedisConnections connections;
    private final String purpose;
    private StatefulRedisConnection<String, String> connection; // guarded by this
    private boolean closed; // guarded by this

    public RedisLink(RedisConnections connections, String purpose) {
        this.connections = Objects.requireNonNull(connections, "connections");
        this.purpose = Objects.requireNonNull(purpose, "purpose");
    }

    /**
     * The connection, dialled if needed.
     *
     * @throws UnableToReachRedisException if Redis cannot be reached
     */
    public synchronized StatefulRedisConnection<String, String> get() {
        if (closed) {
            throw new UnableToReachRedisException(connections.endpoint(), "the " + purpose + " link is closed", null);
        }
        if (connection == null || !connection.isOpen()) {
            dropLocked();
            connection = connections.connect();
            log.debug("Connected the {} link to redis {}", purpose, connections.endpoint());
        }
        return connection;
    }

    /**
     * Waits until this link's writes so far reached the replicas a write needs
     * ({@link RedisConnections#awaitReplication}); at once when none are asked for.
     *
     * @throws UnableToReachRedisException if they did not in time: the write does not count yet
     */
    public void awaitReplication(String what) {
        if (connections.replicasToWait() > 0) {
            connections.awaitReplication(get().sync(), what);
        }
    }

    /**
     * Turns a failure of a command on this link into the exception to throw. A refused command
     * (NOPERM) becomes a {@link RedisPermissionDeniedException} naming the user and the command;
     * any other Redis error reply ({@link RedisCommandExecutionException}) is returned unwrapped as
     * it is; anything else drops the connection and becomes an {@link UnableToReachRedisException}.
     */
    public RuntimeException failed(Throwable failure) {
        return failed(failure, null, null);
    }

    /**
     * Like {@link #failed(Throwable)}, naming {@code command} and {@code key} when Redis refused it (NOPERM).
     *
     * @param command the command sent, e.g. {@code HSET}
     * @param key its key, or null
     */
    public RuntimeException failed(Throwable failure, String command, String key) {
        Throwable cause = unwrap(failure);
        if (cause instanceof RedisCommandExecutionException reply) {
            return String.valueOf(reply.getMessage()).startsWith("NOPERM")
                    ? connections.explainRefusal(reply, command, key) : reply;
        }
        if (cause instanceof UnableToReachRedisException unreachable) {
            return unreachable;
        }
        synchronized (this) {
            dropLocked();
        }
        return connections.unreachable(cause);
    }

    /** The failure inside an ExecutionException or CompletionException. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof ExecutionException || t instanceof CompletionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** {@code host:port} of the server. */
    public String endpoint() {
        return connections.endpoint();
    }

    private void dropLocked() {
        if (connection != null) {
            StatefulRedisConnection<String, String> old = connection;
            connection = null;
            old.closeAsync();
        }
    }

    /** Closes the connection; pending commands on it fail. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (connection != null) {
            StatefulRedisConnection<String, String> old = connection;
            connection = null;
            old.close(); // synchronously, so that closing the client next does not close it twice
        }
    }
}
