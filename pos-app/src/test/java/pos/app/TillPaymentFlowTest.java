package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
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
import pos.core.pay.PaymentSession;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * QR pay and pay-code through the till's real window (headless), its real payment component, the
 * real store hub and the project's sandbox gateway on real sockets, real Redis and MariaDB. Time
 * is a clock the test moves forward: the 30 s timeout and the pay-code schedule are driven, not
 * waited out.
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
class TillPaymentFlowTest {

    private static final Duration POLL = Duration.ofMillis(50);

    static final String MILK_EAN = "4098369006029"; // 5.09 in the sample catalog

    @TempDir
    static Path tempDir;

    static RedisProcess redis;
    static TestDatabase database;
    static SandboxGateway sandbox;
    static StoreHub hub;
    static final MutableClock CLOCK = new MutableClock();
    static int tills;

    Wiring wiring;

    @BeforeAll
    static void startGatewayAndHub() {
        sandbox = SandboxGateway.builder().dataDir(tempDir.resolve("gateway")).port(0).fastRetries(200).build();
        sandbox.start();
        sandbox.updateKnobs(k -> k.withConfirmDelayMs(300));
        hub = new StoreHub(HubSettings.builder()
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .build(), new SandboxPaymentGateway(sandbox.baseUri()), CLOCK);
        hub.start();
    }

    @AfterAll
    static void stopGatewayAndHub() {
        if (hub != null) {
            hub.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Start
    void start(Stage stage) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.data.dir", tempDir.resolve("till-" + (++tills)).toString());
        settings.put("pos.till.id", "pay-till-" + tills);
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.gateway.url", sandbox.baseUri().toString());
        settings.put("pos.hub.url", hub.baseUri().toString());
        // The hub's throw-away result key (loopback): the till trusts the hub's signed results (issue 10).
        settings.put("pos.hub.publicKey", pos.contract.auth.Ed25519.publicKeyText(hub.generatedResultPublicKey().orElseThrow()));
        settings.put("pos.demo", "true"); // the sandbox's PIN and voucher keys
        settings.put("pos.scanner.maxGapMs", "250"); // no human typing here; robust on a loaded CI box
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config, CLOCK);
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
    @DisplayName("R21 R22 QR pay: the till shows the code, the customer pays, the result arrives and the sale reaches MariaDB")
    void qrPayToSuccess(FxRobot robot) throws Exception {
        long before = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        robot.push(KeyCode.F11);
        await("the QR code is shown").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.WAITING_FOR_CUSTOMER, this::tillState));
        ImageView qr = robot.lookup(".pay-pane .image-view").queryAs(ImageView.class);
        assertThat(qr.getImage()).isNotNull();
        assertThat(qr.isVisible()).isTrue();
        String codeUrl = wiring.sellModel().qr().qrContentProperty().get();
        assertThat(codeUrl).startsWith("sandbox://pay/");

        customerPays(codeUrl);
        await("the till shows paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        String saleId = wiring.sellModel().currentSale().id().value();
        assertThat(wiring.sellModel().messageProperty().get()).startsWith("Paid €5.09");
        assertThat(sandbox.ledger().summary().netMinor() - before).isEqualTo(509);
        assertThat(wiring.journal().find(saleId)).hasValueSatisfying(r -> assertThat(r.tenders().get(0).reference()).isNotNull());
    }

    @Test
    @DisplayName("R24 no final state after 30 s: the till closes the order and offers pay again, check again, other tender")
    void qrPayToTheTimeout(FxRobot robot) {
        long before = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        robot.push(KeyCode.F11);
        await("the QR code is shown").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.WAITING_FOR_CUSTOMER, this::tillState));
        Label countdown = robot.lookup(".pay-countdown").queryAs(Label.class);
        await("the countdown").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .untilAsserted(onFx(() -> countdown.getText().endsWith("s left"), this::tillState));

        CLOCK.advance(Duration.ofSeconds(31));
        await("the QR payment times out").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.TIMED_OUT, this::tillState));
        assertThat(mode()).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        assertThat(robot.lookup(".pay-pane .button").queryAllAs(javafx.scene.control.Button.class))
                .filteredOn(javafx.scene.Node::isVisible).extracting(javafx.scene.control.Button::getText)
                .contains("Pay again (Enter)", "Check again (F10)", "Other tender (Esc)");
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(before);

        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(mode()).isEqualTo(CheckoutState.CART);
        assertThat(wiring.sellModel().cart().rows()).hasSize(1);
    }

    @Test
    @DisplayName("QR pay to a failure: with the gateway unreachable the till says so and cash still works")
    void qrPayToFailure(FxRobot robot) throws Exception {
        scan(robot, MILK_EAN);
        sandbox.stop();
        try {
            robot.push(KeyCode.F11);
            await("the payment problem").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                    .untilAsserted(onFx(() -> mode() == CheckoutState.PAYMENT_PROBLEM, this::tillState));
            assertThat(wiring.sellModel().messageProperty().get()).contains("cannot be reached");
        } finally {
            sandbox.start();
        }
        robot.push(KeyCode.ESCAPE);
        robot.push(KeyCode.F9);
        robot.push(KeyCode.F10);
        robot.push(KeyCode.ENTER);
        await("the till shows paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        assertThat(wiring.sellModel().currentSale().tenders().get(0).type()).isEqualTo(pos.core.sale.TenderType.CASH);
    }

    @Test
    @DisplayName("pay-code through USERPAYING to success: the customer confirms on the phone")
    void payCodeThroughUserPayingToSuccess(FxRobot robot) {
        scan(robot, MILK_EAN);
        scan(robot, "134567890123450000"); // ends in 0000: the customer must confirm
        await("the customer is paying").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.USER_PAYING, this::tillState));
        assertThat(wiring.sellModel().messageProperty().get()).contains("confirming");
        for (int i = 0; i < 6 && mode() != CheckoutState.PAID; i++) {
            CLOCK.advance(Duration.ofSeconds(3)); // the query schedule: first after 5 s, then every 3 s
            WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        }
        await("the till shows paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        assertThat(wiring.sellModel().currentSale().tenders().get(0).type()).isEqualTo(pos.core.sale.TenderType.PAY_CODE);
    }

    @Test
    @DisplayName("pay-code never confirmed: reversed after the schedule, nothing kept")
    void payCodeThroughUserPayingToReversal(FxRobot robot) {
        long before = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        scan(robot, "134567890123459999"); // ends in 9999: never confirmed
        await("the customer is paying").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.USER_PAYING, this::tillState));
        for (int i = 0; i < 20 && state() != PaymentSession.State.CANCELLED; i++) {
            CLOCK.advance(Duration.ofSeconds(3));
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        }
        await("the payment is cancelled").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.CANCELLED, this::tillState));
        assertThat(mode()).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(before);
    }

    private void scan(FxRobot robot, String code) {
        for (char c : code.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().messageKindProperty().get()).as("after scanning %s: %s", code,
                wiring.sellModel().messageProperty().get()).isNotEqualTo(pos.app.checkout.MessageKind.ERROR);
    }

    private PaymentSession.State state() {
        return wiring.sellModel().qr().paymentStateProperty().get();
    }

    private CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }

    private static void customerPays(String codeUrl) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sandbox.baseUri().resolve("/sandbox/pay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code_url\":\"" + codeUrl + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    private String tillState() {
        return "the till is " + mode() + "/" + state() + " saying: " + wiring.sellModel().messageProperty().get();
    }
}
