package pos.testkit.redis;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import pos.testkit.TestkitException;
import pos.testkit.UnableToReachServerException;
import pos.testkit.UnableToStartServerException;

/**
 * A Redis primary, one replica ({@code replicaof}) and three Sentinels, all real child processes
 * on free loopback ports with throw-away directories, for failover tests. The sentinels monitor
 * the primary with quorum 2, {@code down-after-milliseconds} 1000 and {@code failover-timeout}
 * 2000, so a killed primary is replaced in a few seconds. Thread-safe: life-cycle methods are
 * synchronized.
 *
 * <pre>{@code
 * try (RedisSentinelSet set = RedisSentinelSet.builder().build().start()) {
 *     RedisClient client = RedisClient.create(set.sentinelUri());
 *     ...
 *     RedisProcess old = set.killPrimary();
 *     RedisProcess promoted = set.awaitNewPrimary(old, Duration.ofSeconds(15));
 * }
 * }</pre>
 *
 * <p>With {@link Builder#aclUser} the data nodes get ACLs (the {@code default} user off) and
 * the same users and passwords on both, plus {@link RedisProcess#REPLICA_USER} for replication
 * and {@link #SENTINEL_USER} for the sentinels ({@code sentinel auth-user}/{@code auth-pass} in
 * their configuration files, never on a command line). The sentinels themselves take no password.
 */
public final class RedisSentinelSet implements AutoCloseable {

    /** The ACL user the sentinels log in to the data nodes as. */
    public static final String SENTINEL_USER = "pos-sentinel";
    /** The Sentinel's needs, as the Redis documentation lists them. */
    static final String SENTINEL_RULES = "allchannels +multi +slaveof +ping +exec +subscribe +config|rewrite +role"
            + " +publish +info +client|setname +client|kill +script|kill";
    private static final int SENTINELS = 3;
    private static final Duration POLL = Duration.ofMillis(50);

    private final String primaryName;
    private final Duration downAfter;
    private final Duration failoverTimeout;
    private final Map<String, String> aclRules;
    private final Map<String, String> passwords = new LinkedHashMap<>();
    private final List<RedisProcess> dataNodes = new ArrayList<>();
    private final List<RedisProcess> sentinels = new ArrayList<>();
    private boolean started;
    private boolean closed;

    private RedisSentinelSet(Builder builder) {
        this.primaryName = builder.primaryName;
        this.downAfter = builder.downAfter;
        this.failoverTimeout = builder.failoverTimeout;
        this.aclRules = new LinkedHashMap<>(builder.aclRules);
        if (!aclRules.isEmpty()) {
            aclRules.put(RedisProcess.REPLICA_USER, RedisProcess.REPLICA_RULES);
            aclRules.put(SENTINEL_USER, SENTINEL_RULES);
            aclRules.keySet().forEach(user -> passwords.put(user, RedisProcess.newPassword()));
        }
    }

    /** @return a builder; the defaults need no changes for a plain failover test */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the primary, then the replica (waiting until it has synced), then the sentinels
     * (waiting until each knows the replica and the two other sentinels, so a failover can
     * happen at once).
     *
     * @return this, for chaining
     * @throws UnableToStartServerException when a process does not start or the set does not form in 20 s
     */
    public synchronized RedisSentinelSet start() {
        if (closed) {
            throw new IllegalStateException("this RedisSentinelSet was closed; create a new one");
        }
        if (started) {
            return this;
        }
        started = true;
        try {
            RedisProcess primary = dataNode(null).start();
            dataNodes.add(primary);
            RedisProcess replica = dataNode(primary).start();
            dataNodes.add(replica);
            awaitCondition("the replica " + replica.port() + " synced with the primary " + primary.port(),
                    Duration.ofSeconds(20), () -> String.valueOf(replica.call("INFO", "replication"))
                            .contains("master_link_status:up"));
            for (int i = 0; i < SENTINELS; i++) {
                sentinels.add(RedisProcess.builder().sentinel(sentinelConfig(primary.port())).build().start());
            }
            for (RedisProcess sentinel : sentinels) {
                awaitCondition("sentinel " + sentinel.port() + " knows the replica and the other sentinels",
                        Duration.ofSeconds(20), () -> {
                            Map<String, String> state = pairs(sentinel.call("SENTINEL", "MASTER", primaryName));
                            return Integer.parseInt(state.get("num-slaves")) >= 1
                                    && Integer.parseInt(state.get("num-other-sentinels")) >= SENTINELS - 1;
                        });
            }
            return this;
        } catch (RuntimeException e) {
            closeQuietlyAfter(e);
            throw e;
        }
    }

    /** @return the name the sentinels monitor the primary under, e.g. {@code store} */
    public String primaryName() {
        return primaryName;
    }

