package pos.testkit.mariadb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import pos.testkit.MissingServerBinaryException;
import pos.testkit.TestkitException;
import pos.testkit.UnableToReachServerException;
import pos.testkit.UnableToStartServerException;
import pos.testkit.internal.Binaries;
import pos.testkit.internal.ChildServer;
import pos.testkit.internal.InstanceDir;

/**
 * A real {@code mariadbd} run as a child process of the test JVM, on a free port of 127.0.0.1,
 * with a throw-away data directory. Thread-safe: life-cycle methods are synchronized; the
 * database methods may be used from any thread.
 *
 * <p>The data directory is a copy of one made by {@code mariadb-install-db} once per JVM, with
 * grants in place: {@code root} with an empty password may connect over TCP from 127.0.0.1.
 * Defaults favour honest durability ({@code innodb_flush_log_at_trx_commit=1}), so a row
 * committed before a {@link #kill()} is there after the next {@link #start()}. The server
 * listens on the same port for its whole life, so pools can reconnect after a restart.
 *
 * <pre>{@code
 * try (MariaDbProcess mariadb = new MariaDbProcess().start()) {
 *     String url = mariadb.createDatabase("sales");
 *     try (Connection c = DriverManager.getConnection(url, mariadb.user(), mariadb.password())) { ... }
 * }
 * }</pre>
 *
 * <p>The process dies with the JVM, even if the JVM is killed (see {@code pos.testkit.internal.Reaper}).
 */
