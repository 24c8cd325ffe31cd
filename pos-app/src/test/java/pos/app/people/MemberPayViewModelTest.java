package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.checkout.CheckoutState;
import pos.app.sell.SellViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.people.DebitResult;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.device.fingerprint.FingerprintWorkerSettings;
import pos.device.fingerprint.LibfprintReader;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.people.PeopleRedisKeys;
import pos.sync.people.PrintKeys;
import pos.sync.people.RedisStoredValue;
import pos.sync.people.TillPeople;
import pos.contract.redis.RedisConnections;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

/**
 * Member pay (Ctrl+M) without a window but with everything real under it: libfprint's virtual_image reader in
 * the till's worker process identifies the member among several (1:N), the balance lives in a real Redis
 * (Lua debit keyed by the sale's transaction id), the sale goes into a real SQLite journal.
 */
@WithRedis
@DisplayName("R18 member pay by finger from stored value")
class MemberPayViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration POLL = Duration.ofMillis(50);

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final SyntheticFinger MIA = new SyntheticFinger(7_001);
    static final SyntheticFinger NOAH = new SyntheticFinger(7_002);
    static final SyntheticFinger STRANGER = new SyntheticFinger(7_999);
    /** Sample catalog: whole milk 1 L at €5.09. */
    static final String MILK_EAN = "4098369006029";

    static RedisProcess redis;
    @TempDir
    static Path dataDir;
    static Path socket;
    static RedisConnections connections;
    static TillPeople people;
    static Fingerprints fingerprints;
    static VirtualSensor sensor;
    static RedisStoredValue storedValue;
    static Member mia;
    static Member noah;
    static final ExecutorService UI = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));

    SqliteSaleJournal journal;
    SellViewModel sell;
    MemberPayViewModel model;
    AutoCloseable prompts;

    /** This till's credential (issue 10: what it writes into the store's streams is signed). */
    static final pos.sync.auth.StreamSigner SIGNER = pos.sync.auth.StreamSigner.of(
            pos.contract.auth.TillCredential.issue("till-9", new java.security.SecureRandom()));

    @BeforeAll
    static void enrolMembers() throws Exception {
        socket = Files.createTempDirectory("fp").resolve("virtual-image.sock");
        connections = RedisConnections.create(redis.uri());
        Clock clock = Clock.systemUTC();
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), connections, clock, SIGNER);
        fingerprints = new Fingerprints(new LibfprintReader(FingerprintWorkerSettings.defaults().withVirtualImageSocket(socket)),
                people);
        fingerprints.start();
        await("the fingerprint reader is ready").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(fingerprints.isReady()).as(() -> fingerprints.status().sentence()).isTrue());
        assertThat(fingerprints.status().sentence()).startsWith("Fingerprint reader ready");
        sensor = new VirtualSensor(socket);
        AutoCloseable enrolPrompts = fingerprints.onPrompt(sensor.prompts());
        mia = people.addMember("Mia Member", Currency.getInstance("EUR"));
        noah = people.addMember("Noah Member", Currency.getInstance("EUR"));
        sensor.place(MIA);
        fingerprints.enroll(PersonKind.MEMBER, mia.id(), "right-index", step -> { }).get(30, TimeUnit.SECONDS);
        sensor.place(NOAH);
        fingerprints.enroll(PersonKind.MEMBER, noah.id(), "right-index", step -> { }).get(30, TimeUnit.SECONDS);
        enrolPrompts.close();
        storedValue = new RedisStoredValue(connections, PeopleRedisKeys.DEFAULT, clock, people.store(), SIGNER);
    }

    @AfterAll
    static void closeAll() {
        fingerprints.close();
        sensor.close();
        storedValue.close();
        people.close();
        connections.close();
        UI.shutdownNow();
    }

    @BeforeEach
    void setUp() throws Exception {
        redis.flushAll();
        // what the store hub's restorer sets once balances are in Redis (none to restore in a fresh store)
        redis.call("SET", PeopleRedisKeys.DEFAULT.restored(), "member-pay-test");
        assertThat(storedValue.topUp(mia.id(), "top-up-mia", 2_000, "hq").isSuccess()).isTrue();
        assertThat(storedValue.topUp(noah.id(), "top-up-noah", 300, "hq").isSuccess()).isTrue();
        Path tillDir = Files.createTempDirectory(dataDir, "till");
        journal = SqliteSaleJournal.open(tillDir);
        Clock clock = Clock.systemUTC();
        MoneyFormat money = new MoneyFormat(Locale.US);
        onUi(() -> {
            sell = new SellViewModel(new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT), journal,
                    new SyncService(SyncSettings.standalone("till-9"), journal), null, new TransactionId.Generator(clock),
                    clock, "till-9", Currency.getInstance("EUR"), money, TEXT, TaskExecutor.sameThread(), UI::execute);
            model = new MemberPayViewModel(fingerprints, people, storedValue, sell.checkout(), "till-9", money, TEXT,
                    TaskExecutor.sameThread(), UI::execute);
            return null;
        });
        prompts = fingerprints.onPrompt(sensor.prompts());
        prompts = chain(prompts, fingerprints.onPrompt(model::prompt));
    }

    @AfterEach
    void tearDown() throws Exception {
        onUi(() -> {
            model.cancel();
            return null;
        });
        prompts.close();
        journal.close();
        if (!redis.isRunning()) {
            redis.start();
        }
    }

    private static AutoCloseable chain(AutoCloseable a, AutoCloseable b) {
        return () -> {
            a.close();
            b.close();
        };
    }

    @Test
    void theMembersFingerFindsThemAmongOthersAndEnterPaysTheSaleOnceUnderItsId() throws Exception {
        String saleId = onUi(() -> {
            sell.handleScan(MILK_EAN);
            sell.handleScan(MILK_EAN);
            sensor.place(MIA);
            model.open();
            return sell.checkout().sale().id().value();
        });
        assertThat(onUi(() -> model.messageProperty().get())).startsWith("The member places a finger on the reader to pay");
        await("Mia found with her balance").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> model.canPayProperty().get()));
        assertThat(onUi(() -> model.memberTextProperty().get())).isEqualTo("Mia Member");
        assertThat(onUi(() -> model.balanceTextProperty().get())).isEqualTo("Balance: €20.00");
        assertThat(onUi(() -> model.payTextProperty().get())).isEqualTo("Pay €10.18 from the balance (Enter)");

        onUi(() -> {
            model.confirm();
            return null;
        });
        await("the sale is paid").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> sell.stateProperty().get() == CheckoutState.PAID));
        SaleRecord record = journal.find(saleId).orElseThrow();
        assertThat(record.state()).isEqualTo(SaleState.PAID);
        assertThat(record.tenders()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TenderType.MEMBER);
            assertThat(t.amountMinor()).isEqualTo(1_018);
        });
        assertThat(storedValue.balance(mia.id())).contains(982L);
        assertThat(storedValue.balance(noah.id())).as("the other member untouched").contains(300L);
        // the same sale id again (a retry after a timeout) takes nothing more
        DebitResult again = storedValue.debit(mia.id(), saleId, 1_018, "till-9");
        assertThat(again.outcome()).isEqualTo(DebitResult.Outcome.ALREADY_DONE);
        assertThat(storedValue.balance(mia.id())).contains(982L);
    }

    @Test
    void aSmallerBalancePaysWhatItCanAndTheRestIsDueInCash() throws Exception {
        onUi(() -> {
            sell.handleScan(MILK_EAN);
            sensor.place(NOAH);
            model.open();
            return null;
        });
        await("Noah found").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> model.canPayProperty().get()));
        assertThat(onUi(() -> model.payTextProperty().get()))
                .isEqualTo("Pay €3.00 from the balance (Enter); €2.09 is left to pay another way");
        onUi(() -> {
            model.confirm();
            return null;
        });
        await("the cash panel for the rest").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> sell.stateProperty().get() == CheckoutState.CASH));
        assertThat(onUi(() -> sell.cash().dueTextProperty().get())).isEqualTo("€2.09");
        assertThat(storedValue.balance(noah.id())).contains(0L);
    }

    @Test
    void aFingerThatIsNobodysIsSaidAndTheReaderWaitsAgain() throws Exception {
        onUi(() -> {
            sell.handleScan(MILK_EAN);
            sensor.place(STRANGER);
            model.open();
            return null;
        });
        await("not a member").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> model.messageProperty().get().startsWith("That finger is not a member's here")));
        assertThat(onUi(() -> model.shownProperty().get())).isTrue();
        sensor.place(MIA);
        await("then Mia").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> model.canPayProperty().get()));
        onUi(() -> {
            model.cancel();
            return null;
        });
        assertThat(onUi(() -> sell.messageProperty().get())).isEqualTo("Member pay closed: nothing was taken");
        assertThat(storedValue.balance(mia.id())).contains(2_000L);
    }

    @Test
    @DisplayName("R18 issue 15: a faint dry press is 'press again, a little firmer', not 'not a member', and the next press finds the member")
    void aFaintPressIsAskedAgainAndTheNextPressFindsTheMember() throws Exception {
        java.util.List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();
        onUi(() -> {
            model.messageProperty().addListener((property, before, now) -> said.add(now));
            sell.handleScan(MILK_EAN);
            sensor.place(MIA).thenImage(SyntheticFinger.WIDTH, SyntheticFinger.HEIGHT, faintDryPress(MIA));
            model.open();
            return null;
        });
        await("then Mia").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> model.canPayProperty().get()));
        assertThat(said).contains("Press again, a little firmer").noneMatch(line -> line.startsWith("That finger is not a member's"));
        assertThat(onUi(() -> model.memberTextProperty().get())).isEqualTo("Mia Member");
    }

    /** A dry, light touch: a third of the finger on the glass, its ridges at a quarter of their contrast. */
    static byte[] faintDryPress(SyntheticFinger finger) {
        int width = SyntheticFinger.WIDTH;
        int height = SyntheticFinger.HEIGHT;
        byte[] grey = finger.capture(77);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean touching = Math.abs(x - width / 2) < width * 0.15 && Math.abs(y - height / 2) < height * 0.15;
                grey[y * width + x] = (byte) (touching ? 255 - (255 - (grey[y * width + x] & 0xFF)) / 4 : 255);
            }
        }
        return grey;
    }

    @Test
    void withTheLedgerDownNothingIsTakenAndTheClerkIsToldToPayAnotherWay() throws Exception {
        onUi(() -> {
            sell.handleScan(MILK_EAN);
            sensor.place(MIA);
            model.open();
            return null;
        });
        await("Mia found").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> model.canPayProperty().get()));
        redis.stop();
        onUi(() -> {
            model.confirm();
            return null;
        });
        await("refused").atMost(WAIT).pollInterval(POLL)
                .until(onUiWithSensor(() -> model.messageProperty().get().startsWith("The store's member ledger cannot be reached")));
        assertThat(onUi(() -> sell.stateProperty().get())).isEqualTo(CheckoutState.CART);
        assertThat(onUi(() -> model.canPayProperty().get())).as("Enter tries again").isTrue();
        redis.start();
        assertThat(storedValue.balance(mia.id())).contains(2_000L);
    }

    private static <T> T onUi(Callable<T> call) throws Exception {
        return UI.submit(call).get(10, TimeUnit.SECONDS);
    }

    /** {@code condition} read on the view models' UI thread; a failure of the virtual sensor ends the wait. */
    private static Callable<Boolean> onUiWithSensor(Callable<Boolean> condition) {
        return () -> {
            if (onUi(condition)) {
                return true;
            }
            sensor.check();
            return false;
        };
    }
}
