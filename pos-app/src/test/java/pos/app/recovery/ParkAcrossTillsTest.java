package pos.app.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.checkout.Checkout;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;
import pos.core.audit.AuditKind;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.sale.SaleLine;
import pos.core.sale.SaleSnapshot;
import pos.core.sale.TransactionId;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.sync.hub.HubClient;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.recovery.PaymentRecovery;
import pos.sync.recovery.SqliteOpenSales;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 12 point 7: "a parked sale is recalled on another till", through a real store hub with real MariaDB
 * and Redis; two tills recalling the same sale: one wins, the other is told.
 */
@WithRedis
@WithMariaDb
class ParkAcrossTillsTest {

    static final TillCredential TILL_A = TillCredential.issue("park-a", new SecureRandom());
    static final TillCredential TILL_B = TillCredential.issue("park-b", new SecureRandom());

    @TempDir
    static Path tempDir;
    static RedisProcess redis;
    static TestDatabase database;
    static SandboxGateway sandbox;
    static StoreHub hub;

    @BeforeAll
    static void startHub() {
        sandbox = SandboxGateway.builder().dataDir(tempDir.resolve("gateway")).port(0).build().start();
        hub = new StoreHub(HubSettings.builder().tillKeys(TillKeys.of(TILL_A, TILL_B))
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .build(), new SandboxPaymentGateway(sandbox.baseUri()), Clock.systemUTC());
        hub.start();
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** A till with its own data directory, parking through the hub with its credential. */
    private static final class Till implements AutoCloseable {
        final SqliteSaleJournal journal;
        final SqliteOpenSales store;
        final Checkout checkout;
        final TillRecovery recovery;
        final HubClient hubClient;

        Till(TillCredential credential) {
            Clock clock = Clock.systemUTC();
            journal = SqliteSaleJournal.open(tempDir.resolve(credential.tillId() + "-" + System.nanoTime()));
            store = SqliteOpenSales.open(journal);
            Catalog catalog = new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT);
            Currency currency = catalog.products().get(0).unitPrice().currency();
            checkout = new Checkout(catalog, journal, null, new TransactionId.Generator(clock), clock, credential.tillId(),
                    currency, new MoneyFormat(Locale.UK), pos.app.i18n.Texts.forLocale(Locale.UK),
                    TaskExecutor.sameThread(), UiThread.sameThread());
            recovery = new TillRecovery(journal, store, new PaymentRecovery(journal, store, null, credential.tillId(), clock),
                    checkout, credential.tillId(), clock);
            hubClient = new HubClient(hub.baseUri(), credential, null, Duration.ofSeconds(5));
            recovery.useHub(hubClient, TaskExecutor.sameThread(), UiThread.sameThread());
            recovery.start();
        }

        @Override
        public void close() {
            recovery.close();
            store.close();
            journal.close();
        }
    }