    /**
     * @return the sentinels' addresses as a Lettuce URI, e.g.
     *     {@code redis-sentinel://127.0.0.1:20001,127.0.0.1:20002,127.0.0.1:20003/0#store}
     */
    public synchronized String sentinelUri() {
        requireStarted();
        return "redis-sentinel://" + sentinels.stream().map(s -> s.host() + ":" + s.port()).collect(Collectors.joining(","))
                + "/0#" + primaryName;
    }

    /** @return the three sentinels */
    public synchronized List<RedisProcess> sentinels() {
        return List.copyOf(sentinels);
    }

    /** @return the data nodes: the first primary, then the first replica */
    public synchronized List<RedisProcess> dataNodes() {
        return List.copyOf(dataNodes);
    }

    /**
     * @return the data node the first answering sentinel names as primary right now
     * @throws UnableToReachServerException when no sentinel answers
     */
    public synchronized RedisProcess primary() {
        requireStarted();
        return nodeOnPort(primaryPortByMajority(true));
    }

    /**
     * Kills the current primary with SIGKILL, as a crash would. Its directory is kept; it can be
     * started again ({@link RedisProcess#start()}), and the sentinels then make it a replica.
     *
     * @return the killed process
     */
    public synchronized RedisProcess killPrimary() {
        RedisProcess primary = primary();
        primary.kill();
        return primary;
    }

    /**
     * Waits until a majority of the sentinels name a primary other than {@code old} and that node
     * answers as a primary ({@code ROLE} is {@code master}).
     *
     * @return the new primary
     * @throws TestkitException when that does not happen within {@code timeout}; the message carries
     *     what each sentinel said and the tail of their logs
     */
    public RedisProcess awaitNewPrimary(RedisProcess old, Duration timeout) {
        try {
            return await("a new primary for '" + primaryName + "' other than " + old.port())
                    .atMost(timeout).pollInterval(POLL)
                    .until(() -> newPrimary(old), Optional::isPresent)
                    .orElseThrow();
        } catch (ConditionTimeoutException notYet) {
            // reported below with what each sentinel said
        }
        StringBuilder report = new StringBuilder("no new primary for '" + primaryName + "' within "
                + timeout.toMillis() + " ms after " + old.port() + " went away; sentinels say:");
        for (RedisProcess sentinel : sentinels()) {
            report.append("\n  ").append(sentinel.port()).append(": ").append(askQuietly(sentinel))
                    .append(sentinel.logTail());
        }
        throw new TestkitException(report.toString());
    }

