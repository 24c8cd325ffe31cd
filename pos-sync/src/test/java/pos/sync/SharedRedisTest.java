package pos.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisSettings;
import pos.core.sync.SyncState;
import pos.core.sync.SyncStatus;
import pos.sync.events.UiEventService;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.TestSales;
import pos.sync.testing.TestTills;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

/** Issue 11: one Redis client per till, shared by the sale sync and the UI events; neither closes what it did not open. */
@WithRedis
@DisplayName("SyncService and UiEventService on the till's shared Redis client")
class SharedRedisTest {

    RedisProcess sharedRedis;

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("R9 both hand on through the shared client, and after both stopped the client still dials and answers")
    void bothUseTheSharedClientAndLeaveItOpen() {
        SyncSettings settings = SyncSettings.standalone("till-1").withRedis(sharedRedis.uri())
                .withSigner(TestTills.signer("till-1")).withArchiveStreamKey("pos:archive:shared");
        try (RedisConnections redis = RedisConnections.create(sharedRedis.uri(), RedisSettings.none())) {
            try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                    SyncService sync = new SyncService(settings, journal, redis);
                    UiEventService events = UiEventService.open(settings, dataDir, redis)) {
                TestSales.sales(2, "till-1", 5).forEach(journal::append);
                sync.start();
                events.start();
                await("the sales are handed on through the shared client").atMost(Duration.ofSeconds(10))
                        .until(sync::current, equalTo(new SyncStatus(SyncState.ONLINE, 0, "")));
            }
            assertThat(((Number) sharedRedis.call("XLEN", "pos:archive:shared")).longValue()).isEqualTo(5);
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                assertThat(connection.sync().ping()).isEqualTo("PONG");
            }
        }
    }
}
