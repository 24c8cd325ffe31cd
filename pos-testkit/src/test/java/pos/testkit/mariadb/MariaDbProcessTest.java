package pos.testkit.mariadb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import pos.testkit.TestkitException;
import pos.testkit.internal.FreePorts;

class MariaDbProcessTest {

    private static MariaDbProcess mariadb;

    @BeforeAll
    static void startMariaDb() {
        mariadb = new MariaDbProcess().start();
    }

    @AfterAll
    static void closeMariaDb() {
        mariadb.close();
    }

    @Test
    void rootWithAnEmptyPasswordConnectsOverTcpOnANonStandardPort() throws SQLException {
        assertThat(FreePorts.isStandard(mariadb.port())).isFalse();
        assertThat(mariadb.port()).isNotIn(3306, 6379);
        assertThat(mariadb.jdbcUrl()).isEqualTo("jdbc:mariadb://127.0.0.1:" + mariadb.port() + "/");
        try (Connection connection = DriverManager.getConnection(mariadb.jdbcUrl(), mariadb.user(), mariadb.password());
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT CURRENT_USER(), @@port, @@bind_address, @@innodb_flush_log_at_trx_commit, @@character_set_server")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("root@127.0.0.1");
            assertThat(row.getInt(2)).isEqualTo(mariadb.port());
            assertThat(row.getString(3)).isEqualTo("127.0.0.1");
            assertThat(row.getInt(4)).isEqualTo(1);
            assertThat(row.getString(5)).isEqualTo("utf8mb4");
        }
    }

    @Test
    void twoCreatedDatabasesAreDistinctAndEmpty() throws SQLException {
        TestDatabase first = mariadb.createTestDatabase();
        TestDatabase second = mariadb.createTestDatabase();
        assertThat(first.name()).isNotEqualTo(second.name()).startsWith("t_");
        assertThat(first.jdbcUrl()).isEqualTo(mariadb.jdbcUrl(first.name()));

        try (Connection connection = first.openConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sale (id VARCHAR(32) PRIMARY KEY)");
            statement.execute("INSERT INTO sale VALUES ('only-in-first')");
        }
        try (Connection connection = second.openConnection(); Statement statement = connection.createStatement();
                ResultSet tables = statement.executeQuery("SHOW TABLES")) {
            assertThat(tables.next()).isFalse();
        }
        assertThat(mariadb.createDatabase("named_one")).endsWith("/named_one");
        assertThatThrownBy(() -> mariadb.createDatabase("named_one"))
                .isInstanceOf(TestkitException.class).hasMessageContaining("named_one");
        mariadb.dropDatabase("named_one");
        assertThatThrownBy(() -> mariadb.createDatabase("bad`name"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCommittedRowSurvivesKillNineAndARestartOnTheSamePort() throws SQLException {
        TestDatabase database = mariadb.createTestDatabase();
        try (Connection connection = database.openConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE sale (id VARCHAR(32) PRIMARY KEY, minor_units BIGINT) ENGINE=InnoDB");
            connection.setAutoCommit(false);
            statement.execute("INSERT INTO sale VALUES ('01JD0000000000000000000001', 1250)");
            connection.commit();
            statement.execute("INSERT INTO sale VALUES ('01JD0000000000000000000002', 999)"); // never committed
        }
        int port = mariadb.port();
        long pid = mariadb.pid();
        try (Connection open = database.openConnection(); Statement statement = open.createStatement()) {
            open.setAutoCommit(false);
            statement.execute("INSERT INTO sale VALUES ('01JD0000000000000000000003', 5)"); // in flight at the crash
            mariadb.kill();
        }
        assertThat(mariadb.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid)).isEmpty();

        mariadb.start();
        assertThat(mariadb.port()).isEqualTo(port);
        try (Connection connection = database.openConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT id, minor_units FROM sale")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("01JD0000000000000000000001");
            assertThat(rows.getLong(2)).isEqualTo(1250);
            assertThat(rows.next()).isFalse();
        }
    }

    @Test
    void aGracefulRestartKeepsDataAndPort() throws SQLException {
        String url = mariadb.createDatabase("kept_over_restart");
        int port = mariadb.port();
        mariadb.restart();
        assertThat(mariadb.port()).isEqualTo(port);
        try (Connection connection = DriverManager.getConnection(url, mariadb.user(), mariadb.password())) {
            assertThat(connection.getCatalog()).isEqualTo("kept_over_restart");
        }
    }

    @Test
    void aServerThatExitsWhileStartingExplainsWhatItLogged() {
        MariaDbProcess broken = MariaDbProcess.builder().extraArguments("--no-such-option=1").build();
        try {
            assertThatThrownBy(broken::start)
                    .isInstanceOf(pos.testkit.UnableToStartServerException.class)
                    .hasMessageContaining("mariadbd exited with code")
                    .hasMessageContaining("no-such-option");
        } finally {
            broken.close();
        }
        assertThat(broken.directory()).doesNotExist();
    }

    @Test
    void closeDeletesTheDirectoryAndASecondServerIsIndependent() throws SQLException {
        MariaDbProcess other = MariaDbProcess.builder().flushLogAtTrxCommit(2).build().start();
        try {
            assertThat(other.port()).isNotEqualTo(mariadb.port());
            assertThat(Files.isDirectory(other.dataDir())).isTrue();
            try (Connection connection = other.openConnection(null); Statement statement = connection.createStatement();
                    ResultSet row = statement.executeQuery("SELECT @@innodb_flush_log_at_trx_commit")) {
                row.next();
                assertThat(row.getInt(1)).isEqualTo(2);
            }
        } finally {
            other.close();
        }
        assertThat(other.directory()).doesNotExist();
        assertThat(other.isRunning()).isFalse();
    }
}
