package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.events.PageIds;
import pos.core.events.UiEvent;
import pos.sync.SyncSettings;
import pos.hub.archive.ArchiverSettings;
import pos.hub.events.UiEventArchiver;
import pos.sync.events.UiEventOutbox;
import pos.sync.events.UiEventService;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("Store hub: the tills' UI events into MariaDB (R19)")
class HubUiEventArchiveR19Test {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    Path sandboxDir;

    @TempDir
    Path tillDir;

    private HubHarness harness;

    @BeforeEach
    void setUp() {
        harness = new HubHarness(redis, database, sandboxDir);
    }

    @AfterEach
    void tearDown() {
        harness.close();
    }

    @Test
    @DisplayName("R19 a till with only Redis configured hands its events on; the hub archives each once into ui_events")
    void theHubArchivesTheTillsEvents() {
        harness.startHub(harness.settings("hub-a").reconcileEvery(Duration.ofHours(1))
                .archiver(ArchiverSettings.defaults("hub-a").withBatchSize(50).withPeriod(Duration.ofMillis(100))).build());
        ArchiveDb db = new ArchiveDb(database);
        Instant at = Instant.parse("2026-11-29T10:00:00Z");
        try (UiEventService till = UiEventService.open(SyncSettings.standalone("till-4").withRedis(redis.uri()).withSigner(pos.sync.testing.TestTills.signer("till-4")), tillDir)) {
            till.start();
            for (int i = 0; i < 120; i++) {
                till.sink().record(new UiEvent(TestSales.transactionId(44, i), UiEvent.Kind.PAGE_SHOWN, "till-4",
                        i % 2 == 0 ? PageIds.TENDER_QR : PageIds.QR_SHOWN, at.plusSeconds(i)));
            }
            await("every event in MariaDB").atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("SELECT count(*) FROM ui_events WHERE client_id = 'till-4'"), equalTo(120L));
            await("every entry acknowledged").atMost(Duration.ofSeconds(10))
                    .until(() -> harness.redis.xpending(UiEventOutbox.DEFAULT_STREAM_KEY, UiEventArchiver.DEFAULT_CONSUMER_GROUP)
                            .getCount(), equalTo(0L));
        }
        assertThat(db.queryLong("SELECT count(*) FROM ui_events WHERE target_id = 'qr.shown'")).isEqualTo(60);
        assertThat(db.queryLong("SELECT count(DISTINCT event_id) FROM ui_events")).isEqualTo(120);
        // occurred_at is UTC, to the millisecond
        assertThat(db.queryLong("SELECT count(*) FROM ui_events WHERE occurred_at = '2026-11-29 10:00:00.000'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM ui_events WHERE occurred_at = '2026-11-29 10:01:59.000'")).isEqualTo(1);
    }
}
