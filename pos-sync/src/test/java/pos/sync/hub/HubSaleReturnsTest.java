package pos.sync.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.contract.hub.SaleReturnsAnswer;
import pos.core.refund.ReturnRecord;
import pos.core.refund.ReturnRequest;
import pos.core.refund.Returnable;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.hub.StoreHub;
import pos.hub.archive.MariaDbSaleArchive;
import pos.sync.pay.UnableToReachHubException;
import pos.sync.testing.TestTills;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 12 point 3, "across tills through the hub": GET /sales/{tx} answers a till with the sale as MariaDB holds
 * it and every return already made against it (MariaDB V12 returns, filled by the archiver's ReturnTable), real
 * MariaDB and Redis.
 */
@WithRedis
@WithMariaDb
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubSaleReturnsTest {

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    static Path dir;

    private HubHarness harness;
    private StoreHub hub;
    private MariaDbSaleArchive archive;
    private final TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());

    @BeforeAll
    void startHub() {
        harness = new HubHarness(redis, database, dir.resolve("sandbox"));
        hub = harness.startHub(b -> b);
        archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 2);
    }

    @AfterAll
    void stop() {
        if (archive != null) {
            archive.close();
        }
        if (harness != null) {
            harness.close();
        }
    }

    private SaleRecord sale(String id) {
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SaleRecord.Line> lines = List.of(
                new SaleRecord.Line(1, "1001", "Whole milk 1 L", 2, 0, 509, 1018, "RED", 509, 0, null, 700, 67),
                new SaleRecord.Line(2, "1002", "Semi-skimmed milk 1 L", 1, 0, 349, 339, "RED", 349, 10, "dented", 700, 22));
        return new SaleRecord(id, "till-a", SaleState.PAID, "EUR", 1357, 89, at.minusSeconds(30), at, lines,
                List.of(new SaleRecord.Payment(TenderType.QR, 1000, 1000, 0, ids.next().value()),
                        new SaleRecord.Payment(TenderType.CASH, 357, 400, 43)),
                "c1", "Ann", null, 10, null, 0, List.of());
    }

    private HubClient client(String tillId) {
        return new HubClient(hub.baseUri(), tillId == null ? null : TestTills.credential(tillId), null, Duration.ofSeconds(5));
    }

    @Test
    @DisplayName("issue 12 point 3: a till asks the hub for another till's sale and sees what was already returned of it")
    void aSaleOfAnotherTillComesWithItsReturns() throws Exception {
        SaleRecord sale = sale(ids.next().value());
        ReturnRecord returned = Returnable.of(sale, List.of()).quote(ReturnRequest.of(1, 1, "sour"), ids.next().value())
                .toRecord("till-b", "c2", null, null, Instant.now().truncatedTo(ChronoUnit.MILLIS),
                        List.of(new ReturnRecord.Refund(TenderType.QR, 509, sale.tenders().get(0).reference(),
                                null, "gw-1")));
        archive.storeAll(List.of(sale, returned));

        SaleReturnsAnswer answer = client("till-c").saleWithReturns(sale.transactionId()).orElseThrow();

        assertThat(answer.sale()).isEqualTo(sale);
        assertThat(answer.returns()).containsExactly(returned);
        assertThat(Returnable.of(answer.sale(), answer.returns()).line(1).orElseThrow().left()).isEqualTo(1);
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT r.till_id, r.total_minor, l.original_line_no, l.quantity, f.tender_type "
                        + "FROM returns r JOIN return_lines l ON l.return_id = r.return_id "
                        + "JOIN return_refunds f ON f.return_id = r.return_id WHERE r.return_id = '" + returned.returnId() + "'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("till-b");
            assertThat(rs.getLong(2)).isEqualTo(509);
            assertThat(rs.getInt(3)).isEqualTo(1);
            assertThat(rs.getInt(4)).isEqualTo(1);
            assertThat(rs.getString(5)).isEqualTo("QR");
        }
    }

    @Test
    void aSaleTheStoreDoesNotKnowIsEmpty() {
        assertThat(client("till-c").saleWithReturns(ids.next().value())).isEmpty();
    }

    @Test
    @DisplayName("issue 12 point 3: only a till may ask: without a credential the hub refuses, said so")
    void aCallerWithoutACredentialIsRefused() {
        assertThatThrownBy(() -> client(null).saleWithReturns(ids.next().value()))
                .isInstanceOf(UnableToReachHubException.class).hasMessageContaining("401")
                .hasMessageContaining("pos.hub.credentialFile");
    }
}
