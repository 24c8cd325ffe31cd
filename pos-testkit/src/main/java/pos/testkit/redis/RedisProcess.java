package pos.testkit.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import pos.testkit.MissingServerBinaryException;
import pos.testkit.UnableToReachServerException;
import pos.testkit.UnableToStartServerException;
import pos.testkit.internal.Binaries;
import pos.testkit.internal.ChildServer;
import pos.testkit.internal.InstanceDir;
import pos.testkit.tls.ThrowAwayCertificates;

/**
 * A real {@code redis-server} run as a child process of the test JVM, on a free port of
 * 127.0.0.1, with a throw-away data directory. Thread-safe: life-cycle methods are synchronized,
 * {@link #call} may be used from any thread.
 *
 * <p>By default the append-only file is on ({@code appendfsync everysec}) and RDB snapshots are
 * off, so data written before a {@link #stop()} or {@link #restart()} is there again after the
 * next {@link #start()}. After a {@link #kill()} that holds for every acknowledged write only
 * with {@link AppendFsync#ALWAYS}: under {@code everysec} Redis may postpone writing the AOF for
 * up to two seconds while a background fsync is slow, and still reply. The server listens on
 * the same port for its whole life, so clients can reconnect after a restart.
 *
 * <pre>{@code
 * try (RedisProcess redis = new RedisProcess().start()) {
 *     redis.call("SET", "greeting", "hello");
 *     RedisClient client = RedisClient.create(redis.uri());
 *     ...
 * }
 * }</pre>
 *
 * <p>The process dies with the JVM, even if the JVM is killed (see {@code pos.testkit.internal.Reaper}).
 *
 * <p>Secured variants ({@link Builder#tls()}, {@link Builder#aclUser}): TLS-only servers
 * ({@code port 0}, {@code tls-port}) with a throw-away CA, and ACL users with random passwords
 * and the {@code default} user off. Everything secret (key paths, password hashes, the
 * replication password) is in {@code redis.conf} and {@code users.acl} (mode 0600) in the data
 * directory; redis-server's command line carries no secret. {@link #call} and the readiness
 * probe then speak TLS and log in as {@link #ADMIN_USER}.
 */
public final class RedisProcess implements AutoCloseable {

    /** How Redis fsyncs its append-only file ({@code appendfsync}). Immutable. */
    public enum AppendFsync {
        /** fsync after every write command: nothing acknowledged is ever lost. */
        ALWAYS,
        /** fsync once a second (Redis' default): a kill or crash may lose up to about two seconds. */
        EVERYSEC,
        /** leave flushing to the OS. */
        NO
    }

    /** The harness' own ACL user (all commands, keys and channels), used by {@link #call} when ACLs are on. */
    public static final String ADMIN_USER = "pos-testkit-admin";
    /** The ACL user replicas log in to their primary as (replication commands only). */
    public static final String REPLICA_USER = "pos-replica";
    /** ACL rules of {@link #REPLICA_USER}, as the Redis documentation gives them. */
    static final String REPLICA_RULES = "+psync +replconf +ping";

    private static final String HOST = "127.0.0.1";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration PROBE_TIMEOUT = Duration.ofMillis(500);

    private final Options options;
    private final Path binary;
    private final InstanceDir dir;
    private final ChildServer server;
    private final ThrowAwayCertificates certificates;
    private final Map<String, String> passwords;
    private final Path configFile;
    private Duration lastStartDuration = Duration.ZERO;
    private boolean closed;

    /**
     * Prepares a Redis with the default options (append-only file on, fsync every second);
     * call {@link #start()} to run it.
     *
     * @throws MissingServerBinaryException when {@code redis-server} is not installed
     */
    public RedisProcess() {
        this(new Builder());
    }

    private RedisProcess(Builder builder) {
        this.options = new Options(builder);
        this.binary = builder.binary != null ? builder.binary : defaultBinary(options.sentinelConfig != null);
        this.dir = InstanceDir.create(options.sentinelConfig != null ? "sentinel" : "redis");
        this.certificates = options.tls ? ThrowAwayCertificates.generate(dir.resolve("tls"), options.subjectAltNames) : null;
        this.passwords = new LinkedHashMap<>();
        if (!options.aclRules.isEmpty()) {
            passwords.put(ADMIN_USER, newPassword());
            options.aclRules.keySet().forEach(user -> passwords.put(user, builder.presetPasswords.containsKey(user)
                    ? builder.presetPasswords.get(user) : newPassword()));
        }
        this.configFile = dir.resolve(options.sentinelConfig != null ? "sentinel.conf" : "redis.conf");
        writeConfig();
        Path log = dir.resolve("redis.log");
        this.server = new ChildServer(options.sentinelConfig != null ? "redis-sentinel" : "redis-server", dir, log,
                this::commandLine, this::answersPing, builder.startTimeout, builder.stopTimeout);
    }

