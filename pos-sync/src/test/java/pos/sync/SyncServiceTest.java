package pos.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.sync.SyncState;
import pos.core.sync.SyncStatus;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.redis.InvalidRedisUriException;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("SyncService")
class SyncServiceTest {

    RedisProcess sharedRedis;

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("with no Redis configured sync is OFF, the backlog still counts, and listeners hear of it on a background thread")
    void offWithoutRedis() throws Exception {
        List<SyncStatus> seen = new CopyOnWriteArrayList<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                SyncService sync = new SyncService(SyncSettings.standalone("till-1"), journal)) {
            assertThat(sync.current()).isEqualTo(SyncStatus.off(0));
            AutoCloseable subscription = sync.onChange(status -> {
                seen.add(status);
                threads.add(Thread.currentThread().getName());
            });
            sync.start();
            for (int i = 0; i < 3; i++) {
                journal.append(TestSales.sale(1, "till-1", i));
            }
            await("the status shows the backlog").atMost(Duration.ofSeconds(5)).until(sync::current, equalTo(SyncStatus.off(3)));
            await("the listener heard it").atMost(Duration.ofSeconds(5)).until(() -> seen.contains(SyncStatus.off(3)));
            subscription.close();
            journal.append(TestSales.sale(1, "till-1", 3));
            await("the status shows the backlog").atMost(Duration.ofSeconds(5)).until(sync::current, equalTo(SyncStatus.off(4)));
        }
        assertThat(seen).first().isEqualTo(SyncStatus.off(0)); // the current status on registration
        assertThat(seen).doesNotContain(SyncStatus.off(4)); // removed listeners hear nothing
        assertThat(threads).containsOnly("pos-sync-status");
    }

    @Test
    @DisplayName("with Redis up sync is ONLINE and the backlog drains to zero")
    void onlineWithRedis() {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                SyncService sync = new SyncService(SyncSettings.standalone("till-1").withRedis(sharedRedis.uri()).withSigner(pos.sync.testing.TestTills.signer("till-1"))
                        .withArchiveStreamKey("pos:archive:online"), journal)) {
            TestSales.sales(2, "till-1", 40).forEach(journal::append);
            sync.start();
            await("sync is online with nothing waiting").atMost(Duration.ofSeconds(10))
                    .until(sync::current, equalTo(new SyncStatus(SyncState.ONLINE, 0, "")));
            assertThat(((Number) sharedRedis.call("XLEN", "pos:archive:online")).longValue()).isEqualTo(40);
        }
    }

    @Test
    @DisplayName("with Redis dead it reports OFFLINE within a few seconds, appends still return, and it recovers")
    void deadRedisGoesOfflineAndSellingContinues() {
        try (RedisProcess own = new RedisProcess().start();
                SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                SyncService sync = new SyncService(SyncSettings.standalone("till-1").withRedis(own.uri()).withSigner(pos.sync.testing.TestTills.signer("till-1")), journal)) {
            sync.start();
            await("sync is online").atMost(Duration.ofSeconds(10)).until(() -> sync.current().state() == SyncState.ONLINE);

            own.kill();
            // No sale is made meanwhile: the idle heartbeat alone must notice.
            await("sync reports the dead Redis").atMost(Duration.ofSeconds(5))
                    .until(sync::current, equalTo(new SyncStatus(SyncState.OFFLINE, 0, "redis 127.0.0.1:" + own.port() + ": connection refused")));
            for (int i = 0; i < 100; i++) {
                assertThat(journal.append(TestSales.sale(3, "till-1", i))).isTrue();
            }
            await("the backlog counts them").atMost(Duration.ofSeconds(5)).until(() -> sync.current().backlog(), equalTo(100L));
            assertThat(sync.current().state()).isEqualTo(SyncState.OFFLINE);

            own.start();
            await("sync is back with nothing waiting").atMost(Duration.ofSeconds(15))
                    .until(sync::current, equalTo(new SyncStatus(SyncState.ONLINE, 0, "")));
            assertThat(((Number) own.call("XLEN", "pos:archive")).longValue()).isEqualTo(100);
        }
    }

    @Test
    @DisplayName("a stopped service says so; selling goes on into the journal")
    void stoppedServiceSaysSo() {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
            SyncService sync = new SyncService(SyncSettings.standalone("till-1").withRedis(sharedRedis.uri()).withSigner(pos.sync.testing.TestTills.signer("till-1")), journal);
            sync.start();
            await("sync is online").atMost(Duration.ofSeconds(10)).until(() -> sync.current().state() == SyncState.ONLINE);
            sync.stop();
            sync.stop();
            await("the status says stopped").atMost(Duration.ofSeconds(5)).until(() -> sync.current().detail(), equalTo("sync stopped"));
            assertThat(journal.append(TestSales.sale(4, "till-1", 0))).isTrue();
        }
    }

    @Test
    @DisplayName("settings refuse a bad Redis URI at once and never print the password")
    void settingsValidateAndHidePasswords() {
        assertThatThrownBy(() -> SyncSettings.standalone("till-1").withRedis("hub:6379").withSigner(pos.sync.testing.TestTills.signer("till-1")))
                .isInstanceOf(InvalidRedisUriException.class)
                .hasMessageContaining("'hub:6379'");
        // a password in the Redis URI is refused (issue 10: it would show in ps); it comes from POS_REDIS_PASSWORD_FILE
        assertThatThrownBy(() -> SyncSettings.standalone("till-1").withRedis("redis://:s3cret@hub:6379/0"))
                .isInstanceOf(InvalidRedisUriException.class)
                .hasMessageContaining("redis://***@hub:6379/0")
                .hasMessageNotContaining("s3cret");
        SyncSettings settings = SyncSettings.standalone("till-1").withRedis("redis://hub:6379/0")
                .withSigner(pos.sync.testing.TestTills.signer("till-1"));
        assertThat(settings.toString()).doesNotContain("s3cret").contains("redis://hub:6379/0");
        assertThat(settings.syncEnabled()).isTrue();
        assertThat(SyncSettings.standalone("till-1").syncEnabled()).isFalse();
    }
}