    @Test
    @DisplayName("Issue 12.7 a sale parked on till A is recalled on till B with its lines and id; A's later recall is told B has it")
    void parkedOnARecalledOnB() {
        try (Till a = new Till(TILL_A); Till b = new Till(TILL_B)) {
            a.checkout.scan(OpenSaleRecoveryTest.MILK);
            a.checkout.scan(OpenSaleRecoveryTest.MILK);
            a.checkout.scan(OpenSaleRecoveryTest.BUTTER);
            String id = a.checkout.sale().id().value();

            assertThat(a.recovery.park()).isPresent();
            assertThat(a.checkout.message()).contains("in the store");
            assertThat(a.recovery.parked()).as("handed to the store, not kept on till A too").isEmpty();
            assertThat(b.recovery.parkedInStore()).singleElement().satisfies(p -> {
                assertThat(p.transactionId()).isEqualTo(id);
                assertThat(p.tillId()).isEqualTo("park-a");
                assertThat(p.itemCount()).isEqualTo(3);
            });

            AtomicReference<Boolean> recalled = new AtomicReference<>();
            b.recovery.recallFromStore(id, recalled::set);

            assertThat(recalled.get()).isTrue();
            assertThat(b.checkout.sale().id().value()).isEqualTo(id);
            assertThat(b.checkout.sale().lines()).extracting(l -> l.product().code(), SaleLine::quantity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1001", 2), org.assertj.core.groups.Tuple.tuple("1005", 1));
            assertThat(b.checkout.sale().audit()).extracting(e -> e.kind())
                    .containsExactly(AuditKind.SALE_PARKED, AuditKind.SALE_RECALLED);
            assertThat(b.checkout.message()).contains("parked on park-a");
            assertThat(b.recovery.parkedInStore()).isEmpty();

            AtomicReference<Boolean> again = new AtomicReference<>();
            a.recovery.recallFromStore(id, again::set);
            assertThat(again.get()).isFalse();
            assertThat(a.checkout.message()).contains("recalled by park-b");
            assertThat(a.checkout.sale().isEmpty()).isTrue();
        }
    }

    @Test
    @DisplayName("Issue 12.7 two tills recalling the same parked sale at once: exactly one gets it, the other is told")
    void twoTillsRecallingAtOnceOneWins() throws Exception {
        try (Till a = new Till(TILL_A); Till b = new Till(TILL_B)) {
            a.checkout.scan(OpenSaleRecoveryTest.SEMI);
            String id = a.checkout.sale().id().value();
            a.recovery.park();
            CountDownLatch go = new CountDownLatch(1);
            List<CompletableFuture<HubClient.Recall>> recalls = new ArrayList<>();
            for (HubClient client : List.of(a.hubClient, b.hubClient, a.hubClient, b.hubClient)) {
                recalls.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                    return client.recallParked(id);
                }));
            }
            go.countDown();
            List<HubClient.Recall> answers = new ArrayList<>();
            for (CompletableFuture<HubClient.Recall> recall : recalls) {
                answers.add(recall.get());
            }
            assertThat(answers).filteredOn(r -> r instanceof HubClient.Recall.Recalled).singleElement()
                    .satisfies(r -> assertThat(((HubClient.Recall.Recalled) r).sale()).extracting(SaleSnapshot::transactionId)
                            .isEqualTo(id));
            assertThat(answers).filteredOn(r -> r instanceof HubClient.Recall.Refused).hasSize(3)
                    .allSatisfy(r -> assertThat(((HubClient.Recall.Refused) r).code()).isEqualTo("already_recalled"));
        }
    }

    @Test
    @DisplayName("Issue 12.7 offline: a till whose hub is unreachable parks on this till only and says so")
    void offlineParksLocally() throws Exception {
        try (Till a = new Till(TILL_A)) {
            HubClient unreachable = new HubClient(java.net.URI.create("http://127.0.0.1:9/"), TILL_A, null,
                    Duration.ofSeconds(1));
            a.recovery.useHub(unreachable, TaskExecutor.sameThread(), UiThread.sameThread());
            a.checkout.scan(OpenSaleRecoveryTest.MILK);
            String id = a.checkout.sale().id().value();
            a.recovery.park();
            assertThat(a.checkout.message()).contains("on this till only");
            assertThat(a.recovery.parked()).singleElement().satisfies(p -> assertThat(p.transactionId()).isEqualTo(id));
        }
    }
    @Test
    @DisplayName("Issue 12.7 the parked sales are the store's tills' only: without a till credential the hub refuses, nothing changes")
    void parkedSalesNeedATillCredential() {
        HubClient anonymous = new HubClient(hub.baseUri(), null, null, Duration.ofSeconds(5));
        org.assertj.core.api.Assertions.assertThatThrownBy(anonymous::parkedSales)
                .isInstanceOf(pos.sync.pay.UnableToReachHubException.class).hasMessageContaining("401");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> anonymous.recallParked("01JEXAMP0E0000000000000000"))
                .isInstanceOf(pos.sync.pay.UnableToReachHubException.class).hasMessageContaining("401");
    }
}