    private static Path defaultBinary(boolean sentinel) {
        if (sentinel) {
            try {
                return Binaries.find("redis-sentinel", "redis-sentinel");
            } catch (MissingServerBinaryException noSentinelProgram) {
                // redis-server --sentinel is the same program in sentinel mode (see commandLine)
                return Binaries.find("redis-server", "redis-server");
            }
        }
        return Binaries.find("redis-server", "redis-server");
    }

    /** Generates a random password: 24 characters of base64url (144 bits). */
    static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** @return a builder for a Redis with non-default options */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server and waits until it answers {@code PING}. The first start picks a free
     * port; later starts reuse it. Does nothing when the server is already running.
     *
     * @return this, for chaining
     * @throws UnableToStartServerException when it exits or does not answer in time; the message
     *     carries the tail of its log
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized RedisProcess start() {
        requireOpen();
        Duration took = server.start();
        if (!took.isZero()) {
            lastStartDuration = took;
        }
        return this;
    }

    /**
     * Stops the server gracefully (SIGTERM: Redis flushes and fsyncs its append-only file) and
     * waits for it to exit; SIGKILL if it takes longer than the stop timeout. Does nothing when
     * it is not running. The data directory is kept.
     */
    public synchronized void stop() {
        server.stop();
    }

    /**
     * Kills the server with SIGKILL, as a crash would, and waits for it to be gone. Does nothing
     * when it is not running. The data directory is kept.
     */
    public synchronized void kill() {
        server.kill();
    }

    /**
     * Stops the server if it is running, then starts it again on the same port with the same
     * data directory.
     *
     * @return this, for chaining
     * @throws UnableToStartServerException when it cannot start again (for instance because
     *     another process took the port meanwhile)
     */
    public synchronized RedisProcess restart() {
        requireOpen();
        server.stop();
        return start();
    }

    /** @return whether the server process is alive (it may still be loading right after a crash) */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** @return the host to connect to, always {@code 127.0.0.1} */
    public String host() {
        return HOST;
    }

    /**
     * @return the port; stable across restarts
     * @throws IllegalStateException before the first {@link #start()}
     */
    public int port() {
        int port = server.port();
        if (port == 0) {
            throw new IllegalStateException("redis-server has not been started yet; call start() first");
        }
        return port;
    }

    /**
     * @return the address as a Redis URI, e.g. {@code redis://127.0.0.1:23817} ({@code rediss://}
     *     for a TLS server), as Lettuce accepts it; never with credentials in it
     */
    public String uri() {
        return (options.tls ? "rediss://" : "redis://") + HOST + ":" + port();
    }

    /** @return whether this server speaks TLS only */
    public boolean isTls() {
        return options.tls;
    }

    /**
     * @return the throw-away CA, server certificate and trust store of this TLS server
     * @throws IllegalStateException when the server was not built with {@link Builder#tls()}
     */
    public ThrowAwayCertificates tlsFiles() {
        if (certificates == null) {
            throw new IllegalStateException("this redis-server has no TLS; build it with RedisProcess.builder().tls()");
        }
        return certificates;
    }

    /** @return the ACL users with passwords, {@link #ADMIN_USER} first; empty without ACLs */
    public Set<String> aclUsers() {
        return java.util.Collections.unmodifiableSet(passwords.keySet());
    }