public final class MariaDbProcess implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String USER = "root";
    private static final String PASSWORD = "";
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final String NAME_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** sun_path is 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH = 107;

    private final Options options;
    private final Path mariadbd;
    private final Path installDb;
    private final boolean runningAsRoot;
    private final InstanceDir dir;
    private final ChildServer server;
    private Duration lastStartDuration = Duration.ZERO;
    private Duration lastPrepareDuration = Duration.ZERO;
    private boolean closed;

    /**
     * Prepares a MariaDB with the default options; call {@link #start()} to run it.
     *
     * @throws MissingServerBinaryException when {@code mariadbd} or {@code mariadb-install-db} is not installed
     */
    public MariaDbProcess() {
        this(new Builder());
    }

    private MariaDbProcess(Builder builder) {
        this.options = new Options(builder);
        this.mariadbd = builder.mariadbd != null ? builder.mariadbd : Binaries.find("mariadb-server", "mariadbd", "mysqld");
        this.installDb = builder.installDb != null ? builder.installDb
                : Binaries.find("mariadb-server", "mariadb-install-db", "mysql_install_db");
        this.runningAsRoot = isRoot();
        this.dir = InstanceDir.create("mariadb");
        Path socket = dir.resolve("mysqld.sock");
        if (socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            dir.delete();
            throw new TestkitException("socket path " + socket + " is longer than " + MAX_SOCKET_PATH
                    + " bytes; set -D" + InstanceDir.ROOT_PROPERTY + " to a shorter directory");
        }
        this.server = new ChildServer("mariadbd", dir, dir.resolve("error.log"), this::commandLine, this::acceptsJdbc,
                builder.startTimeout, builder.stopTimeout);
    }

    /** @return a builder for a MariaDB with non-default options */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts the server and waits until a JDBC connection succeeds. The first start creates the
     * data directory and picks a free port; later starts reuse both. Does nothing when the server
     * is already running.
     *
     * @return this, for chaining
     * @throws UnableToStartServerException when installation fails, or the server exits or does
     *     not accept connections in time; the message carries the tail of its error log
     * @throws IllegalStateException after {@link #close()}
     */
    public synchronized MariaDbProcess start() {
        requireOpen();
        Path dataDir = dataDir();
        if (!Files.exists(dataDir)) {
            long startedAt = System.nanoTime();
            DataDirTemplate.copyTo(dataDir, installDb, runningAsRoot, options.logFileSize);
            createDirectory(dir.resolve("tmp"));
            lastPrepareDuration = Duration.ofNanos(System.nanoTime() - startedAt);
        }
        Duration took = server.start();
        if (!took.isZero()) {
            lastStartDuration = took;
        }
        return this;
    }

    /**
     * Shuts the server down gracefully (SIGTERM) and waits for it to exit; SIGKILL if it takes
     * longer than the stop timeout. Does nothing when it is not running. Data is kept.
     */
    public synchronized void stop() {
        server.stop();
    }

    /**
     * Kills the server with SIGKILL, as a crash would, and waits for it to be gone; the next
     * start runs InnoDB crash recovery. Does nothing when it is not running. Data is kept.
     */
    public synchronized void kill() {
        server.kill();
    }

    /**
     * Stops the server if it is running, then starts it again on the same port with the same
     * data directory.
     *
     * @return this, for chaining
     * @throws UnableToStartServerException when it cannot start again
     */
    public synchronized MariaDbProcess restart() {
        requireOpen();
        server.stop();
        return start();
    }

    /** @return whether the server process is alive */
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
            throw new IllegalStateException("mariadbd has not been started yet; call start() first");
        }
        return port;
    }

    /** @return the user with all privileges, {@code root} */
    public String user() {
        return USER;
    }

    /** @return the password of {@link #user()}, empty */
    public String password() {
        return PASSWORD;
    }

    /** @return the JDBC URL of the server with no database selected, e.g. {@code jdbc:mariadb://127.0.0.1:24511/} */
    public String jdbcUrl() {
        return "jdbc:mariadb://" + HOST + ":" + port() + "/";
    }

    /**
     * @param database a database name
     * @return the JDBC URL selecting that database, without credentials
     */
    public String jdbcUrl(String database) {
        return jdbcUrl() + requireValidName(database);
    }

    /**
     * Creates an empty database ({@code utf8mb4}).
     *
     * @param name the name: letters, digits and underscores, at most 64
     * @return the JDBC URL selecting it, without credentials
     * @throws IllegalArgumentException when the name is not a plain identifier
     * @throws TestkitException when it exists already or the server refuses
     */
    public String createDatabase(String name) {
        execute("CREATE DATABASE `" + requireValidName(name) + "` CHARACTER SET utf8mb4", name);
        return jdbcUrl(name);
    }

    /**
     * Creates an empty database with a fresh random name, {@code t_} and 12 letters or digits.
     *
     * @return the database and how to connect to it
     */
    public TestDatabase createTestDatabase() {
        StringBuilder name = new StringBuilder("t_");
        for (int i = 0; i < 12; i++) {
            name.append(NAME_ALPHABET.charAt(RANDOM.nextInt(NAME_ALPHABET.length())));
        }
        String url = createDatabase(name.toString());
        return new TestDatabase(name.toString(), url, USER, PASSWORD);
    }

    /**
     * Drops a database if it exists.
     *
     * @param name the database name
     */
    public void dropDatabase(String name) {
        execute("DROP DATABASE IF EXISTS `" + requireValidName(name) + "`", name);
    }

    /**
     * Opens a connection as {@link #user()}; the caller closes it.
     *
     * @param database the database to select, or null for none
     * @return an open connection
     * @throws SQLException when the server does not accept the connection
     */
    public Connection openConnection(String database) throws SQLException {
        return DriverManager.getConnection(database == null ? jdbcUrl() : jdbcUrl(database), USER, PASSWORD);
    }

    /** @return the instance directory: {@code data/}, {@code error.log}, {@code mysqld.sock}; deleted by {@link #close()} */
    public Path directory() {
        return dir.path();
    }

    /** @return the InnoDB data directory inside {@link #directory()} */
    public Path dataDir() {
        return dir.resolve("data");
    }

    /** @return the pid of the current (or last) server process, or -1 before the first start */
    public long pid() {
        return server.pid();
    }

    /** @return how long the latest actual start took, from launch until JDBC connected */
    public synchronized Duration lastStartDuration() {
        return lastStartDuration;
    }

    /**
     * @return how long creating the data directory took at the first start (installing the
     *     per-JVM template if this was the first MariaDB of the JVM, then copying it)
     */
    public synchronized Duration lastPrepareDuration() {
        return lastPrepareDuration;
    }

    /** @return the last lines of the server's error log, for diagnosing a failing test */
    public String logTail() {
        return server.logTail();
    }

    /**
     * Kills the server and deletes its directory. Closing twice is harmless; the instance cannot
     * be started again.
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
        return "mariadbd at " + (port == 0 ? "(not started)" : HOST + ":" + port) + " in " + dir;
    }

    private void execute(String sql, String database) {
        try (Connection connection = openConnection(null); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLNonTransientConnectionException | SQLTransientConnectionException e) {
            throw new UnableToReachServerException("cannot connect to mariadbd at " + HOST + ":" + port()
                    + (isRunning() ? "" : " (it is not running)") + " to run: " + sql, e);
        } catch (SQLException e) {
            throw new TestkitException("mariadbd at " + HOST + ":" + port() + " refused '" + sql
                    + "' for database " + database + ": " + e.getMessage(), e);
        }
    }

    private static String requireValidName(String name) {
        if (name == null || !DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("database name must be 1-64 letters, digits or underscores: " + name);
        }
        return name;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("this MariaDbProcess was closed; create a new one");
        }
    }

    private boolean acceptsJdbc(int port) throws SQLException {
        String url = "jdbc:mariadb://" + HOST + ":" + port + "/?connectTimeout=1000&socketTimeout=2000";
        try (Connection connection = DriverManager.getConnection(url, USER, PASSWORD)) {
            return connection.isValid(1);
        } catch (SQLInvalidAuthorizationSpecException refused) {
            throw new TestkitException(USER + " with an empty password was refused over TCP; the grant tables "
                    + "are not what mariadb-install-db --auth-root-authentication-method=normal makes", refused);
        }
    }

    private List<String> commandLine(int port) {
        List<String> command = new ArrayList<>(List.of(
                mariadbd.toString(),
                "--no-defaults"));
        if (runningAsRoot) {
            command.add("--user=root"); // mariadbd refuses to run as root without it
        }
        command.addAll(List.of(
                "--datadir=" + dataDir(),
                "--port=" + port,
                "--bind-address=" + HOST,
                "--socket=" + dir.resolve("mysqld.sock"),
                "--pid-file=" + dir.resolve("mysqld.pid"),
                "--log-error=" + dir.resolve("error.log"),
                "--tmpdir=" + dir.resolve("tmp"),
                "--skip-name-resolve",
                "--character-set-server=utf8mb4",
                "--collation-server=utf8mb4_general_ci",
                "--max-connections=500",
                "--innodb-buffer-pool-size=" + options.bufferPoolSize,
                "--innodb-log-file-size=" + options.logFileSize,
                "--innodb-flush-log-at-trx-commit=" + options.flushLogAtTrxCommit,
                // start faster: no 12 MB temp tablespace written full, no buffer pool dump/load
                "--innodb-temp-data-file-path=ibtmp1:1M:autoextend",
                "--innodb-buffer-pool-load-at-startup=OFF",
                "--innodb-buffer-pool-dump-at-shutdown=OFF"));
        command.addAll(options.extraArguments);
        return command;
    }

    private static boolean isRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            // no /proc or no unix attribute view: the user name is the best remaining evidence
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static void createDirectory(Path path) {
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /** Options fixed at build time. */
    private static final class Options {
        final int flushLogAtTrxCommit;
        final String bufferPoolSize;
        final String logFileSize;
        final List<String> extraArguments;

        Options(Builder builder) {
            flushLogAtTrxCommit = builder.flushLogAtTrxCommit;
            bufferPoolSize = builder.bufferPoolSize;
            logFileSize = builder.logFileSize;
            extraArguments = List.copyOf(builder.extraArguments);
        }
    }

    /** Options for a {@link MariaDbProcess}. Not thread-safe; use from one thread, then {@link #build()}. */
    public static final class Builder {
        private static final Pattern SIZE = Pattern.compile("[0-9]+[KMG]?");
        private int flushLogAtTrxCommit = 1;
        private String bufferPoolSize = "64M";
        private String logFileSize = "16M";
        private Duration startTimeout = Duration.ofSeconds(30);
        private Duration stopTimeout = Duration.ofSeconds(30);
        private final List<String> extraArguments = new ArrayList<>();
        private Path mariadbd;
        private Path installDb;

        private Builder() {
        }

        /**
         * @param value {@code innodb_flush_log_at_trx_commit}: 1 (default) writes and flushes the
         *     redo log at every commit; 2 writes at commit and flushes once a second (survives a
         *     process kill, not an OS crash); 0 writes and flushes once a second (fastest)
         * @return this builder
         */
        public Builder flushLogAtTrxCommit(int value) {
            if (value < 0 || value > 2) {
                throw new IllegalArgumentException("innodb_flush_log_at_trx_commit is 0, 1 or 2, not " + value);
            }
            this.flushLogAtTrxCommit = value;
            return this;
        }

        /**
         * @param size {@code innodb_buffer_pool_size}, e.g. {@code 64M} (default)
         * @return this builder
         */
        public Builder bufferPoolSize(String size) {
            this.bufferPoolSize = requireSize(size);
            return this;
        }

        /**
         * @param size {@code innodb_log_file_size}, e.g. {@code 16M} (default)
         * @return this builder
         */
        public Builder logFileSize(String size) {
            this.logFileSize = requireSize(size);
            return this;
        }

        /**
         * @param startTimeout how long a start may take until JDBC connects (default 30 s)
         * @return this builder
         */
        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = Objects.requireNonNull(startTimeout, "startTimeout");
            return this;
        }

        /**
         * @param stopTimeout how long a graceful shutdown may take before SIGKILL (default 30 s)
         * @return this builder
         */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /**
         * Adds {@code mariadbd} options, after the harness' own (so they win), e.g.
         * {@code "--sql-mode=STRICT_ALL_TABLES"}. Do not override {@code --port},
         * {@code --bind-address} or {@code --datadir}.
         *
         * @param arguments options in {@code --name=value} form
         * @return this builder
         */
        public Builder extraArguments(String... arguments) {
            extraArguments.addAll(List.of(arguments));
            return this;
        }

        /**
         * @param mariadbd the server program (default: {@code mariadbd} found on PATH, /usr/bin, /usr/sbin)
         * @param installDb the installer (default: {@code mariadb-install-db} found likewise)
         * @return this builder
         */
        public Builder binaries(Path mariadbd, Path installDb) {
            this.mariadbd = Objects.requireNonNull(mariadbd, "mariadbd");
            this.installDb = Objects.requireNonNull(installDb, "installDb");
            return this;
        }

        /**
         * Prepares the MariaDB; call {@link MariaDbProcess#start()} to run it.
         *
         * @return a new, not yet started MariaDB with its own directory
         * @throws MissingServerBinaryException when {@code mariadbd} or {@code mariadb-install-db} is not installed
         */
        public MariaDbProcess build() {
            return new MariaDbProcess(this);
        }

        private static String requireSize(String size) {
            if (size == null || !SIZE.matcher(size).matches()) {
                throw new IllegalArgumentException("size must look like 64M, 1G or 1048576, not " + size);
            }
            return size;
        }
    }
}
