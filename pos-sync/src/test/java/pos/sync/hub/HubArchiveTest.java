package pos.sync.hub;

import pos.hub.StoreHub;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.sale.SaleRecord;
import pos.hub.archive.ArchiverSettings;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("Store hub: the archiver inside the hub (R9, R10)")
class HubArchiveTest {

    private static final int SALES = 1_000;

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    Path sandboxDir;

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
    @DisplayName("R9 R10 two hubs archive the same stream side by side without double work: every sale once in MariaDB")
    void twoHubsArchiveEachSaleOnce() {
        StoreHub first = harness.startHub(harness.settings("hub-a").reconcileEvery(Duration.ofHours(1))
                .archiver(ArchiverSettings.defaults("hub-a").withBatchSize(50).withPeriod(Duration.ofMillis(100))).build());
        StoreHub second = harness.startHub(harness.settings("hub-b").reconcileEvery(Duration.ofHours(1))
                .archiver(ArchiverSettings.defaults("hub-b").withBatchSize(50).withPeriod(Duration.ofMillis(100))).build());
        ArchiveDb db = new ArchiveDb(database);

        for (int i = 0; i < SALES; i++) {
            SaleRecord sale = TestSales.sale(7, "till-7", i);
            harness.redis.xadd("pos:archive", pos.sync.testing.TestTills.signed(sale.tillId(), java.util.Map.of("tx", sale.transactionId(), "kind", SqliteSaleJournal.SALE_FINISHED, "payload",
                    SaleRecordJson.write(sale))));
        }

        await("every sale in MariaDB").atMost(Duration.ofSeconds(60)).until(db::sales, equalTo((long) SALES));
        await("every entry acknowledged").atMost(Duration.ofSeconds(10))
                .until(() -> harness.redis.xpending("pos:archive", ArchiverSettings.DEFAULT_CONSUMER_GROUP).getCount(), equalTo(0L));
        assertThat(db.sumTotalMinor()).isEqualTo(TestSales.totalMinor(7, "till-7", SALES));
        assertThat(db.lines()).isEqualTo(TestSales.lineCount(7, "till-7", SALES));
        long byFirst = archivedSales(first);
        long bySecond = archivedSales(second);
        assertThat(byFirst + bySecond).as("sales committed by hub-a (%d) and hub-b (%d)", byFirst, bySecond).isEqualTo(SALES);
    }

    /** The hub's pos_archive_sales_total. */
    private long archivedSales(StoreHub hub) {
        Matcher m = Pattern.compile("(?m)^pos_archive_sales_total(?:\\{[^}]*})? ([0-9.E]+)$")
                .matcher(harness.get(hub, "metrics").body());
        assertThat(m.find()).as("pos_archive_sales_total in /metrics").isTrue();
        return (long) Double.parseDouble(m.group(1));
    }
}
