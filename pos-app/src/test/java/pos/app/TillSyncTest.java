package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.checkout.CheckoutState;
import pos.core.sync.SyncState;
import pos.contract.redis.RedisConnections;
import pos.hub.archive.Archiver;
import pos.hub.archive.ArchiverListener;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.MariaDbSaleArchive;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The whole till with sync on, through its window: real Redis and MariaDB started by the test
 * harness. A cash sale reaches MariaDB once; with Redis dead the status bar says offline, selling
 * goes on, and the backlog drains when Redis is back (R9, R10 end to end).
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
class TillSyncTest {

    private static final Duration POLL = Duration.ofMillis(50);

    static final String MILK_EAN = "4098369006029";

    @TempDir
    static Path dataDir;

    static RedisProcess redis;
    static TestDatabase database;

    Wiring wiring;
    RedisConnections hubRedis;
    MariaDbSaleArchive archive;
    Archiver archiver;

    @Start
    void start(Stage stage) {
        // the store hub's archiver: a till hands sales on to Redis and never writes MariaDB itself
        hubRedis = RedisConnections.create(redis.uri());
        archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 3);
        // Issue 10: the hub knows this till's credential, and the till signs its sales with it.
        pos.contract.auth.TillCredential credential = pos.contract.auth.TillCredential.issue("sync-till",
                new java.security.SecureRandom());
        Path credentialFile = dataDir.resolve("hub-credential");
        pos.contract.auth.SecretFiles.write(credentialFile, credential.text(), "this till's credential");
        archiver = new Archiver(ArchiverSettings.defaults("test-hub"), hubRedis, archive, ArchiverListener.NONE,
                pos.hub.archive.EntryAttribution.required(pos.contract.auth.TillKeys.of(credential),
                        pos.hub.archive.EntryAttribution.Refusals.NONE));
        archiver.start();
        TillConfig config = new ConfigLoader().load(null, Map.of(), Map.of(
                        "pos.data.dir", dataDir.toString(),
                        "pos.till.id", "sync-till",
                        "pos.redis.url", redis.uri(),
                        "pos.hub.credentialFile", credentialFile.toString(),
                        "pos.scanner.maxGapMs", "150",
                        "pos.demo", "true"), // the sandbox's keys
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        Scene scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
        archiver.close();
        archive.close();
        hubRedis.close();
    }

    @Test
    void salesReachMariaDbOnceAndARedisOutageShowsOfflineWithoutStoppingTheTill(FxRobot robot) throws Exception {
        Label sync = robot.lookup(".status-sync").queryAs(Label.class);
        await("sync online").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().status().syncStateProperty().get() == SyncState.ONLINE));

        String first = sellOneMilk(robot);
        await("the sale is in MariaDB").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .until(() -> salesInMariaDb() == 1);
        assertThat(totalOf(first)).isEqualTo(509);

        redis.kill();
        await("sync offline").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().status().syncStateProperty().get() == SyncState.OFFLINE));
        // the state is read off the FX thread, which sets the state and then the text: let it finish first
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(sync.getText()).startsWith("Offline");
        assertThat(sync.getStyleClass()).contains("offline");

        String second = sellOneMilk(robot);
        assertThat(wiring.journal().find(second)).isPresent();
        await("the status bar shows 1 sale waiting").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> sync.getText().contains("1 sale waiting")));

        redis.restart();
        await("both sales in MariaDB").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .until(() -> salesInMariaDb() == 2);
        await("sync online again").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().status().syncStateProperty().get() == SyncState.ONLINE));
        assertThat(totalOf(second)).isEqualTo(509);
        assertThat(first).isNotEqualTo(second);
    }

    private String sellOneMilk(FxRobot robot) {
        for (char c : MILK_EAN.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().cart().rows()).hasSize(1);
        robot.push(KeyCode.F9);
        robot.push(KeyCode.F10);
        robot.push(KeyCode.ENTER);
        await("the till shows paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(onFx(() -> wiring.sellModel().stateProperty().get() == CheckoutState.PAID));
        return wiring.sellModel().currentSale().id().value();
    }

    private int salesInMariaDb() {
        try (Connection c = database.openConnection();
             ResultSet rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM sales")) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            return -1; // the schema may not exist yet: the archiver creates it on its first run
        }
    }

    private long totalOf(String transactionId) throws SQLException {
        try (Connection c = database.openConnection();
             ResultSet rs = c.createStatement().executeQuery(
                     "SELECT total_minor FROM sales WHERE transaction_id = '" + transactionId + "'")) {
            assertThat(rs.next()).as("sale %s in MariaDB", transactionId).isTrue();
            return rs.getLong(1);
        }
    }
}
