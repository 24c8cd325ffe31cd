package pos.sync.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.contract.journal.MalformedTillRecordException;
import pos.contract.journal.TillRecordJson;
import pos.contract.redis.RedisConnections;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.journal.TillRecord;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.hub.archive.Archiver;
import pos.hub.archive.ArchiverListener;
import pos.hub.archive.ArchiverSettings;
import pos.hub.archive.MariaDbSaleArchive;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.outbox.Outbox;
import pos.sync.outbox.StreamOutbox;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.TestTills;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.MariaDbProcess;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 12, point 6: the audit trail and the till's other records are journaled records, handed on
 * and archived like sales (a deliberate data-contract change with migrations on both sides: SQLite
 * V11, MariaDB V11), not only log lines.
 */
@WithRedis
@WithMariaDb
@DisplayName("Till records of every kind: journal → outbox → archive stream → MariaDB")
class TillRecordsArchiveTest {

    RedisProcess redis;
    MariaDbProcess mariadb;
    @TempDir
    Path dataDir;

    private static final Instant T = Instant.parse("2026-12-06T10:15:30Z");

    private static SaleRecord saleWithClerkAndAudit() {
        SaleRecord.Line milk = new SaleRecord.Line(1, "4006381333931", "Milk 1 l", 2, 0, 120, 216, "RED", 120, 24, "damaged",
                700, 14);
        SaleRecord.Line bread = new SaleRecord.Line(3, "4006381333948", "Bread", 1, 0, 250, 250, "RED", 250, 0, null, 700, 16);
        List<AuditEntry> audit = List.of(
                new AuditEntry(AuditKind.LINE_VOIDED, T.minusSeconds(60), "clerk-ann", "sup-bob", "2", 399, null),
                new AuditEntry(AuditKind.APPROVAL, T.minusSeconds(60), "clerk-ann", "sup-bob", "01KDVDNA0066NBDFV17PZBPHEA/2", 0,
                        "void a line"),
                new AuditEntry(AuditKind.LINE_DISCOUNT, T.minusSeconds(30), "clerk-ann", null, "1", 24, "damaged"));
        return new SaleRecord("01KDVDNA0066NBDFV17PZBPHEA", "till-1", SaleState.PAID, "EUR", 466, 30, T.minusSeconds(120), T,
                List.of(milk, bread), List.of(new SaleRecord.Payment(TenderType.CASH, 466, 500, 34)),
                "clerk-ann", "Ann", "01KDVD0000SHIFT00000000001", 0, null, 0, audit);
    }

    private static TillEvent signIn() {
        return new TillEvent("01KDVDNA0066NBDFV17PZBPHEB", "till-1", null,
                new AuditEntry(AuditKind.SIGN_IN, T.minusSeconds(300), "clerk-ann", null, "FINGER", 0, null));
    }

    private static ReturnRecord aReturn() {
        return new ReturnRecord("01KDVDNA0066NBDFV17PZBPHEC", "01KDVDNA0066NBDFV17PZBPHEA", "till-1", "till-1", "clerk-ann",
                null, null, "EUR", 108, 7, T.plusSeconds(600),
                List.of(new ReturnRecord.Line(1, "4006381333931", "Milk 1 l", 1, 0, 108, 7, "RED", 700)),
                List.of(new ReturnRecord.Refund(TenderType.CASH, 108, null, null, null)), "sour");
    }

