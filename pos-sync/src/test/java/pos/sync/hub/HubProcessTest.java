package pos.sync.hub;

import pos.hub.HubMain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.pay.PaymentOrder;
import pos.core.pay.QrOrder;
import pos.core.sale.SaleRecord;
import pos.gateway.sandbox.SandboxGateway;
import pos.hub.archive.ArchiverSettings;
import pos.contract.sale.SaleRecordJson;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.ArchiveDb;
import pos.sync.testing.Await;
import pos.sync.testing.ChildJvm;
import pos.sync.testing.TestSales;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("Store hub as a process: SIGKILL and restart")
class HubProcessTest {

    private static final int SALES = 1_500;
    private static final int PAYMENTS = 10;

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    Path tmp;

    @Test
    @DisplayName("R8 R10 R22 the hub SIGKILLed mid-run and restarted loses nothing: every sale archived once, every payment settled")
    void hubKilledAndRestartedLosesNothing() throws Exception {
        int port = freePort();
        ArchiveDb db = new ArchiveDb(database);
        try (HubHarness harness = new HubHarness(redis, database, tmp.resolve("sandbox"))) {
            String[] args = {"--redis", redis.uri(), "--mariadb", database.jdbcUrl(), "--user", database.user(),
                "--password", database.password(), "--listen", "127.0.0.1:" + port, "--consumer", "hub-child",
                "--gateway-url", harness.sandbox.baseUri().toString(), "--gateway-key-id", SandboxGateway.DEFAULT_KEY_ID,
                "--gateway-secret", SandboxGateway.DEFAULT_SECRET, "--batch", "25", "--archive-period", "200ms",
                "--reconcile-every", "500ms", "--pending-threshold", "30s", "--monitor-every", "500ms",
                "--till-credentials", tillCredentials().toString()};
            AtomicInteger sold = new AtomicInteger();
            Thread tills = new Thread(() -> {
                // The tills' outboxes keep pushing sales while the hub dies and comes back.
                for (int i = 0; i < SALES; i++) {
                    SaleRecord sale = TestSales.sale(11, "till-11", i);
                    harness.redis.xadd("pos:archive", pos.sync.testing.TestTills.signed(sale.tillId(), java.util.Map.of("tx", sale.transactionId(), "kind", SqliteSaleJournal.SALE_FINISHED,
                            "payload", SaleRecordJson.write(sale))));
                    sold.incrementAndGet();
                    if (i % 50 == 49) {
                        Await.sleep(100);
                    }
                }
            }, "tills");

            List<PaymentOrder> orders = new ArrayList<>();
            List<QrOrder> codes = new ArrayList<>();
            try (ChildJvm hub = ChildJvm.start(tmp.resolve("hub-1.log"), HubMain.class, args)) {
                hub.awaitLine(Duration.ofSeconds(60), line -> line.contains("listening on http://127.0.0.1:" + port));
                for (int i = 0; i < PAYMENTS; i++) {
                    PaymentOrder order = harness.newOrder(Duration.ZERO);
                    harness.pending.add(order, null);
                    QrOrder qr = harness.gateway.createQrOrder(order, "http://127.0.0.1:" + port + "/notify/sandbox");
                    harness.pending.add(order, qr.codeUrl());
                    orders.add(order);
                    codes.add(qr);
                }
                harness.customerPays(codes.get(0));
                await("the first payment settled").atMost(Duration.ofSeconds(10))
                        .until(() -> harness.status(orders.get(0)), equalTo("SUCCESS"));
                tills.start();
                await("the hub archived 200 sales").atMost(Duration.ofSeconds(60)).until(() -> db.sales() >= 200);
                hub.kill();
            }
            long archivedAtKill = db.sales();
            // While the hub is dead the customers pay: the gateway's notifications fail and are retried.
            for (int i = 1; i < PAYMENTS; i++) {
                harness.customerPays(codes.get(i));
            }
            assertThat(harness.status(orders.get(1))).isEqualTo("NONE");

            try (ChildJvm hub = ChildJvm.start(tmp.resolve("hub-2.log"), HubMain.class, args)) {
                hub.awaitLine(Duration.ofSeconds(60), line -> line.contains("listening on http://127.0.0.1:" + port));
                tills.join(60_000);
                await("every sale in MariaDB").atMost(Duration.ofSeconds(60)).until(db::sales, equalTo((long) SALES));
                await("every entry acknowledged").atMost(Duration.ofSeconds(10))
                        .until(() -> harness.redis.xpending("pos:archive", ArchiverSettings.DEFAULT_CONSUMER_GROUP).getCount(), equalTo(0L));
                for (PaymentOrder order : orders) {
                    await("payment " + order.outTradeNo() + " settled").atMost(Duration.ofSeconds(30))
                            .until(() -> harness.status(order), equalTo("SUCCESS"));
                }
                await("nothing pending").atMost(Duration.ofSeconds(10)).until(harness.pending::size, equalTo(0L));
                assertThat(hub.isAlive()).isTrue();
            }
            assertThat(archivedAtKill).isLessThan(SALES);
            assertThat(sold).hasValue(SALES);
            assertThat(db.sumTotalMinor()).isEqualTo(TestSales.totalMinor(11, "till-11", SALES));
            for (PaymentOrder order : orders) {
                assertThat(harness.sandbox.ledger().chargeCount(order.outTradeNo())).isEqualTo(1);
            }
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Issue 10: the hub process knows the test tills' credentials from a 0600 file. */
    private java.nio.file.Path tillCredentials() {
        java.nio.file.Path file = tmp.resolve("till-credentials");
        pos.hub.archive.TillCredentialsFile.write(file, java.util.List.of(pos.sync.testing.TestTills.credential("till-11")));
        return file;
    }
}
