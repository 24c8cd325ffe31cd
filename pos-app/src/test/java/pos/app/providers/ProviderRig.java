package pos.app.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.MutableClock;
import pos.app.Wiring;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.MessageKind;
import pos.app.config.ConfigLoader;
import pos.app.config.KnownSettings;
import pos.app.config.TillConfig;
import pos.core.money.Money;
import pos.core.pay.PaymentSession;
import pos.core.sale.SaleRecord;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.LedgerOrder;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * What the provider flows ({@link ProviderFlows}) run on: one sandbox gateway speaking the subclass's protocol, the
 * provider opened as the hub has it (through its official SDK for WeChat Pay and Alipay), the real store hub with the
 * provider's notification reader at {@code /notify/<provider>}, real Redis and MariaDB, and for each test a fresh till
 * in the primary stage (headless) configured for the provider as a store would be. Time is one {@link MutableClock}
 * shared by the till, the hub and the sandbox's trade rules; WeChat Pay's signatures stay on the wall clock (the
 * face's own signature clock, since the SDK checks timestamps against the wall), so moving the shared clock minutes
 * on never makes a signature stale. The helpers drive the till as a clerk would (scanner bursts, keys) and read the
 * sandbox's ledger, the provider's book.
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProviderRig {

    protected static final Duration POLL = Duration.ofMillis(50);
    protected static final Duration WAIT = Duration.ofSeconds(15);
    /** 5.09 in the sample catalog (in its currency: EUR, or CNY for a Chinese store's copy). */
    protected static final String MILK_EAN = "4098369006029";
    /** The till's QR timeout (R24) and a second more. */
    protected static final Duration PAST_THE_GIVE_UP = Duration.ofSeconds(31);

    @TempDir
    static Path tempDir;
    static RedisProcess redis;
    static TestDatabase database;

    /** The till's, the hub's and the sandbox's time. */
    protected final MutableClock clock = new MutableClock();
    protected SandboxGateway sandbox;
    /** The provider as the hub has it; its gateway is also the "second attempt" of a refund. */
    protected PaymentProvider provider;
    protected StoreHub hub;
    protected Wiring wiring;
    private int tills;

    /** The sandbox's {@code --protocol}: {@code sandbox}, {@code wechatpay-v3} or {@code alipay}. */
    protected abstract String protocol();

    /** The till's and the hub's provider: {@code sandbox}, {@code wechatpay} or {@code alipay}. */
    protected abstract String provider();

    /**
     * The currency the till sells in: the bundled sample catalog's (EUR) by default; a store paid through WeChat Pay or
     * Alipay sells in CNY, configured as such a store would: {@code pos.catalog} naming its catalog, whose header says
     * {@code # currency=CNY} (here the sample's products, priced in fen).
     */
    protected String catalogCurrency() {
        return "EUR";
    }

    /** The currency of the next till started (a test may start one in another currency). */
    private String tillCurrency;

    /**
     * A customer's pay-code ending in {@code lastFour}, which picks the sandbox customer's behaviour (0000: confirms on
     * the phone after a moment; 9999: never confirms). A WeChat Pay code by default: 18 digits starting 10–15.
     */
    protected String payCode(String lastFour) {
        return "13456789012345" + lastFour;
    }

    @BeforeAll
    void startGatewayAndHub() {
        // Fast notification retries, given up only after a day of the test's clock: tests move that clock minutes on.
        sandbox = SandboxGateway.builder().protocol(protocol()).dataDir(tempDir.resolve("gateway")).port(0).clock(clock)
                .retrySchedule(new RetrySchedule(List.of(Duration.ZERO), Duration.ofMillis(200), Duration.ofDays(1)))
                .build();
        sandbox.start();
        // The provider sends its notifications to the hub, whose address must be known before the hub exists (the
        // provider's gateway is the hub's): so the hub's port is picked first.
        URI hubUri = URI.create("http://127.0.0.1:" + freeLoopbackPort() + "/");
        provider = PaymentProviders.open(new ProviderSettings(provider(), sandbox.baseUri(), sandbox.credentialsDir(),
                Map.of(), null, Duration.ofSeconds(5), Duration.ofMinutes(2), null)
                .withNotifyUrl(hubUri + "notify/" + PaymentProviders.normalise(provider())));
        hub = new StoreHub(HubSettings.builder()
                .redis(redis.uri())
                .mariaDb(database.jdbcUrl(), database.user(), database.password())
                .listen("127.0.0.1", hubUri.getPort())
                .gateway(sandbox.baseUri())
                // the sandbox protocol's notifications are the hub's own, checked with these keys; a real provider's
                // are read by its own reader at /notify/{provider}
                .notifyKeys(Map.of(SandboxGateway.DEFAULT_KEY_ID, SandboxGateway.DEFAULT_SECRET))
                .build(), provider.gateway(), clock);
        if (!PaymentProviders.SANDBOX.equals(provider.name())) {
            hub.acceptNotifications(provider.notifications());
        }
        hub.start();
        assertThat(hub.baseUri()).isEqualTo(hubUri);
    }

    @AfterAll
    void stopGatewayAndHub() {
        if (hub != null) {
            hub.close();
        }
        if (provider != null) {
            provider.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** A fresh till in the primary stage (TestFX's {@code @Start} is looked up only in the concrete class). */
    @BeforeEach
    void startTill() throws Exception {
        tillCurrency = catalogCurrency();
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(this::startTill);
    }

    /** Closes this test's till and starts a fresh one selling in {@code currency}. */
    protected void restartTill(String currency) throws Exception {
        closeTill();
        tillCurrency = currency;
        FxToolkit.setupStage(this::startTill);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The bundled sample catalog, or a copy of it in {@code currency}. */
    private static Optional<Path> catalogIn(String currency) {
        if ("EUR".equals(currency)) {
            return Optional.empty();
        }
        Path file = tempDir.resolve("catalog-" + currency + ".csv");
        try (InputStream sample = CsvCatalogLoader.class.getResourceAsStream(CsvCatalogLoader.BUNDLED_SAMPLE)) {
            assertThat(sample).as("the bundled sample catalog").isNotNull();
            String text = new String(sample.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).contains("# currency=EUR\n");
            Files.writeString(file, text.replace("# currency=EUR\n", "# currency=" + currency + "\n"));
            return Optional.of(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + currency + " catalog " + file, e);
        }
    }

    private void startTill(Stage stage) {
        sandbox.setKnobs(Knobs.defaults().withConfirmDelayMs(300));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.data.dir", tempDir.resolve("till-" + (++tills)).toString());
        settings.put("pos.till.id", provider() + "-till-" + tills);
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.gateway.url", sandbox.baseUri().toString());
        catalogIn(tillCurrency).ifPresent(file -> settings.put("pos.catalog", file.toString()));
        // Configured as a store would. A till without these settings (before the provider wiring) speaks only the
        // sandbox protocol at pos.gateway.url, which is all a sandbox run needs.
        if (KnownSettings.known("pos.gateway.provider")) {
            settings.put("pos.gateway.provider", provider());
            settings.put("pos.gateway.credentials", sandbox.credentialsDir().toString());
        } else {
            assertThat(provider()).as("this till cannot be configured for a provider: it does not know"
                    + " pos.gateway.provider").isEqualTo(PaymentProviders.SANDBOX);
        }
        settings.put("pos.hub.url", hub.baseUri().toString());
        // The hub's throw-away result key (loopback): the till trusts the hub's signed results (issue 10).
        settings.put("pos.hub.publicKey", pos.contract.auth.Ed25519.publicKeyText(hub.generatedResultPublicKey().orElseThrow()));
        settings.put("pos.demo", "true"); // the sandbox's PIN and voucher keys
        settings.put("pos.scanner.maxGapMs", "250"); // no human typing here; robust on a loaded box
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config, clock);
        Scene scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void closeTill() throws Exception {
        clock.release();
        if (!sandbox.isRunning()) {
            sandbox.start();
        }
        if (wiring != null) {
            WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(15, TimeUnit.SECONDS);
            wiring = null;
        }
    }


    /** A sale paid by QR (scan, F11, the customer pays): what the till and the journal say about it. */
    protected record Paid(String saleId, String outTradeNo, Money amount) {
    }

    protected Paid payByQr(FxRobot robot) throws Exception {
        String codeUrl = showQr(robot);
        customerPays(codeUrl);
        await("the till shows paid").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        String saleId = readOnFx(() -> wiring.sellModel().currentSale().id().value());
        Money amount = readOnFx(() -> wiring.sellModel().currentSale().total());
        await("the sale is journaled").atMost(WAIT).pollInterval(POLL)
                .until(() -> wiring.journal().findRecord(SaleRecord.class, saleId).isPresent());
        String outTradeNo = wiring.journal().findRecord(SaleRecord.class, saleId).orElseThrow().tenders().get(0).reference();
        return new Paid(saleId, outTradeNo, amount);
    }

    /** Milk in the cart, F11: the till shows the provider's code (R21); returns what the code says. */
    protected String showQr(FxRobot robot) throws Exception {
        scan(robot, MILK_EAN);
        robot.push(KeyCode.F11);
        await("the QR code is shown").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.WAITING_FOR_CUSTOMER, this::tillState));
        ImageView qr = robot.lookup(".pay-pane .image-view").queryAs(ImageView.class);
        assertThat(readOnFx(() -> qr.getImage() != null && qr.isVisible())).as("the QR image is shown").isTrue();
        String codeUrl = readOnFx(() -> wiring.sellModel().qr().qrContentProperty().get());
        assertThat(codeUrl).isNotBlank();
        return codeUrl;
    }

    /** The customer scans the code shown and pays: the sandbox's control route, whatever the protocol. */
    protected void customerPays(String codeUrl) throws Exception {
        String body = "{\"code_url\":\"" + codeUrl.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sandbox.baseUri()
                        .resolve("sandbox/pay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("the customer's payment: %s", answer.body()).isEqualTo(200);
    }

    /** A code as the wedge scanner sends it: a fast burst of keys and Enter. */
    protected void scan(FxRobot robot, String code) throws Exception {
        type(robot, code);
        assertThat(readOnFx(() -> wiring.sellModel().messageKindProperty().get())).as("after scanning %s: %s", code,
                readOnFx(() -> wiring.sellModel().messageProperty().get())).isNotEqualTo(MessageKind.ERROR);
    }

    protected static void type(FxRobot robot, String text) {
        for (char c : text.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    protected LedgerOrder order(String outTradeNo) {
        return sandbox.ledger().order(outTradeNo).orElseThrow(() -> new AssertionError("the sandbox has no order "
                + outTradeNo));
    }

    /** The payment attempt the till follows now (its out_trade_no). Read on the FX thread. */
    protected String attemptId() {
        return wiring.sellModel().checkout().payments().attemptId();
    }

    protected PaymentSession.State state() {
        return wiring.sellModel().qr().paymentStateProperty().get();
    }

    protected CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }

    protected String tillState() {
        return "the till is " + mode() + "/" + state() + " saying: " + wiring.sellModel().messageProperty().get();
    }

    protected String returnsState() {
        return "returns shown=" + wiring.returnsModel().shownProperty().get() + " busy="
                + wiring.returnsModel().busyProperty().get() + " rows=" + wiring.returnsModel().rows() + " saying: "
                + wiring.returnsModel().messageProperty().get();
    }

    private static int freeLoopbackPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on the loopback address for the store hub", e);
        }
    }
}
