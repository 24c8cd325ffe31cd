package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.described;
import static pos.app.testing.FxConditions.onFx;

import com.google.zxing.BarcodeFormat;
import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.checkout.CheckoutState;
import pos.core.money.Money;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherKeys;
import pos.device.webcam.FrameFeedDevice;
import pos.device.webcam.FrameFeedDriver;
import pos.device.webcam.SyntheticFrames;
import pos.device.webcam.WebcamCameras;
import pos.device.webcam.WebcamPreview;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.contract.redis.RedisConnections;
import pos.hub.voucher.IssuedVoucher;
import pos.hub.voucher.MariaDbVoucherStore;
import pos.hub.voucher.VoucherIssuer;
import pos.contract.voucher.VoucherRedisKeys;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Products and vouchers scanned through the webcam path into a sale, in the till's real window
 * (headless): our own webcam-capture driver serves camera frames (a product's EAN-13, a product
 * voucher's QR code, an amount voucher's QR code); ZXing decodes them on the scanner's threads; the
 * sell screen adds the product, redeems the vouchers once through the store's Redis (R1, R2) and
 * applies them; the hub answers the customer's query (R3) and archives the successes in MariaDB
 * with their order numbers (R4). Real Redis, MariaDB and store hub.
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
class TillWebcamVoucherFlowTest {

    private static final Duration POLL = Duration.ofMillis(50);

    static final String MILK_EAN = "4098369006029"; // 5.09 in the sample catalog
    static final String MILK_CODE = "1001";

    @TempDir
    static Path tempDir;

    static RedisProcess redis;
    static TestDatabase database;
    static StoreHub hub;
    static List<IssuedVoucher> amountVouchers;
    static List<IssuedVoucher> productVouchers;

    final SyntheticFrames frames = new SyntheticFrames(11);
    final BufferedImage counter = frames.counter();
    FrameFeedDevice camera;
    Wiring wiring;

    @BeforeAll
    static void startHubAndIssueVouchers() {
        hub = new StoreHub(HubSettings.builder()
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(java.net.URI.create("http://127.0.0.1:9/"))
                .notifyKeys(Map.of("k1", "s1"))
                .build());
        hub.start();
        try (RedisConnections connections = RedisConnections.create(redis.uri());
                MariaDbVoucherStore store = MariaDbVoucherStore.create(database.jdbcUrl(), database.user(), database.password(),
                        2, Clock.systemUTC())) {
            VoucherIssuer issuer = new VoucherIssuer(VoucherKeys.sandbox(), store, connections, VoucherRedisKeys.DEFAULT,
                    Clock.systemUTC());
            Instant expires = Instant.now().plus(Duration.ofDays(30)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
            amountVouchers = issuer.issue(1, new VoucherBenefit.AmountOff(Money.ofMinor(300, "EUR")), "Ada-", expires, "store-1");
            productVouchers = issuer.issue(1, new VoucherBenefit.Product(MILK_CODE), "Grace-", expires, "store-1");
        }
    }

    @AfterAll
    static void stopHub() {
        if (hub != null) {
            hub.close();
        }
    }

    @Start
    void start(Stage stage) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.data.dir", tempDir.resolve("till").toString());
        settings.put("pos.till.id", "webcam-till");
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.webcam", "auto");
        settings.put("pos.demo", "true"); // the sandbox's voucher key
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        camera = new FrameFeedDevice("Test camera", 20, List.of(counter));
        Wiring.applyTheme();
        wiring = Wiring.start(config, Clock.systemDefaultZone(), WebcamCameras.simulated(new FrameFeedDriver(camera)));
        Scene scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
    }

    @Test
    @DisplayName("R1 R2 R3 R4: a product, a product voucher and an amount voucher shown to the webcam make a paid sale")
    void productsAndVouchersThroughTheWebcam(FxRobot robot) throws Exception {
        await("the test camera runs").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().status().cameraTextProperty().get().equals("Camera: Test camera"), this::tillState));

        show(frames.frame(frames.barcode(MILK_EAN, BarcodeFormat.EAN_13, 380, 160), 4));
        await("the webcam's read in the cart").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().cart().rows().size() == 1, this::tillState));
        show(counter);

        IssuedVoucher milkFree = productVouchers.get(0);
        show(frames.frame(frames.qr(milkFree.code(), 300), -6));
        // wait for the whole answer on the UI thread (line added, then the message), not the first half of it
        await("the milk voucher is applied").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().messageProperty().get().startsWith("Voucher: Whole milk 1 L free for Grace-0001"), this::tillState));
        assertThat(wiring.sellModel().cart().rows()).hasSize(2);
        assertThat(wiring.sellModel().cart().rows().get(1).total()).isEqualTo("€0.00");
        show(counter);

        IssuedVoucher threeEuros = amountVouchers.get(0);
        show(frames.frame(frames.qr(threeEuros.code(), 300), 0));
        await("the €3.00 voucher is applied").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().stateProperty().get() == CheckoutState.CASH
                        && wiring.sellModel().messageProperty().get().startsWith("Voucher: €3.00 paid for Ada-0001"), this::tillState));
        show(counter);
        assertThat(wiring.sellModel().currentSale().tenders()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TenderType.VOUCHER);
            assertThat(t.amount()).isEqualTo(Money.ofMinor(300, "EUR"));
        });
        assertThat(wiring.sellModel().stateProperty().get()).isEqualTo(CheckoutState.CASH);
        assertThat(wiring.sellModel().cash().dueTextProperty().get()).isEqualTo("€2.09");

        // the same voucher shown again is not applied twice
        show(frames.frame(frames.qr(threeEuros.code(), 280), 3));
        WaitForAsyncUtils.sleep(2, TimeUnit.SECONDS);
        show(counter);
        assertThat(wiring.sellModel().currentSale().tenders()).hasSize(1);

        WebcamPreview preview = robot.lookup(".webcam-preview").queryAs(WebcamPreview.class);
        assertThat(preview.framesShown()).as("the live picture is on screen").isPositive();
        assertThat(preview.flashes()).as("a flash on every read").isGreaterThanOrEqualTo(3);

        // R3: the customer's side asks the hub; R4: successes are archived in MariaDB with their order numbers
        for (IssuedVoucher v : List.of(milkFree, threeEuros)) {
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    hub.baseUri().resolve("/vouchers/" + v.voucher().voucherId())).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("SUCCESS").contains("webcam-till");
        }
        try (MariaDbVoucherStore store = MariaDbVoucherStore.create(database.jdbcUrl(), database.user(), database.password(), 1,
                Clock.systemUTC())) {
            await("both redemptions in MariaDB").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                    .untilAsserted(described(() -> store.redemption(threeEuros.voucher().voucherId()).isPresent()
                            && store.redemption(milkFree.voucher().voucherId()).isPresent(), this::tillState));
            assertThat(store.redemption(threeEuros.voucher().voucherId()).orElseThrow().tillId()).isEqualTo("webcam-till");
        }

        robot.write("5");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        await("the sale is paid").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().currentSale().state() == SaleState.PAID, this::tillState));
        await("the sale is journaled").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .untilAsserted(described(() -> wiring.journal().count() == 1, this::tillState));
        assertThat(wiring.sellModel().stateProperty().get()).isEqualTo(CheckoutState.PAID);
    }

    private void show(BufferedImage frame) {
        camera.play(List.of(frame));
    }

    private String tillState() {
        return "the till is " + wiring.sellModel().stateProperty().get() + " saying: " + wiring.sellModel().messageProperty().get()
                + " / " + wiring.sellModel().status().cameraTextProperty().get();
    }
}
