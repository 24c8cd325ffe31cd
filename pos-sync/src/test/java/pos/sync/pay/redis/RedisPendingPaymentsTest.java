package pos.sync.pay.redis;

import pos.contract.pay.PaymentKeys;
import pos.contract.pay.PendingPayment;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.pay.StoredOrder;
import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.core.sale.TransactionId;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("RedisPendingPayments")
class RedisPendingPaymentsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T08:00:00Z");

    RedisProcess redis;

    private RedisConnections connections;
    private PaymentKeys keys;
    private RedisPendingPayments pending;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;

    @BeforeEach
    void setUp(TestInfo test) {
        connections = RedisConnections.create(redis.uri());
        keys = new PaymentKeys("t-" + test.getTestMethod().orElseThrow().getName());
        pending = new RedisPendingPayments(connections, keys, Clock.fixed(NOW, ZoneOffset.UTC));
        connection = connections.connect();
        commands = connection.sync();
    }

    @AfterEach
    void tearDown() {
        pending.close();
        connection.close();
        connections.close();
    }

    static PaymentOrder order(int index, Instant createdAt) {
        return new PaymentOrder(new TransactionId(TestSales.transactionId(42, index)), "till-1", PaymentMethod.QR_SHOWN,
                Money.ofMinor(1999, "EUR"), "Store 12 · 3 items", createdAt);
    }

    @Test
    @DisplayName("R7 a payment enters the pending queue scored by its first attempt, with its order hash (7 d TTL)")
    void addWritesQueueAndOrder() {
        PaymentOrder order = order(1, NOW.minusSeconds(30));
        assertThat(pending.add(order, null)).isEqualTo(RedisPendingPayments.Added.QUEUED);
        assertThat(pending.add(order(1, NOW), "weixin://pay/abc"))
                .isEqualTo(RedisPendingPayments.Added.ALREADY_QUEUED);

        assertThat(commands.zscore(keys.pending(), order.outTradeNo())).isEqualTo((double) NOW.minusSeconds(30).toEpochMilli());
        StoredOrder stored = pending.order(order.outTradeNo()).orElseThrow();
        assertThat(stored).isEqualTo(new StoredOrder(order.outTradeNo(), "till-1", PaymentMethod.QR_SHOWN, 1999, "EUR",
                "Store 12 · 3 items", NOW.minusSeconds(30), "weixin://pay/abc"));
        assertThat(commands.pttl(keys.order(order.outTradeNo())))
                .isBetween(Duration.ofDays(7).minusMinutes(1).toMillis(), Duration.ofDays(7).toMillis());
        assertThat(pending.contains(order.outTradeNo())).isTrue();
        assertThat(pending.order(TestSales.transactionId(42, 999))).isEmpty();
    }

    @Test
    @DisplayName("R8 a payment whose result is already final is not queued again")
    void aFinalPaymentIsNotQueued() {
        PaymentOrder order = order(2, NOW);
        try (RedisResultBoard board = new RedisResultBoard(connections, keys, Duration.ofHours(1))) {
            board.publish(new PaymentResult(order.outTradeNo(), PaymentStatus.SUCCESS, 1999, "EUR", PaymentMethod.QR_SHOWN,
                    null, NOW));
        }
        assertThat(pending.add(order, null)).isEqualTo(RedisPendingPayments.Added.ALREADY_FINAL);
        assertThat(pending.size()).isZero();
        assertThat(pending.order(order.outTradeNo())).isPresent();
    }

    @Test
    @DisplayName("R11 R12 the oldest payments come first; size, age of the oldest and removal")
    void olderThanSizeAgeAndRemove() {
        assertThat(pending.oldestAge()).isEmpty();
        for (int i = 0; i < 5; i++) {
            pending.add(order(10 + i, NOW.minusSeconds(100 - i * 20L)), null); // 100, 80, 60, 40, 20 s old
        }
        assertThat(pending.size()).isEqualTo(5);
        assertThat(pending.oldestAge()).contains(Duration.ofSeconds(100));

        assertThat(pending.olderThan(NOW.minusSeconds(60), 10)).extracting(PendingPayment::transactionId)
                .containsExactly(TestSales.transactionId(42, 10), TestSales.transactionId(42, 11), TestSales.transactionId(42, 12));
        assertThat(pending.olderThan(NOW.minusSeconds(60), 2)).hasSize(2)
                .first().isEqualTo(new PendingPayment(TestSales.transactionId(42, 10), NOW.minusSeconds(100)));

        assertThat(pending.remove(TestSales.transactionId(42, 10))).isTrue();
        assertThat(pending.remove(TestSales.transactionId(42, 10))).isFalse();
        assertThat(pending.size()).isEqualTo(4);
        assertThat(pending.oldestAge()).contains(Duration.ofSeconds(80));
    }
}
