package pos.sync.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.sale.SaleRecord;
import pos.core.sale.TransactionId;
import pos.sync.outbox.Outbox;
import pos.sync.outbox.StreamOutbox;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("The outbox with payment rows in the journal (V2)")
class OutboxWithPaymentsTest {

    RedisProcess sharedRedis;
    @TempDir
    Path dataDir;

    @Test
    @DisplayName("R9 payment rows never reach the archive stream; each sale is handed on exactly once")
    void onlySalesReachTheArchiveStream() {
        List<SaleRecord> sales = TestSales.sales(9, "till-1", 5);
        String stream = "pos:archive:with-payments";
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                RedisConnections redis = RedisConnections.create(sharedRedis.uri());
                Outbox outbox = new Outbox(journal, redis, stream, 2, StreamOutbox.Listener.NONE,
                        pos.sync.testing.TestTills.signer("till-1"));
                StatefulRedisConnection<String, String> reader = redis.connect()) {
            outbox.start();
            for (SaleRecord sale : sales) {
                PaymentOrder order = new PaymentOrder(new TransactionId(sale.transactionId()), "till-1",
                        PaymentMethod.QR_SHOWN, Money.ofMinor(100, "EUR"), "x", Instant.now());
                for (PaymentEventKind kind : List.of(PaymentEventKind.PAYMENT_PENDING, PaymentEventKind.PAYMENT_ORDERED,
                        PaymentEventKind.PAYMENT_RESULT)) {
                    journal.appendPaymentEvent(new PaymentEvent(kind, order, PaymentStatus.SUCCESS, null, null, null,
                            Instant.now()));
                }
                journal.append(sale);
                journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_SETTLED, order, PaymentStatus.SUCCESS,
                        null, null, null, Instant.now()));
            }
            await("the backlog is empty").atMost(Duration.ofSeconds(10)).until(journal::backlog, equalTo(0L));
            List<StreamMessage<String, String>> entries = reader.sync().xrange(stream, Range.create("-", "+"));
            assertThat(entries).extracting(e -> e.getBody().get("kind")).containsOnly(SqliteSaleJournal.SALE_FINISHED);
            assertThat(entries).extracting(e -> e.getBody().get("tx"))
                    .containsExactlyElementsOf(sales.stream().map(SaleRecord::transactionId).toList());
        }
    }
}
