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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.checkout.CheckoutState;
import pos.app.sell.SellViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.redis.RedisConnections;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.sync.SyncService;
import pos.sync.SyncSettings;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.people.PrintKeys;
import pos.sync.people.RedisStoredValue;
import pos.sync.people.TillPeople;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

/**
 * Member pay by face (issue 16 point 3, R18) without a window: the member looks at the camera, the till shows their
 * name and stored-value balance, and only the clerk's Enter takes the money (Esc takes nothing). The balance lives
 * in a real Redis, the sale in a real SQLite journal; the face reader is {@link ScriptedFaceReader}.
 */
@WithRedis
@DisplayName("R18 issue 16: member pay by face, confirmed by the clerk")
class FaceMemberPayViewModelTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Sample catalog: whole milk 1 L at €5.09. */
    static final String MILK_EAN = "4098369006029";
    static final pos.sync.auth.StreamSigner SIGNER = pos.sync.auth.StreamSigner.of(
            pos.contract.auth.TillCredential.issue("till-9", new java.security.SecureRandom()));

    static RedisProcess redis;
    @TempDir
    static Path dataDir;
    static RedisConnections connections;
    static TillPeople people;
    static RedisStoredValue storedValue;
    static Member mia;
    static Member noah;

    SqliteSaleJournal journal;
    SellViewModel sell;
    MemberPayViewModel model;

    @BeforeAll
    static void openTheStore() {
        connections = RedisConnections.create(redis.uri());
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), connections, Clock.systemUTC(), SIGNER);
        mia = people.addMember("Mia Member", Currency.getInstance("EUR"));
        noah = people.addMember("Noah Member", Currency.getInstance("EUR"));
        storedValue = new RedisStoredValue(connections, PeopleRedisKeys.DEFAULT, Clock.systemUTC(), people.store(), SIGNER);
    }

    @AfterAll
    static void closeTheStore() {
        storedValue.close();
        people.close();
        connections.close();
    }

    FaceDesk desk;

    @BeforeEach
    void setUp() throws Exception {
        redis.flushAll();
        redis.call("SET", PeopleRedisKeys.DEFAULT.restored(), "face-member-pay-test");
        assertThat(storedValue.topUp(mia.id(), "top-up-mia", 2_000, "hq").isSuccess()).isTrue();
        assertThat(storedValue.topUp(noah.id(), "top-up-noah", 300, "hq").isSuccess()).isTrue();
        desk = new FaceDesk(people, "switched off");
        for (Member member : new Member[] {mia, noah}) {
            desk.enrol(PersonKind.MEMBER, member.id(), member.name());
        }
        journal = SqliteSaleJournal.open(Files.createTempDirectory(dataDir, "till"));
        Clock clock = Clock.systemUTC();
        MoneyFormat money = new MoneyFormat(Locale.US);
        onUi(() -> {
            sell = new SellViewModel(new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT), journal,
                    new SyncService(SyncSettings.standalone("till-9"), journal), null, new TransactionId.Generator(clock),
                    clock, "till-9", Currency.getInstance("EUR"), money, TEXT, TaskExecutor.sameThread(), desk.ui());
            model = new MemberPayViewModel(desk.fingerprints, people, storedValue, sell.checkout(), "till-9", money, TEXT,
                    TaskExecutor.sameThread(), desk.ui());
            sell.handleScan(MILK_EAN);
            sell.handleScan(MILK_EAN);
            return null;
        });
    }

    @AfterEach
    void tearDown() throws Exception {
        onUi(() -> {
            model.cancel();
            return null;
        });
        desk.close();
        journal.close();
    }

    <T> T onUi(Callable<T> call) throws Exception {
        return desk.onUi(call);
    }

    void openWithFace(Fingerprints reader) throws Exception {
        onUi(() -> {
            model.useFace(reader);
            model.open();
            return null;
        });
    }

    @Test
    @DisplayName("R18 issue 16: the member's face shows their name and balance; nothing is taken until the clerk's Enter")
    void theMembersFaceShowsNameAndBalanceAndEnterPays() throws Exception {
        openWithFace(desk.faces);
        assertThat(onUi(() -> model.faceTextProperty().get())).isEqualTo("Member: look at the camera");

        desk.camera.show("Mia Member", 1);

        await("Mia found with her balance").atMost(WAIT).until(() -> onUi(() -> model.canPayProperty().get()));
        assertThat(onUi(() -> model.memberTextProperty().get())).isEqualTo("Mia Member");
        assertThat(onUi(() -> model.balanceTextProperty().get())).isEqualTo("Balance: €20.00");
        assertThat(onUi(() -> model.payTextProperty().get())).isEqualTo("Pay €10.18 from the balance (Enter)");
        assertThat(storedValue.balance(mia.id())).as("nothing taken before the clerk confirms").contains(2_000L);
        assertThat(onUi(() -> sell.stateProperty().get())).isNotEqualTo(CheckoutState.PAID);

        String saleId = onUi(() -> {
            String id = sell.checkout().sale().id().value();
            model.confirm();
            return id;
        });

        await("the sale is paid").atMost(WAIT).until(() -> onUi(() -> sell.stateProperty().get() == CheckoutState.PAID));
        assertThat(journal.find(saleId).orElseThrow()).satisfies(record -> {
            assertThat(record.state()).isEqualTo(SaleState.PAID);
            assertThat(record.tenders()).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo(TenderType.MEMBER);
                assertThat(t.amountMinor()).isEqualTo(1_018);
            });
        });
        assertThat(storedValue.balance(mia.id())).contains(982L);
        assertThat(storedValue.balance(noah.id())).as("the other member untouched").contains(300L);
    }

    @Test
    @DisplayName("R18 issue 16: Esc after the face was recognised takes nothing")
    void escAfterTheFaceTakesNothing() throws Exception {
        openWithFace(desk.faces);
        desk.camera.show("Mia Member", 1);
        await("Mia found").atMost(WAIT).until(() -> onUi(() -> model.canPayProperty().get()));

        onUi(() -> {
            model.cancel();
            return null;
        });

        assertThat(onUi(() -> model.shownProperty().get())).isFalse();
        assertThat(onUi(() -> sell.stateProperty().get())).isEqualTo(CheckoutState.CART);
        assertThat(storedValue.balance(mia.id())).contains(2_000L);
    }

    @Test
    @DisplayName("R18 issue 16: a stranger's face gets a clear sentence and the camera is watched on")
    void aStrangersFaceIsRefusedAndTheCameraWatchedOn() throws Exception {
        openWithFace(desk.faces);

        desk.camera.show("Not a member", 1);

        await("the stranger is refused").atMost(WAIT).until(() -> onUi(() -> model.messageProperty().get())
                .equals("That face is not a member's here: look at the camera again, or pay another way"));
        assertThat(onUi(() -> model.memberTextProperty().get())).isEmpty();
        assertThat(onUi(() -> model.canPayProperty().get())).isFalse();

        desk.camera.show("Noah Member", 1);
        await("Noah found").atMost(WAIT).until(() -> onUi(() -> model.memberTextProperty().get()).equals("Noah Member"));
        await("his balance shown").atMost(WAIT).until(() -> onUi(() -> model.balanceTextProperty().get())
                .equals("Balance: €3.00"));
    }

    @Test
    @DisplayName("issue 16: with face off or its reader not ready, member pay shows nothing about face")
    void withoutAReadyFaceReaderNothingAboutFaceShows() throws Exception {
        onUi(() -> {
            model.open();
            return null;
        });
        assertThat(onUi(() -> model.faceTextProperty().get())).as("face off").isEmpty();
        onUi(() -> {
            model.cancel();
            return null;
        });
        try (Fingerprints noCamera = Fingerprints.face(ScriptedFaceReader.unavailable("no camera found"), people)) {
            openWithFace(noCamera);
            assertThat(onUi(() -> model.faceTextProperty().get())).as("no camera").isEmpty();
            assertThat(onUi(() -> model.shownProperty().get())).isTrue();
        }
        assertThat(desk.camera.identifications()).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en-US | The member looks at the camera to pay €10.18 from their balance. Esc: pay another way. | finger
            zh-CN | 请会员看摄像头，用余额支付 €10.18。Esc：换其他付款方式。                                  | 手指
            """)
    @DisplayName("R18 issue 16: with the face and no fingerprint reader, member pay's intro names the camera and nothing about a finger shows")
    void theIntroNamesTheFaceAndNotTheMissingFinger(String tag, String intro, String finger) throws Exception {
        Locale locale = Locale.forLanguageTag(tag);
        MemberPayViewModel local = onUi(() -> new MemberPayViewModel(desk.fingerprints, people, storedValue, sell.checkout(),
                "till-9", new MoneyFormat(Locale.US), pos.app.i18n.Texts.forLocale(locale), TaskExecutor.sameThread(),
                desk.ui()));
        onUi(() -> {
            local.useFace(desk.faces);
            local.open();
            return null;
        });
        try {
            assertThat(onUi(() -> local.messageProperty().get())).isEqualTo(intro).doesNotContain(finger);
            assertThat(onUi(() -> local.fingerTextProperty().get())).as("the missing fingerprint reader is not mentioned").isEmpty();
            assertThat(onUi(() -> local.faceTextProperty().get())).isNotEmpty();
        } finally {
            onUi(() -> {
                local.cancel();
                return null;
            });
        }
    }
}