    @Test
    @DisplayName("a sale with its clerk and audit trail, a sign-in and a return reach MariaDB once each, in their tables")
    void everyKindIsArchived() {
        String stream = "pos:archive:till-records";
        TestDatabase database = mariadb.createTestDatabase();
        ArchiveDb db = new ArchiveDb(database);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                RedisConnections connections = RedisConnections.create(redis.uri());
                Outbox outbox = new Outbox(journal, connections, stream, 10, StreamOutbox.Listener.NONE, TestTills.signer("till-1"));
                MariaDbSaleArchive archive = MariaDbSaleArchive.create(database.jdbcUrl(), database.user(), database.password(), 2);
                Archiver archiver = new Archiver(ArchiverSettings.defaults("archiver-1").withStreamKey(stream)
                        .withPeriod(Duration.ofMillis(200)), connections, archive, ArchiverListener.NONE, TestTills.attribution())) {
            assertThat(journal.appendRecord(signIn())).isTrue();
            assertThat(journal.append(saleWithClerkAndAudit())).isTrue();
            assertThat(journal.appendRecord(aReturn())).isTrue();
            assertThat(journal.appendRecord(aReturn())).as("a second append of the same record is ignored").isFalse();
            assertThat(journal.backlog()).isEqualTo(3);

            outbox.start();
            archiver.start();
            await("every record is handed on").atMost(Duration.ofSeconds(20)).until(journal::backlog, equalTo(0L));
            await("the return is archived").atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("SELECT count(*) FROM till_records WHERE kind = 'RETURN_FINISHED'"), equalTo(1L));
            await("the sign-in is archived").atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("SELECT count(*) FROM till_events WHERE kind = 'SIGN_IN' AND clerk_id = 'clerk-ann' "
                            + "AND subject = 'FINGER'"), equalTo(1L));
            await("the sale is archived with its clerk").atMost(Duration.ofSeconds(30))
                    .until(() -> db.queryLong("SELECT count(*) FROM sales WHERE clerk_id = 'clerk-ann' AND clerk_name = 'Ann' "
                            + "AND shift_id = '01KDVD0000SHIFT00000000001'"), equalTo(1L));
        }
        assertThat(db.queryLong("SELECT count(*) FROM sale_audit WHERE transaction_id = '01KDVDNA0066NBDFV17PZBPHEA'")).isEqualTo(3);
        assertThat(db.queryLong("SELECT count(*) FROM sale_audit WHERE kind = 'LINE_VOIDED' AND approver_id = 'sup-bob' "
                + "AND subject = '2' AND amount_minor = 399")).isEqualTo(1);
        assertThat(db.queryLong("SELECT discount_minor FROM sale_lines WHERE line_no = 1")).isEqualTo(24);
        assertThat(db.queryLong("SELECT tax_minor FROM sale_lines WHERE line_no = 3")).isEqualTo(16);
        assertThat(db.queryLong("SELECT list_price_minor FROM sale_lines WHERE line_no = 1")).isEqualTo(120);
        assertThat(db.queryLong("SELECT count(*) FROM till_records")).as("sales keep their own tables only").isEqualTo(2);
    }

    @Test
    @DisplayName("records read back from the journal by kind and time; a sale written before the audit trail still reads")
    void recordsReadBackByKindAndTime() throws Exception {
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir)) {
            journal.appendRecord(signIn());
            journal.append(saleWithClerkAndAudit());
            journal.appendRecord(aReturn());
            Instant from = Instant.now().minusSeconds(60);
            Instant to = Instant.now().plusSeconds(60);
            assertThat(journal.records(TillRecord.class, from, to)).extracting(TillRecord::kind)
                    .containsExactly(TillEvent.KIND, SaleRecord.KIND, ReturnRecord.KIND);
            assertThat(journal.records(ReturnRecord.class, from, to)).containsExactly(aReturn());
            assertThat(journal.records(SaleRecord.class, from, to)).containsExactly(saleWithClerkAndAudit());
            assertThat(journal.records(TillRecord.class, to, to.plusSeconds(60))).isEmpty();
            assertThat(journal.findRecord(ReturnRecord.class, aReturn().returnId())).contains(aReturn());
            assertThat(journal.findRecord(TillEvent.class, aReturn().returnId())).isEmpty();
        }
        String before = "{\"transactionId\":\"01KDVDNA0066NBDFV17PZBPHED\",\"tillId\":\"till-1\",\"state\":\"PAID\",\"currency\":\"EUR\","
                + "\"totalMinor\":240,\"taxMinor\":16,\"openedAt\":\"2026-01-01T10:00:00Z\",\"closedAt\":\"2026-01-01T10:01:00Z\","
                + "\"lines\":[{\"lineNo\":1,\"productCode\":\"A\",\"name\":\"Milk\",\"quantity\":2,\"grams\":0,\"unitPriceMinor\":120,"
                + "\"lineTotalMinor\":240,\"taxClass\":\"RED\"}],\"tenders\":[{\"type\":\"CASH\",\"amountMinor\":240,"
                + "\"tenderedMinor\":240,\"changeMinor\":0}]}";
        SaleRecord old = (SaleRecord) TillRecordJson.read(SaleRecord.KIND, before);
        assertThat(old.clerkId()).isNull();
        assertThat(old.audit()).isEmpty();
        assertThat(old.lines().get(0).listPriceMinor()).isEqualTo(120);
        assertThat(old.lines().get(0).discountMinor()).isZero();
        String missingTotal = before.replace("\"totalMinor\":240,", "");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TillRecordJson.read(SaleRecord.KIND, missingTotal))
                .isInstanceOf(MalformedTillRecordException.class).hasMessageContaining("totalMinor");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TillRecordJson.read("SALE_REFUNDED", "{}"))
                .isInstanceOf(MalformedTillRecordException.class).hasMessageContaining("unknown record kind 'SALE_REFUNDED'");
        assertThat(Files.exists(dataDir.resolve(SqliteSaleJournal.FILE_NAME))).isTrue();
    }
}
