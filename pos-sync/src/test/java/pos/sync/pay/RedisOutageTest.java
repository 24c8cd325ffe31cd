package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.core.pay.PaymentStatus;
import pos.gateway.sandbox.SandboxGateway;
import pos.sync.journal.PaymentEventKind;
import pos.testkit.redis.RedisProcess;

/** Runs its own Redis, which it stops and starts, so the shared one is never disturbed. */
@DisplayName("TillPaymentDesk with Redis down (R7)")
class RedisOutageTest {

    @TempDir
    Path ledgerDir;
    @TempDir
    Path dataDir;
    SandboxGateway sandbox;
    RedisProcess redis;
    DeskFixture till;

    @BeforeEach
    void start() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(19).build().start();
        redis = new RedisProcess().start();
    }

    @AfterEach
    void stop() {
        if (till != null) {
            till.close();
        }
        sandbox.close();
        redis.close();
    }

    @Test
    @DisplayName("R7 with Redis down the till journals and talks to the gateway directly; the pending entry is written when "
            + "Redis returns, and the result is published")
    void redisDownGoesOnAndCatchesUp() {
        till = new DeskFixture(sandbox, redis.uri(), dataDir, "outage", DeskFixture.settings());
        redis.stop();
        PaymentOrder order = till.order(PaymentMethod.QR_SHOWN, 2100);
        PaymentSession session = till.desk.startQr(order);
        till.awaitState(session, State.WAITING_FOR_CUSTOMER);
        assertThat(till.journaled(order.outTradeNo())).containsExactly(PaymentEventKind.PAYMENT_PENDING,
                PaymentEventKind.PAYMENT_ORDERED);

        redis.start();
        till.advance(Duration.ofSeconds(2));
        await("the pending entry is written once Redis is back").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.pending.order(order.outTradeNo()).map(o -> o.codeUrl() != null).orElse(false));
        assertThat(till.pending.contains(order.outTradeNo())).isTrue();

        till.customer.pays(session.qrOrder().orElseThrow().codeUrl());
        till.advance(Duration.ofSeconds(3)); // 5 s old: the till queries the gateway itself (R23, no hub)
        till.awaitState(session, State.PAID);
        await("the board says SUCCESS").atMost(DeskFixture.TIMEOUT)
                .until(() -> till.boardStatus(order.outTradeNo()), equalTo(PaymentStatus.SUCCESS));
        await("R8: out of the pending queue").atMost(DeskFixture.TIMEOUT).until(() -> !till.pending.contains(order.outTradeNo()));
    }
}
