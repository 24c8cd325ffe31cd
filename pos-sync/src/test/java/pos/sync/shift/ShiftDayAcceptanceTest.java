package pos.sync.shift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.hub.archive.ArchiverListener;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.ChildJvm;
import pos.sync.testing.StoreArchivers;
import pos.sync.testing.TestTills;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 12's "Done when": shift open → sales, a return, a pay-out → close with a counted variance → Z #1; the next
 * shift's Z is #2, also across a SIGKILL of the till between them; X and Z of the same shift are equal; the Z rows are
 * in MariaDB. A real SQLite journal, a till JVM killed with SIGKILL, the real outbox, Redis stream and hub archiver.
 */
@WithRedis
@WithMariaDb
@DisplayName("Issue 12 Done-when: a trading day of shifts, Z #1 and Z #2 across a SIGKILL, the Z rows in MariaDB")
class ShiftDayAcceptanceTest {

    private static final String TILL = "till-z";
    private static final String STREAM = "pos:archive:shifts";

    RedisProcess redis;
    MariaDbProcess mariadb;

    @TempDir
    Path tmp;

    private final Clock clock = Clock.systemUTC();
    private final TransactionId.Generator generator = new TransactionId.Generator(clock);
    private final Supplier<String> ids = () -> generator.next().value();

    @Test
    @DisplayName("open → cash, QR and card sales, a return, a pay-out → close 2.00 short with a reason → Z #1; "
            + "SIGKILL with the next shift open → restart → Z #2; X == Z; both Zs archived to z_reports")
    void tradingDayAcrossASigkill() {
        Path dataDir = tmp.resolve("till");
        ShiftFigures x1;
        ZReport z1;
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
            TillShifts shifts = new TillShifts(journal, TILL, "CNY", clock, ids);
            String shift = shifts.open(20000, "c1").shiftId();
            String cashSale = ids.get();
            journal.append(ShiftDay.sale(cashSale, TILL, shift, TenderType.CASH, 3000, 5000, clock.instant()));
            journal.append(ShiftDay.sale(ids.get(), TILL, shift, TenderType.QR, 1130, 1130, clock.instant()));
            journal.append(ShiftDay.sale(ids.get(), TILL, shift, TenderType.CARD, 500, 500, clock.instant()));
            journal.appendRecord(ShiftDay.cashReturn(ids.get(), TILL, shift, cashSale, 800, clock.instant()));
            shifts.payOut(1500, "window cleaner", "c1");

            x1 = shifts.x();
            assertThat(x1.cashExpectedMinor()).isEqualTo(20000 + 3000 - 800 - 1500);
            z1 = shifts.close(Map.of(10000L, 2, 500L, 1), "coin dropped behind the drawer", "c1"); // 205.00 of 207.00
            assertThat(z1.zNumber()).isEqualTo(1);
            assertThat(z1.figures()).as("X and Z of the same shift are equal").isEqualTo(x1);
            assertThat(z1.varianceMinor()).isEqualTo(-200);
            assertThat(z1.handedOnPending()).as("the Z says 6 records were not yet handed on").isEqualTo(6);
        }

        String killedShift;
        try (ChildJvm till = ChildJvm.start(tmp.resolve("till.log"), ShiftTillMain.class, dataDir.toString(), TILL, "10000")) {
            killedShift = till.awaitLine(Duration.ofSeconds(60), line -> line.startsWith("shift-open ")).substring(11);
            till.kill();
        }

        TestDatabase database = mariadb.createTestDatabase();
        ArchiveDb db = new ArchiveDb(database);
        SyncSettings settings = SyncSettings.standalone(TILL).withRedis(redis.uri()).withSigner(TestTills.signer(TILL))
                .withArchiveStreamKey(STREAM);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
            TillShifts shifts = new TillShifts(journal, TILL, "CNY", clock, ids);
            assertThat(shifts.current()).as("the shift open at the SIGKILL is found again").map(OpenShift::shiftId)
                    .contains(killedShift);
            assertThat(shifts.nextZNumber()).isEqualTo(2);
            ShiftFigures x2 = shifts.x();
            assertThat(x2.salesCount()).isEqualTo(1);
            assertThat(x2.cashExpectedMinor()).isEqualTo(10000 + 1250);
            ZReport z2 = shifts.close(Map.of(10000L, 1, 1000L, 1, 100L, 2, 50L, 1), null, "c2");
            assertThat(z2.zNumber()).isEqualTo(2);
            assertThat(z2.varianceMinor()).isZero();
            assertThat(z2.figures()).as("X and Z of the same shift are equal").isEqualTo(x2);
            assertThat(shifts.zReports()).containsExactly(z1, z2);

            try (SyncService sync = new SyncService(settings, journal);
                    StoreArchivers hub = StoreArchivers.sales(redis.uri(), database, STREAM, 50, ArchiverListener.NONE)) {
                sync.start();
                await("both Z reports are in MariaDB").atMost(Duration.ofSeconds(60))
                        .until(() -> db.queryLong("SELECT count(*) FROM z_reports WHERE till_id = '" + TILL + "'"), equalTo(2L));
                await("everything is handed on").atMost(Duration.ofSeconds(20)).until(journal::backlog, equalTo(0L));
            }
        }
        assertThat(db.queryLong("SELECT z_number FROM z_reports WHERE shift_id = '" + z1.shiftId() + "'")).isEqualTo(1);
        assertThat(db.queryLong("SELECT z_number FROM z_reports WHERE shift_id = '" + killedShift + "'")).isEqualTo(2);
        String first = "FROM z_reports WHERE z_number = 1 AND till_id = '" + TILL + "'";
        assertThat(db.queryLong("SELECT sales_count " + first)).isEqualTo(3);
        assertThat(db.queryLong("SELECT sales_minor " + first)).isEqualTo(4630);
        assertThat(db.queryLong("SELECT returns_count " + first)).isEqualTo(1);
        assertThat(db.queryLong("SELECT returns_minor " + first)).isEqualTo(800);
        assertThat(db.queryLong("SELECT pay_outs_minor " + first)).isEqualTo(1500);
        assertThat(db.queryLong("SELECT expected_minor " + first)).isEqualTo(20700);
        assertThat(db.queryLong("SELECT counted_minor " + first)).isEqualTo(20500);
        assertThat(db.queryLong("SELECT variance_minor " + first)).isEqualTo(-200);
        assertThat(db.queryLong("SELECT handed_on_pending " + first)).isEqualTo(6);
        assertThat(db.queryLong("SELECT count(*) FROM z_report_tenders WHERE shift_id = '" + z1.shiftId() + "'")).isEqualTo(3);
        assertThat(db.queryLong("SELECT net_minor FROM z_report_tenders WHERE tender = 'CASH' AND shift_id = '" + z1.shiftId()
                + "'")).isEqualTo(3000 - 800);
        assertThat(db.queryLong("SELECT count(*) FROM sales WHERE shift_id = '" + killedShift + "'"))
                .as("the sale journaled just before the SIGKILL is archived in its shift").isEqualTo(1);
        assertThat(db.queryLong("SELECT count(*) FROM till_events WHERE kind = 'SHIFT_OPENED'")).isEqualTo(2);
    }
}
