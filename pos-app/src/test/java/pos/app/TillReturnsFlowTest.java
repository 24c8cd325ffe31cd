package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
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
import pos.app.checkout.CheckoutState;
import pos.app.checkout.MessageKind;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.returns.ReturnsViewModel;
import pos.core.pay.PaymentSession;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.TenderType;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 12 point 3's "Done when" through the till's real window (headless): the real journal, the real
 * payment component, the store hub and the sandbox gateway on real sockets, real Redis and MariaDB. The
 * receipt's code is "scanned" as the wedge scanner sends it: a fast burst of keys and Enter.
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
class TillReturnsFlowTest {

    private static final Duration POLL = Duration.ofMillis(50);
    static final String WHOLE_MILK = "4098369006029"; // 5.09
    static final String SEMI_SKIMMED = "4077354684879"; // 3.49

    @TempDir
    static Path tempDir;

    static RedisProcess redis;
    static TestDatabase database;
    static SandboxGateway sandbox;
    static StoreHub hub;
    static final MutableClock CLOCK = new MutableClock();
    static int tills;

    Wiring wiring;
    /** Issue 12 integration: every till of this class prints on a virtual ESC/POS printer of its own. */
    pos.testkit.printer.VirtualEscPosPrinter printer;

    @BeforeAll
    static void startGatewayAndHub() {
        sandbox = SandboxGateway.builder().dataDir(tempDir.resolve("gateway")).port(0).fastRetries(200).build();
        sandbox.start();
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
        sandbox.setKnobs(Knobs.defaults());
        Map<String, String> settings = new LinkedHashMap<>();
        Path tillDir = tempDir.resolve("till-" + (++tills));
        printer = pos.testkit.printer.VirtualEscPosPrinter.onTcp();
        try {
            java.nio.file.Files.createDirectories(tillDir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        new pos.device.printer.PrinterSettings(pos.device.printer.PrinterSettings.Kind.NETWORK, printer.address(),
                pos.device.printer.PrinterSettings.DEFAULT_BAUD_RATE, pos.core.receipt.PaperWidth.MM80, true).save(tillDir);
        settings.put("pos.data.dir", tillDir.toString());
        settings.put("pos.till.id", "return-till-" + tills);
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.gateway.url", sandbox.baseUri().toString());
        settings.put("pos.hub.url", hub.baseUri().toString());
        settings.put("pos.hub.publicKey", pos.contract.auth.Ed25519.publicKeyText(hub.generatedResultPublicKey().orElseThrow()));
        settings.put("pos.demo", "true");
        settings.put("pos.scanner.maxGapMs", "250");
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
        sandbox.setKnobs(Knobs.defaults());
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
        printer.close();
    }

    @Test
    @DisplayName("issue 12 Done when: a return of one of two lines from a scanned receipt refunds cash")
    void oneOfTwoLinesFromAScannedReceiptRefundsCash(FxRobot robot) throws Exception {
        scan(robot, WHOLE_MILK);
        scan(robot, SEMI_SKIMMED);
        String saleId = payCashExact(robot);

        openReturnsAndScan(robot, saleId);
        assertThat(readOnFx(() -> wiring.returnsModel().rows().size())).isEqualTo(2);
        robot.push(KeyCode.DOWN); // line 2: the semi-skimmed milk
        robot.push(KeyCode.F5);
        robot.push(KeyCode.ENTER);

        ReturnRecord done = awaitReturn();
        assertThat(done.originalTransactionId()).isEqualTo(saleId);
        assertThat(done.lines()).singleElement().satisfies(line -> {
            assertThat(line.originalLineNo()).isEqualTo(2);
            assertThat(line.quantity()).isEqualTo(1);
            assertThat(line.amountMinor()).isEqualTo(349);
        });
        assertThat(done.refunds()).containsExactly(new ReturnRecord.Refund(TenderType.CASH, 349, null, null, null));
        assertThat(wiring.journal().findRecord(ReturnRecord.class, done.returnId())).contains(done);
        assertThat(readOnFx(() -> wiring.returnsModel().messageProperty().get()))
                .startsWith("Refunded €3.49: €3.49 in cash from the drawer");
        assertThat(readOnFx(() -> wiring.returnsModel().rows().get(1).left())).isZero();
        assertThat(robot.lookup(".returns-refund").queryAs(Button.class).getText()).isEqualTo("Refund (Enter)");

        // printed (issue 12 point 3): after the sale's receipt, the refund receipt with the cash back, a cut and the
        // drawer pulse, journaled as DRAWER_PULSED for the return
        await("the refund receipt comes out").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .until(() -> printer.receipts().stream().anyMatch(r -> r.strippedLines().contains("Refund")));
        pos.testkit.printer.Receipt refund = printer.awaitReceipts(2).stream()
                .filter(r -> r.strippedLines().contains("Refund")).findFirst().orElseThrow();
        assertThat(refund.strippedLines()).contains("No. " + done.returnId()).anyMatch(l -> l.contains(saleId));
        assertThat(refund.isCut()).isTrue();
        assertThat(refund.drawerPulses()).as("cash went back: the drawer opens").hasSize(1);
        await().atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> wiring.journal()
                .records(pos.core.audit.TillEvent.class, java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(86_400))
                .stream().anyMatch(e -> e.entry().kind() == pos.core.audit.AuditKind.DRAWER_PULSED
                        && done.returnId().equals(e.entry().subject())));

        robot.push(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(readOnFx(() -> wiring.returnsModel().shownProperty().get())).isFalse();
    }

    @Test
    @DisplayName("issue 12 Done when: a QR-paid sale refunds through the sandbox exactly once though the refund call times out and is retried")
    void aQrSaleRefundsOnceThroughTheSandboxDespiteATimeout(FxRobot robot) throws Exception {
        scan(robot, WHOLE_MILK);
        robot.push(KeyCode.F11);
        await("the QR code is shown").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().qr().paymentStateProperty().get()
                        == PaymentSession.State.WAITING_FOR_CUSTOMER, this::tillState));
        customerPays(readOnFx(() -> wiring.sellModel().qr().qrContentProperty().get()));
        await("the till shows paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        String saleId = readOnFx(() -> wiring.sellModel().currentSale().id().value());
        String outTradeNo = wiring.journal().findRecord(SaleRecord.class, saleId).orElseThrow().tenders().get(0).reference();
        long refundsBefore = sandbox.ledger().summary().refundsCount();
        // the first refund call is made at the sandbox but answered after the till's 5 s timeout
        sandbox.updateKnobs(k -> k.withRefundTimeouts(1)
                .withTimeoutDelayMs(SandboxPaymentGateway.DEFAULT_TIMEOUT.toMillis() + 1_500));

        openReturnsAndScan(robot, saleId);
        robot.push(KeyCode.F5);
        robot.push(KeyCode.ENTER);

        ReturnRecord done = awaitReturn();
        assertThat(sandbox.knobs().refundTimeouts()).as("the refund call timed out once").isZero();
        assertThat(done.refunds()).singleElement().satisfies(refund -> {
            assertThat(refund.type()).isEqualTo(TenderType.QR);
            assertThat(refund.amountMinor()).isEqualTo(509);
            assertThat(refund.originalReference()).isEqualTo(outTradeNo);
            assertThat(refund.refundNo()).isEqualTo(done.returnId() + "-0");
            assertThat(refund.refundId()).isNotBlank();
        });
        assertThat(sandbox.ledger().summary().refundsCount()).as("the sandbox ledger shows one refund")
                .isEqualTo(refundsBefore + 1);
        assertThat(sandbox.ledger().order(outTradeNo).orElseThrow().refundedMinor()).isEqualTo(509);
        assertThat(readOnFx(() -> wiring.returnsModel().messageProperty().get()))
                .startsWith("Refunded €5.09: €5.09 back to the QR payment");
    }

    @Test
    @DisplayName("issue 12 Done when: returning more than was sold is refused with a sentence saying what is left to return")
    void returningMoreThanSoldIsRefusedWithWhatIsLeft(FxRobot robot) throws Exception {
        scan(robot, WHOLE_MILK);
        robot.push(KeyCode.F5); // two of them
        WaitForAsyncUtils.waitForFxEvents();
        scan(robot, SEMI_SKIMMED);
        String saleId = payCashExact(robot);

        openReturnsAndScan(robot, saleId);
        robot.push(KeyCode.F5);
        robot.push(KeyCode.F5);
        robot.push(KeyCode.F5); // a third of two
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(readOnFx(() -> wiring.returnsModel().messageProperty().get()))
                .isEqualTo("Line 1 (Whole milk 1 L): 2 were sold and none returned yet, so 2 are left to return.");
        assertThat(readOnFx(() -> wiring.returnsModel().messageKindProperty().get())).isEqualTo(MessageKind.ERROR);
        assertThat(readOnFx(() -> wiring.returnsModel().rows().get(0).chosen())).isEqualTo(2);

        robot.push(KeyCode.ENTER); // the two come back
        ReturnRecord done = awaitReturn();
        assertThat(done.totalMinor()).isEqualTo(1018);

        robot.push(KeyCode.UP); // back to line 1 (the screen moved on to the next line with pieces left)
        robot.push(KeyCode.F5); // and none is left
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(readOnFx(() -> wiring.returnsModel().messageProperty().get()))
                .isEqualTo("Line 1 (Whole milk 1 L): 2 were sold and 2 already returned, so nothing is left to return.");
        assertThat(wiring.journal().records(ReturnRecord.class, java.time.Instant.EPOCH, java.time.Instant.now()
                .plusSeconds(86_400))).hasSize(1);
    }

    private void openReturnsAndScan(FxRobot robot, String saleId) {
        robot.push(KeyCode.SHORTCUT, KeyCode.U);
        await("the returns screen shows").atMost(Duration.ofSeconds(5)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.returnsModel().shownProperty().get(), this::returnsState));
        for (char c : saleId.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        await("the sale is found").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> !wiring.returnsModel().rows().isEmpty()
                        && !wiring.returnsModel().busyProperty().get(), this::returnsState));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ReturnRecord awaitReturn() throws Exception {
        await("the return is refunded and journaled").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.returnsModel().lastReturnProperty().get() != null, this::returnsState));
        return readOnFx(() -> wiring.returnsModel().lastReturnProperty().get());
    }

    private String payCashExact(FxRobot robot) throws Exception {
        robot.push(KeyCode.F9);
        robot.push(KeyCode.F10);
        robot.push(KeyCode.ENTER);
        await("the till shows paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        String saleId = readOnFx(() -> wiring.sellModel().currentSale().id().value());
        await("the sale is journaled").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .until(() -> wiring.journal().findRecord(SaleRecord.class, saleId).isPresent());
        return saleId;
    }

    private void scan(FxRobot robot, String code) {
        for (char c : code.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(wiring.sellModel().messageKindProperty().get()).as("after scanning %s: %s", code,
                wiring.sellModel().messageProperty().get()).isNotEqualTo(MessageKind.ERROR);
    }

    private CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }

    private String tillState() {
        return "the till is " + mode() + " saying: " + wiring.sellModel().messageProperty().get();
    }

    private String returnsState() {
        ReturnsViewModel model = wiring.returnsModel();
        return "returns shown=" + model.shownProperty().get() + " busy=" + model.busyProperty().get() + " rows="
                + model.rows() + " saying: " + model.messageProperty().get();
    }

    private static void customerPays(String codeUrl) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(sandbox.baseUri() + "/").resolve("sandbox/pay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code_url\":\"" + codeUrl + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }
}