    /**
     * @param user an ACL user configured through {@link Builder#aclUser} (or {@link #ADMIN_USER})
     * @return its password, random per instance
     * @throws IllegalArgumentException for a user this server does not have
     */
    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("redis-server " + this + " has no ACL user '" + user + "'; it has " + aclUsers());
        }
        return password;
    }

    /** @return the configuration file redis-server reads (mode 0600), with TLS and ACL settings */
    public Path configFile() {
        return configFile;
    }

    /** @return the data directory (append-only file, {@code redis.log}); deleted by {@link #close()} */
    public Path dataDir() {
        return dir.path();
    }

    /** @return the pid of the current (or last) server process, or -1 before the first start */
    public long pid() {
        return server.pid();
    }

    /** @return how long the latest actual start took, from launch to the first PONG */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    /** @return the last lines of the server's log, for diagnosing a failing test */
    public String logTail() {
        return server.logTail();
    }

    /**
     * Sends one command over a fresh connection and returns the reply. Meant for test set-up and
     * assertions, not for the code under test (that uses Lettuce).
     *
     * @param command the command and its arguments, e.g. {@code "SET", "key", "value"}
     * @return a String (simple or bulk string), a Long (integer), null (nil) or a List of these
     * @throws RedisErrorReplyException when Redis answers with an error
     * @throws UnableToReachServerException when the connection fails or times out
     */
    public Object call(String... command) {
        return callAs(passwords.isEmpty() ? null : ADMIN_USER, command);
    }

    /**
     * Sends one command as the ACL user {@code user} (after AUTH with its password) over a fresh
     * connection, to check what that user may do.
     *
     * @param user an ACL user of this server, or null to send no AUTH
     * @throws RedisErrorReplyException when Redis answers with an error (WRONGPASS, NOPERM, ...)
     * @throws UnableToReachServerException when the connection fails or times out
     */
    public Object callAs(String user, String... command) {
        int port = port();
        try {
            return Resp.call(target(port, user), CALL_TIMEOUT, command);
        } catch (IOException e) {
            throw new UnableToReachServerException("cannot send " + (command.length > 0 ? command[0] : "(nothing)")
                    + " to redis-server at " + HOST + ":" + port + (isRunning() ? "" : " (it is not running)"), e);
        }
    }

    private Resp.Target target(int port, String user) {
        boolean certificateNamesHost = certificates != null && certificates.subjectAltNames().contains("IP:" + HOST);
        return new Resp.Target(HOST, port, certificates == null ? null
                : (host, onPort, millis) -> certificates.openSocket(host, onPort, millis, certificateNamesHost), user,
                user == null ? null : password(user));
    }

    /** @return whether the server answers {@code PING} with {@code PONG} right now */
    public boolean ping() {
        try {
            return answersPing(port());
        } catch (IOException | RedisErrorReplyException notAnswering) {
            return false; // the answer to "does it answer?" is no
        }
    }

    /**
     * Deletes every key in every database ({@code FLUSHALL SYNC}).
     *
     * @throws UnableToReachServerException when the server cannot be reached
     */
    public void flushAll() {
        call("FLUSHALL", "SYNC");
    }

    /**
     * Kills the server and deletes its data directory. Closing twice is harmless; the instance
     * cannot be started again.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.kill();
        dir.delete();
    }

    @Override
    public String toString() {
        int port = server.port();
        return (options.sentinelConfig != null ? "redis-sentinel" : "redis-server") + " at "
                + (port == 0 ? "(not started)" : HOST + ":" + port) + (options.tls ? " (TLS)" : "") + " in " + dir;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this RedisProcess was closed; create a new one");
        }
    }

    private boolean answersPing(int port) throws IOException {
        try {
            return "PONG".equals(Resp.call(target(port, passwords.isEmpty() ? null : ADMIN_USER), PROBE_TIMEOUT, "PING"));
        } catch (RedisErrorReplyException e) {
            if (e.reply().startsWith("LOADING")) {
                return false; // replaying the append-only file after a restart
            }
            throw e;
        }
    }

    /**
     * Writes redis.conf (or sentinel.conf) and users.acl, both mode 0600, once: Sentinel rewrites
     * these files (CONFIG REWRITE, its own state), so a restart must not write them again.
     */
    private void writeConfig() {
        List<String> lines = new ArrayList<>();
        lines.add("# written by pos-testkit; secrets belong here, never on the command line");
        if (options.sentinelConfig != null) {
            lines.addAll(options.sentinelConfig);
        }
        if (certificates != null) {
            lines.add("tls-cert-file " + certificates.serverCertificate());
            lines.add("tls-key-file " + certificates.serverKey());
            lines.add("tls-ca-cert-file " + certificates.caCertificate());
            lines.add("tls-auth-clients optional");
            lines.add("tls-replication yes");
        }
        List<String> aclLines = new ArrayList<>();
        if (!passwords.isEmpty()) {
            Path aclFile = dir.resolve("users.acl");
            lines.add("aclfile " + aclFile);
            if (passwords.containsKey(REPLICA_USER)) {
                // every data node gets these: after a failover the old primary comes back as a replica
                lines.add("masteruser " + REPLICA_USER);
                lines.add("masterauth " + passwords.get(REPLICA_USER));
            }
            aclLines.add("user default off resetpass nocommands resetkeys resetchannels");
            aclLines.add("user " + ADMIN_USER + " on #" + sha256(passwords.get(ADMIN_USER)) + " ~* &* +@all");
            options.aclRules.forEach((user, rules) ->
                    aclLines.add("user " + user + " on #" + sha256(passwords.get(user)) + " " + rules));
            writeOwnerOnly(aclFile, aclLines);
        }
        writeOwnerOnly(configFile, lines);
    }

    private static void writeOwnerOnly(Path file, List<String> lines) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private List<String> commandLine(int port) {
        List<String> command = new ArrayList<>(List.of(binary.toString(), configFile.toString()));
        if (options.sentinelConfig != null) {
            if (!binary.getFileName().toString().equals("redis-sentinel")) {
                command.add("--sentinel");
            }
            command.addAll(List.of(
                    "--port", Integer.toString(port),
                    "--bind", HOST,
                    "--daemonize", "no",
                    "--dir", dir.path().toString(),
                    "--logfile", dir.resolve("redis.log").toString()));
            command.addAll(options.extraArguments);
            return command;
        }
        command.addAll(List.of(
                "--port", options.tls ? "0" : Integer.toString(port),
                "--bind", HOST,
                "--protected-mode", "yes",
                "--daemonize", "no",
                "--dir", dir.path().toString(),
                "--logfile", dir.resolve("redis.log").toString(),
                "--save", "",
                "--appendonly", options.appendOnly ? "yes" : "no",
                "--appendfsync", options.appendFsync.name().toLowerCase(Locale.ROOT)));
        if (options.tls) {
            command.addAll(List.of("--tls-port", Integer.toString(port)));
        }
        if (options.replicaOf != null) {
            command.addAll(List.of("--replicaof", HOST, Integer.toString(options.replicaOf.port())));
        }
        command.addAll(options.extraArguments);
        return command;
    }

    /** Options fixed at build time. */
    private static final class Options {
        final boolean appendOnly;
        final AppendFsync appendFsync;
        final List<String> extraArguments;
        final boolean tls;
        final List<String> subjectAltNames;
        final Map<String, String> aclRules;
        final RedisProcess replicaOf;
        final List<String> sentinelConfig;

        Options(Builder builder) {
            appendOnly = builder.appendOnly;
            appendFsync = builder.appendFsync;
            extraArguments = List.copyOf(builder.extraArguments);
            tls = builder.tls;
            subjectAltNames = builder.subjectAltNames;
            aclRules = new LinkedHashMap<>(builder.aclRules);
            replicaOf = builder.replicaOf;
            sentinelConfig = builder.sentinelConfig == null ? null : List.copyOf(builder.sentinelConfig);
        }
    }

    /** Options for a {@link RedisProcess}. Not thread-safe; use from one thread, then {@link #build()}. */
    public static final class Builder {
        private boolean appendOnly = true;
        private AppendFsync appendFsync = AppendFsync.EVERYSEC;
        private Duration startTimeout = Duration.ofSeconds(15);
        private Duration stopTimeout = Duration.ofSeconds(10);
        private final List<String> extraArguments = new ArrayList<>();
        private Path binary;
        private boolean tls;
        private List<String> subjectAltNames = ThrowAwayCertificates.LOOPBACK_NAMES;
        private final Map<String, String> aclRules = new LinkedHashMap<>();
        private final Map<String, String> presetPasswords = new LinkedHashMap<>();
        private RedisProcess replicaOf;
        private List<String> sentinelConfig;

        private Builder() {
        }

        /**
         * Makes a TLS-only server ({@code port 0}, {@code tls-port} on the free port) with its own
         * throw-away CA and a server certificate for 127.0.0.1 and localhost; clients may present
         * a certificate but need not ({@code tls-auth-clients optional}).
         *
         * @return this builder
         */
        public Builder tls() {
            this.tls = true;
            return this;
        }

        /**
         * Like {@link #tls()}, with a server certificate for other names, e.g. to see a client's
         * hostname check refuse a certificate for {@code DNS:redis.store.lan} at 127.0.0.1.
         *
         * @param subjectAltNames openssl notation: {@code IP:127.0.0.1}, {@code DNS:localhost}
         * @return this builder
         */
        public Builder tls(List<String> subjectAltNames) {
            this.tls = true;
            this.subjectAltNames = List.copyOf(subjectAltNames);
            return this;
        }

        /**
         * Adds an ACL user with a random password ({@link RedisProcess#password}) and turns the
         * {@code default} user off. The harness adds {@link RedisProcess#ADMIN_USER} for itself.
         *
         * @param user the user name, e.g. {@code pos-till}
         * @param rules ACL rules after the password, e.g. {@code "~till:* +@read +@write -@dangerous"}
         * @return this builder
         */
        public Builder aclUser(String user, String rules) {
            Objects.requireNonNull(user, "user");
            if (user.isBlank() || user.chars().anyMatch(Character::isWhitespace) || user.equals("default")
                    || user.equals(ADMIN_USER)) {
                throw new IllegalArgumentException("not a usable ACL user name: '" + user + "'");
            }
            if (rules.contains(">") || rules.contains("#") || rules.contains("nopass")) {
                throw new IllegalArgumentException("rules for " + user + " must not set a password; the harness does");
            }
            aclRules.put(user, Objects.requireNonNull(rules, "rules"));
            return this;
        }

        /** Same user with a password chosen by the caller (a set of servers that share users). */
        Builder aclUser(String user, String rules, String password) {
            aclUser(user, rules);
            presetPasswords.put(user, Objects.requireNonNull(password, "password"));
            return this;
        }

        /**
         * Makes this server a replica of {@code primary} ({@code replicaof}, on its command line
         * at each start; the primary must have been started first). With ACL users, replication
         * logs in as {@link RedisProcess#REPLICA_USER}, which both servers then need with the same
         * password; {@link RedisSentinelSet} arranges that.
         *
         * @return this builder
         */
        public Builder replicaOf(RedisProcess primary) {
            this.replicaOf = Objects.requireNonNull(primary, "primary");
            return this;
        }

        /** Makes this a Sentinel with these configuration lines (monitor, timeouts, auth). */
        Builder sentinel(List<String> configLines) {
            this.sentinelConfig = List.copyOf(configLines);
            this.appendOnly = false;
            return this;
        }

        /**
         * @param appendOnly whether to keep an append-only file (default true), so data survives restarts
         * @return this builder
         */
        public Builder appendOnly(boolean appendOnly) {
            this.appendOnly = appendOnly;
            return this;
        }

        /**
         * @param appendFsync the AOF fsync policy (default {@link AppendFsync#EVERYSEC})
         * @return this builder
         */
        public Builder appendFsync(AppendFsync appendFsync) {
            this.appendFsync = Objects.requireNonNull(appendFsync, "appendFsync");
            return this;
        }

        /**
         * @param startTimeout how long a start may take until the first PONG (default 15 s)
         * @return this builder
         */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * @param stopTimeout how long a graceful stop may take before SIGKILL (default 10 s)
         * @return this builder
         */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /**
         * Adds {@code redis-server} options, appended after the harness' own (so they win),
         * e.g. {@code "--maxmemory", "10mb"}. Do not override {@code --port}, {@code --bind}
         * or {@code --dir}.
         *
         * @param arguments option names (with {@code --}) and values, as separate strings
         * @return this builder
         */
        public Builder extraArguments(String... arguments) {
            extraArguments.addAll(List.of(arguments));
            return this;
        }

        /**
         * @param binary the {@code redis-server} program to run (default: found on PATH, /usr/bin, /usr/sbin)
         * @return this builder
         */
        public Builder binary(Path binary) {
            this.binary = Objects.requireNonNull(binary, "binary");
            return this;
        }

        /**
         * Prepares the Redis; call {@link RedisProcess#start()} to run it.
         *
         * @return a new, not yet started Redis with its own data directory
         * @throws MissingServerBinaryException when {@code redis-server} is not installed
         */
        public RedisProcess build() {
            return new RedisProcess(this);
        }
    }
}
