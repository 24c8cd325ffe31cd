package pos.sync.journal;

import pos.contract.sale.SaleRecordJson;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.sale.SaleRecord;
import pos.core.sale.TransactionId;
import pos.sync.testing.TestSales;

@DisplayName("SqliteSaleJournal with payment events (V2)")
class JournalPaymentEventsTest {

    @TempDir
    Path dir;

    private static PaymentOrder order(String tx) {
        return new PaymentOrder(new TransactionId(tx), "till-1", PaymentMethod.QR_SHOWN, Money.ofMinor(1250, "EUR"),
                "Store 1 · 2 items", Instant.parse("2026-01-01T10:00:00Z"));
    }

    private static PaymentEvent event(PaymentEventKind kind, PaymentOrder order, PaymentStatus status) {
        return new PaymentEvent(kind, order, status, null, null, null, Instant.parse("2026-01-01T10:00:01Z"));
    }

    @Test
    @DisplayName("R7 a sale and the steps of its payment share one transaction id, one row per kind, the first kept")
    void paymentEventsAndTheSaleShareTheTransactionId() {
        SaleRecord sale = TestSales.sale(1, "till-1", 0);
        PaymentOrder order = order(sale.transactionId());
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            assertThat(journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_PENDING, order, PaymentStatus.PENDING))).isTrue();
            assertThat(journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_PENDING, order, PaymentStatus.SUCCESS)))
                    .isFalse();
            assertThat(journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_RESULT, order, PaymentStatus.SUCCESS))).isTrue();
            assertThat(journal.append(sale)).isTrue();
            assertThat(journal.append(sale)).isFalse();

            List<PaymentEvent> events = journal.paymentEvents(sale.transactionId());
            assertThat(events).extracting(PaymentEvent::kind)
                    .containsExactly(PaymentEventKind.PAYMENT_PENDING, PaymentEventKind.PAYMENT_RESULT);
            assertThat(events.get(0).status()).isEqualTo(PaymentStatus.PENDING);
            assertThat(events.get(0).order()).isEqualTo(order);
            assertThat(journal.find(sale.transactionId())).contains(sale);
            assertThat(journal.count()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("the outbox sees sale rows only: payment rows are neither handed on nor counted in the backlog")
    void outboxSeesSaleRowsOnly() {
        List<SaleRecord> sales = TestSales.sales(2, "till-1", 3);
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            for (SaleRecord sale : sales) {
                PaymentOrder order = order(sale.transactionId());
                journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_PENDING, order, PaymentStatus.PENDING));
                journal.append(sale);
                journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_SETTLED, order, PaymentStatus.SUCCESS));
            }
            assertThat(journal.backlog()).isEqualTo(3);
            List<JournalEntry> entries = journal.readAfter(0, 10);
            assertThat(entries).extracting(JournalEntry::kind).containsOnly(SqliteSaleJournal.SALE_FINISHED);
            assertThat(entries).extracting(JournalEntry::transactionId)
                    .containsExactlyElementsOf(sales.stream().map(SaleRecord::transactionId).toList());
            journal.markHandedOn(entries.get(2).seq());
            assertThat(journal.backlog()).isZero();
            assertThat(journal.readAfter(entries.get(2).seq(), 10)).isEmpty();
        }
    }

    @Test
    @DisplayName("pending payments are those started and not settled, oldest first, each as its latest step")
    void pendingPaymentsAreStartedAndNotSettled() {
        PaymentOrder settled = order(TestSales.transactionId(3, 0));
        PaymentOrder waiting = order(TestSales.transactionId(3, 1));
        PaymentOrder timedOut = order(TestSales.transactionId(3, 2));
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_PENDING, settled, PaymentStatus.PENDING));
            journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_PENDING, waiting, PaymentStatus.PENDING));
            journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_PENDING, timedOut, PaymentStatus.PENDING));
            journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_RESULT, settled, PaymentStatus.SUCCESS));
            journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_SETTLED, settled, PaymentStatus.SUCCESS));
            journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_ORDERED, waiting, PaymentStatus.PENDING));
            journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_RESULT, timedOut, PaymentStatus.CLOSED));
        }
        try (SqliteSaleJournal reopened = SqliteSaleJournal.open(dir)) {
            List<PaymentEvent> pending = reopened.pendingPayments();
            assertThat(pending).extracting(PaymentEvent::transactionId)
                    .containsExactly(waiting.outTradeNo(), timedOut.outTradeNo());
            assertThat(pending).extracting(PaymentEvent::kind)
                    .containsExactly(PaymentEventKind.PAYMENT_ORDERED, PaymentEventKind.PAYMENT_RESULT);
        }
    }

    @Test
    @DisplayName("a V1 journal is upgraded in place: every sale, its seq, the sync position and the seq counter are kept")
    void v1JournalIsUpgradedInPlace() throws Exception {
        Path file = dir.resolve(SqliteSaleJournal.FILE_NAME);
        String url = "jdbc:sqlite:" + file;
        Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration/sqlite").target("1").load().migrate();
        List<SaleRecord> sales = TestSales.sales(4, "till-1", 3);
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement()) {
            for (SaleRecord sale : sales) {
                st.executeUpdate("INSERT INTO journal (transaction_id, kind, payload, created_at) VALUES ('" + sale.transactionId()
                        + "', 'SALE_FINISHED', '" + SaleRecordJson.write(sale).replace("'", "''") + "', '2026-01-01T00:00:00Z')");
            }
            st.executeUpdate("UPDATE sync_position SET handed_on_seq = 2");
        }
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dir)) {
            assertThat(journal.count()).isEqualTo(3);
            assertThat(journal.handedOnSeq()).isEqualTo(2);
            assertThat(journal.backlog()).isEqualTo(1);
            for (SaleRecord sale : sales) {
                assertThat(journal.find(sale.transactionId())).contains(sale);
            }
            PaymentOrder order = order(sales.get(0).transactionId());
            assertThat(journal.appendPaymentEvent(event(PaymentEventKind.PAYMENT_PENDING, order, PaymentStatus.PENDING)))
                    .isTrue();
        }
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT seq, kind FROM journal ORDER BY seq")) {
            int row = 0;
            while (rs.next()) {
                row++;
                assertThat(rs.getLong(1)).isEqualTo(row);
            }
            assertThat(row).isEqualTo(4);
        }
    }
}