    private Optional<RedisProcess> newPrimary(RedisProcess old) {
        int port;
        synchronized (this) {
            port = primaryPortByMajority(false);
        }
        if (port > 0 && port != old.port()) {
            RedisProcess candidate = nodeOnPort(port);
            Object role = candidate.isRunning() ? candidate.call("ROLE") : null;
            if (role instanceof List<?> parts && "master".equals(parts.get(0))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Starts a killed data node again and makes it a replica of the current primary at once
     * ({@code REPLICAOF}), as an operator would, instead of waiting up to 10 s for a Sentinel to
     * notice it and do the same; waits until it has synced.
     *
     * @param old a data node of this set that is not running
     * @return {@code old}, running as a replica
     */
    public RedisProcess rejoin(RedisProcess old) {
        RedisProcess primary = primary();
        if (primary == old) {
            throw new IllegalStateException("the sentinels still name " + old.port() + " the primary; await a new primary first");
        }
        old.start();
        old.call("REPLICAOF", primary.host(), Integer.toString(primary.port()));
        awaitCondition("the old primary " + old.port() + " synced with the new primary " + primary.port(),
                Duration.ofSeconds(20), () -> String.valueOf(old.call("INFO", "replication")).contains("master_link_status:up"));
        return old;
    }

    /**
     * @param user an ACL user given to {@link Builder#aclUser}, or {@link RedisProcess#REPLICA_USER}/{@link #SENTINEL_USER}
     * @return its password, the same on every data node
     */
    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("this sentinel set has no ACL user '" + user + "'; it has " + passwords.keySet());
        }
        return password;
    }

    /** Kills every process and deletes every directory. Closing twice is harmless. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException first = null;
        for (RedisProcess process : all()) {
            try {
                process.close();
            } catch (RuntimeException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    @Override
    public synchronized String toString() {
        return "redis sentinel set '" + primaryName + "': data nodes "
                + dataNodes.stream().map(n -> Integer.toString(n.port())).collect(Collectors.joining(","))
                + ", sentinels " + sentinels.stream().map(n -> Integer.toString(n.port())).collect(Collectors.joining(","));
    }

    private RedisProcess dataNode(RedisProcess primaryOrNull) {
        // no 5 s wait before a full sync (the default for disk-less sync): replicas sync at once
        RedisProcess.Builder builder = RedisProcess.builder().extraArguments("--repl-diskless-sync-delay", "0");
        aclRules.forEach((user, rules) -> builder.aclUser(user, rules, passwords.get(user)));
        if (primaryOrNull != null) {
            builder.replicaOf(primaryOrNull);
        }
        return builder.build();
    }

    private List<String> sentinelConfig(int primaryPort) {
        List<String> lines = new ArrayList<>(List.of(
                "sentinel monitor " + primaryName + " 127.0.0.1 " + primaryPort + " 2",
                "sentinel down-after-milliseconds " + primaryName + " " + downAfter.toMillis(),
                "sentinel failover-timeout " + primaryName + " " + failoverTimeout.toMillis(),
                "sentinel parallel-syncs " + primaryName + " 1"));
        if (!passwords.isEmpty()) {
            lines.add("sentinel auth-user " + primaryName + " " + SENTINEL_USER);
            lines.add("sentinel auth-pass " + primaryName + " " + passwords.get(SENTINEL_USER));
        }
        return lines;
    }

    /**
     * @param any true: the first answer; false: the port named by a majority of sentinels
     * @return the port, or 0 when there is no majority
     */
    private int primaryPortByMajority(boolean any) {
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        UnableToReachServerException lastFailure = null;
        for (RedisProcess sentinel : sentinels) {
            if (!sentinel.isRunning()) {
                continue;
            }
            try {
                Object reply = sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", primaryName);
                if (reply instanceof List<?> address && address.size() == 2) {
                    int port = Integer.parseInt(String.valueOf(address.get(1)));
                    if (any) {
                        return port;
                    }
                    votes.merge(port, 1, Integer::sum);
                }
            } catch (UnableToReachServerException e) {
                lastFailure = e; // another sentinel may answer
            }
        }
        if (any) {
            throw new UnableToReachServerException("no sentinel of " + this + " names a primary for '" + primaryName + "'",
                    lastFailure);
        }
        return votes.entrySet().stream().filter(e -> e.getValue() > SENTINELS / 2).map(Map.Entry::getKey)
                .findFirst().orElse(0);
    }

    private RedisProcess nodeOnPort(int port) {
        synchronized (this) {
            return dataNodes.stream().filter(n -> n.port() == port).findFirst()
                    .orElseThrow(() -> new TestkitException("the sentinels name port " + port
                            + " as primary, which is none of " + this));
        }
    }

    private String askQuietly(RedisProcess sentinel) {
        try {
            return String.valueOf(sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", primaryName));
        } catch (RuntimeException e) {
            return "(no answer: " + e.getMessage() + ")"; // this is the failure report itself
        }
    }

    private List<RedisProcess> all() {
        List<RedisProcess> all = new ArrayList<>(sentinels);
        all.addAll(dataNodes);
        return all;
    }

    private void closeQuietlyAfter(RuntimeException failure) {
        try {
            close();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private void requireStarted() {
        if (!started || closed) {
            throw new IllegalStateException("this RedisSentinelSet is not running; call start()");
        }
    }

    private static Map<String, String> pairs(Object reply) {
        Map<String, String> map = new LinkedHashMap<>();
        if (reply instanceof List<?> list) {
            for (int i = 0; i + 1 < list.size(); i += 2) {
                map.put(String.valueOf(list.get(i)), String.valueOf(list.get(i + 1)));
            }
        }
        return map;
    }

    /** Waits, ignoring a node's errors while it is still starting; a timeout is an {@link UnableToStartServerException}. */
    private static void awaitCondition(String what, Duration timeout, Callable<Boolean> condition) {
        try {
            await(what).atMost(timeout).pollInterval(POLL).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new UnableToStartServerException("not true after " + timeout.toMillis() + " ms: " + what, e);
        }
    }

    /** Options for a {@link RedisSentinelSet}. Not thread-safe; use from one thread, then {@link #build()}. */
    public static final class Builder {
        private String primaryName = "store";
        private Duration downAfter = Duration.ofMillis(1000);
        private Duration failoverTimeout = Duration.ofMillis(2000);
        private final Map<String, String> aclRules = new LinkedHashMap<>();

        private Builder() {
        }

        /** @param primaryName the name the sentinels monitor the primary under (default {@code store}) */
        public Builder primaryName(String primaryName) {
            this.primaryName = Objects.requireNonNull(primaryName, "primaryName");
            return this;
        }

        /** @param downAfter {@code down-after-milliseconds} (default 1 s) */
        public Builder downAfter(Duration downAfter) {
            this.downAfter = Objects.requireNonNull(downAfter, "downAfter");
            return this;
        }

        /** @param failoverTimeout {@code failover-timeout} (default 2 s) */
        public Builder failoverTimeout(Duration failoverTimeout) {
            this.failoverTimeout = Objects.requireNonNull(failoverTimeout, "failoverTimeout");
            return this;
        }

        /**
         * Adds an ACL user, with the same random password on every data node; see
         * {@link RedisProcess.Builder#aclUser}.
         */
        public Builder aclUser(String user, String rules) {
            aclRules.put(Objects.requireNonNull(user, "user"), Objects.requireNonNull(rules, "rules"));
            return this;
        }

        /** @return a new set, not yet started */
        public RedisSentinelSet build() {
            return new RedisSentinelSet(this);
        }
    }
}
