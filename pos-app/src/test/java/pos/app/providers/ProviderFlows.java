package pos.app.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.described;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.MutableClock;
import pos.app.Wiring;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.MessageKind;
import pos.app.config.ConfigLoader;
import pos.app.config.KnownSettings;
import pos.app.config.TillConfig;
import pos.core.money.Money;
import pos.core.pay.PaymentSession;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.TenderType;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.LedgerOrder;
import pos.gateway.sandbox.api.LedgerSummary;
import pos.gateway.sandbox.api.TradeState;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.NotificationStatus;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * The till's payment flows (issue 13, "Done when" point 1) written once for every payment provider: a subclass names
 * the protocol the sandbox gateway speaks and the provider the till and the hub are configured with, and the same six
 * flows run through the till's real window (headless), its payment component, the provider's adapter (for WeChat Pay
 * and Alipay: their official SDKs), the real store hub with the provider's notification reader, real Redis and
 * MariaDB, and the sandbox on a real socket. The sandbox's ledger is the provider's book: what it charged and gave back.
 *
 * <p>One sandbox and one hub serve the whole class; each test gets a fresh till. Time is one {@link MutableClock}
 * shared by the till, the hub and the sandbox, so the 30 s give-up (R24), the pay-code schedule and the providers'
 * documented minimums (a close not within 5 minutes of the order, a reversal not within 15 s of the charge) are
 * driven, not waited out. The test that moves the clock furthest runs last ({@link Order}).
 */
@WithRedis
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ProviderFlows {

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration WAIT = Duration.ofSeconds(15);
    /** 5.09 in the sample catalog. */
    protected static final String MILK_EAN = "4098369006029";
    /** The till's QR timeout (R24) and a second more. */
    private static final Duration PAST_THE_GIVE_UP = Duration.ofSeconds(31);

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
        FxToolkit.registerPrimaryStage();
        FxToolkit.setupStage(this::startTill);
    }

    private void startTill(Stage stage) {
        sandbox.setKnobs(Knobs.defaults().withConfirmDelayMs(300));
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.data.dir", tempDir.resolve("till-" + (++tills)).toString());
        settings.put("pos.till.id", provider() + "-till-" + tills);
        settings.put("pos.redis.url", redis.uri());
        settings.put("pos.gateway.url", sandbox.baseUri().toString());
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

    // ---- the six flows ----

    @Test
    @Order(1)
    @DisplayName("R16 R17 R21 R22 QR to success: the till shows the code, the customer pays, the till shows paid; one charge of the amount, the sale journaled")
    void qrToSuccess(FxRobot robot) throws Exception {
        LedgerSummary before = sandbox.ledger().summary();
        Paid paid = payByQr(robot);

        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get())).startsWith("Paid ");
        assertThat(readOnFx(() -> wiring.sellModel().qr().paidProperty().get())).as("the result page says paid (R17)").isTrue();
        assertThat(sandbox.ledger().chargeCount(paid.outTradeNo())).isEqualTo(1);
        assertThat(order(paid.outTradeNo())).satisfies(o -> {
            assertThat(o.chargedMinor()).isEqualTo(paid.amount().minorUnits());
            assertThat(o.amount().currency()).isEqualTo(paid.amount().currency().getCurrencyCode());
            assertThat(o.refundedMinor()).isZero();
        });
        LedgerSummary after = sandbox.ledger().summary();
        assertThat(after.chargesCount() - before.chargesCount()).isEqualTo(1);
        assertThat(after.netMinor() - before.netMinor()).isEqualTo(paid.amount().minorUnits());
        SaleRecord sale = wiring.journal().findRecord(SaleRecord.class, paid.saleId()).orElseThrow();
        assertThat(sale.tenders()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TenderType.QR);
            assertThat(t.reference()).isEqualTo(paid.outTradeNo());
        });
    }

    @Test
    @Order(2)
    @DisplayName("R16 R17 R22 R23 pay-code through USERPAYING to success: queried until the customer confirms; one charge")
    void payCodeThroughUserPayingToSuccess(FxRobot robot) throws Exception {
        long netBefore = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        scan(robot, payCode("0000")); // the customer must confirm on the phone
        await("the customer is paying").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.USER_PAYING, this::tillState));
        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get())).contains("confirming");
        String outTradeNo = readOnFx(this::attemptId);
        for (int i = 0; i < 8 && readOnFx(this::mode) != CheckoutState.PAID; i++) {
            clock.advance(Duration.ofSeconds(3)); // the pay-code queries: first after 5 s, then every 3 s
            WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        }
        await("the till shows paid").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        Money amount = readOnFx(() -> wiring.sellModel().currentSale().total());
        assertThat(readOnFx(() -> wiring.sellModel().currentSale().tenders().get(0).type())).isEqualTo(TenderType.PAY_CODE);
        assertThat(sandbox.ledger().chargeCount(outTradeNo)).isEqualTo(1);
        assertThat(order(outTradeNo).chargedMinor()).isEqualTo(amount.minorUnits());
        assertThat(sandbox.ledger().summary().netMinor() - netBefore).isEqualTo(amount.minorUnits());
    }

    @Test
    @Order(3)
    @DisplayName("R16 R17 R23 pay-code through USERPAYING never confirmed: reversed, not sooner than the provider allows; the ledger's net unchanged")
    void payCodeThroughUserPayingToReverse(FxRobot robot) throws Exception {
        long netBefore = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        Instant scannedAt = clock.instant();
        scan(robot, payCode("9999")); // never confirmed
        await("the customer is paying").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.USER_PAYING, this::tillState));
        String outTradeNo = readOnFx(this::attemptId);
        // the charge was sent after scannedAt, so its reversal may not come before this
        Instant reverseNotBefore = provider.gateway().reverseNotBefore(scannedAt);
        List<String> looks = new ArrayList<>();
        for (int i = 0; i < 25 && readOnFx(this::state) != PaymentSession.State.CANCELLED; i++) {
            Instant now = clock.instant();
            TradeState seen = order(outTradeNo).tradeState();
            looks.add(seen + " at +" + Duration.between(scannedAt, now).toSeconds() + " s");
            if (now.isBefore(reverseNotBefore)) {
                assertThat(seen).as("the order before the provider's reversal minimum; looks so far: %s", looks)
                        .isNotEqualTo(TradeState.REVOKED);
            }
            clock.advance(Duration.ofSeconds(5)); // a query per step; the till gives up after 45 s
            WaitForAsyncUtils.sleep(250, TimeUnit.MILLISECONDS);
        }
        await("the payment is cancelled").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.CANCELLED, this::tillState));
        assertThat(readOnFx(this::mode)).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        await("the order is reversed at the provider").atMost(WAIT).pollInterval(POLL)
                .until(() -> order(outTradeNo).tradeState() == TradeState.REVOKED);
        assertThat(clock.instant()).isAfterOrEqualTo(reverseNotBefore);
        assertThat(sandbox.ledger().chargeCount(outTradeNo)).isZero();
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(netBefore);
    }

    @Test
    @Order(4)
    @DisplayName("R16 R17 R21 a returned QR sale is refunded to the provider once: a second attempt with the same refund number refunds nothing more")
    void refundOfAReturnedSale(FxRobot robot) throws Exception {
        Paid paid = payByQr(robot);
        LedgerSummary before = sandbox.ledger().summary();

        robot.push(KeyCode.SHORTCUT, KeyCode.U); // the returns screen
        await("the returns screen shows").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.returnsModel().shownProperty().get(), this::returnsState));
        type(robot, paid.saleId());
        await("the sale is found").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> !wiring.returnsModel().rows().isEmpty()
                        && !wiring.returnsModel().busyProperty().get(), this::returnsState));
        robot.push(KeyCode.F5); // one of the line's one piece
        robot.push(KeyCode.ENTER); // refund
        await("the return is refunded and journaled").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.returnsModel().lastReturnProperty().get() != null, this::returnsState));
        ReturnRecord done = readOnFx(() -> wiring.returnsModel().lastReturnProperty().get());

        assertThat(done.refunds()).singleElement().satisfies(refund -> {
            assertThat(refund.type()).isEqualTo(TenderType.QR);
            assertThat(refund.amountMinor()).isEqualTo(paid.amount().minorUnits());
            assertThat(refund.originalReference()).isEqualTo(paid.outTradeNo());
            assertThat(refund.refundNo()).isNotBlank();
        });
        String refundNo = done.refunds().get(0).refundNo();
        assertThat(sandbox.ledger().summary().refundsCount() - before.refundsCount()).isEqualTo(1);
        assertThat(order(paid.outTradeNo()).refundedMinor()).isEqualTo(paid.amount().minorUnits());

        // the same refund asked again through the provider (as a till that lost the answer would): nothing more
        provider.gateway().refund(paid.outTradeNo(), refundNo, paid.amount(), paid.amount(), "the same refund again");
        assertThat(sandbox.ledger().summary().refundsCount() - before.refundsCount()).isEqualTo(1);
        assertThat(order(paid.outTradeNo()).refundedMinor()).isEqualTo(paid.amount().minorUnits());
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(before.netMinor() - paid.amount().minorUnits());
    }

    @Test
    @Order(5)
    @DisplayName("R22 R23 R24 a payment after the till gave up reaches the hub by notification and is refunded once, whatever repeats")
    void latePaymentAfterTheGiveUpIsRefundedOnce(FxRobot robot) throws Exception {
        sandbox.updateKnobs(k -> k.withDuplicateNotifyRate(1.0)); // every notification arrives twice
        LedgerSummary before = sandbox.ledger().summary();
        Instant shownAt = clock.instant();
        String codeUrl = showQr(robot);
        String outTradeNo = readOnFx(this::attemptId);
        Money amount = readOnFx(() -> wiring.sellModel().currentSale().total());
        // A provider that may close at once gets the till's close at the give-up unless it cannot be reached then; one
        // that documents a later close (WeChat Pay) leaves the order payable after the give-up anyway.
        boolean closesAtOnce = provider.gateway().closeNotBefore(shownAt).isBefore(shownAt.plus(PAST_THE_GIVE_UP));
        if (closesAtOnce) {
            sandbox.stop();
        }
        clock.advance(PAST_THE_GIVE_UP);
        await("the till gives up").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.TIMED_OUT, this::tillState));

        // The clock held: the till's own queries and close retries are not due, so only the hub can tell it now.
        clock.hold();
        if (closesAtOnce) {
            sandbox.start();
        }
        assertThat(order(outTradeNo).tradeState()).as("still payable").isEqualTo(TradeState.NOTPAY);
        customerPays(codeUrl);
        await("the hub took the provider's notification").atMost(WAIT).pollInterval(POLL)
                .until(() -> sandbox.ledger().notifications(outTradeNo).stream()
                        .anyMatch(n -> n.status() == NotificationStatus.DELIVERED && n.eventType().startsWith("TRANSACTION")));
        await("the late payment is refunded").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(described(() -> order(outTradeNo).refundedMinor() == amount.minorUnits(), this::tillState));
        await("the till says so").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().messageProperty().get().contains("was refunded"),
                        this::tillState));
        clock.release();

        // Repeats: the duplicated notifications, the till's late watch (queries every 15 s), the clerk checking again.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(20));
            robot.push(KeyCode.F10);
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        }
        await("every notification delivered").atMost(WAIT).pollInterval(POLL)
                .until(() -> sandbox.ledger().notifications(outTradeNo).stream()
                        .allMatch(n -> n.status() == NotificationStatus.DELIVERED));
        List<NotificationRow> notices = sandbox.ledger().notifications(outTradeNo);
        assertThat(notices).extracting(NotificationRow::eventType).anyMatch(t -> t.startsWith("REFUND"));
        assertThat(order(outTradeNo)).satisfies(o -> {
            assertThat(o.chargedMinor()).isEqualTo(amount.minorUnits());
            assertThat(o.refundedMinor()).isEqualTo(amount.minorUnits());
        });
        LedgerSummary after = sandbox.ledger().summary();
        assertThat(after.chargesCount() - before.chargesCount()).as("one charge").isEqualTo(1);
        assertThat(after.refundsCount() - before.refundsCount()).as("one refund").isEqualTo(1);
        assertThat(after.netMinor()).isEqualTo(before.netMinor());
        assertThat(readOnFx(this::mode)).isNotEqualTo(CheckoutState.PAID);
    }

    @Test
    @Order(6) // last: it may move the clock minutes on (a WeChat Pay order is not closed within 5 minutes)
    @DisplayName("R23 R24 QR to the 30 s give-up: the till says so and offers pay again, check again, other tender; nothing taken; the order closed at the provider when its rules allow")
    void qrToTheGiveUp(FxRobot robot) throws Exception {
        long netBefore = sandbox.ledger().summary().netMinor();
        Instant shownAt = clock.instant();
        showQr(robot);
        String outTradeNo = readOnFx(this::attemptId);
        Instant closeNotBefore = provider.gateway().closeNotBefore(shownAt);

        clock.advance(PAST_THE_GIVE_UP);
        await("the QR payment times out").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.TIMED_OUT, this::tillState));
        assertThat(readOnFx(this::mode)).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get())).containsIgnoringCase("no payment arrived in time");
        assertThat(readOnFx(() -> robot.lookup(".pay-pane .button").queryAllAs(Button.class).stream()
                .filter(Node::isVisible).map(Button::getText).toList()))
                .contains("Pay again (Enter)", "Check again (F10)", "Other tender (Esc)");
        assertThat(sandbox.ledger().chargeCount(outTradeNo)).isZero();
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(netBefore);

        if (clock.instant().isBefore(closeNotBefore)) {
            // not closed yet: the provider's minimum is minutes away; just before it, still open
            clock.advance(Duration.between(clock.instant(), closeNotBefore).minusSeconds(10));
            WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS); // a few of the till's ticks
            assertThat(order(outTradeNo).tradeState()).as("the order %s s before the provider allows a close",
                    Duration.between(clock.instant(), closeNotBefore).toSeconds()).isEqualTo(TradeState.NOTPAY);
            clock.advance(Duration.ofSeconds(20));
        }
        await("the order is closed at the provider").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(described(() -> order(outTradeNo).tradeState() == TradeState.CLOSED, this::tillState));
        assertThat(sandbox.ledger().chargeCount(outTradeNo)).isZero();
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(netBefore);

        robot.push(KeyCode.ESCAPE); // other tender: back to the cart, nothing lost
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(readOnFx(this::mode)).isEqualTo(CheckoutState.CART);
        assertThat(readOnFx(() -> wiring.sellModel().cart().rows().size())).isEqualTo(1);
    }

    // ---- helpers ----

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

    private static void type(FxRobot robot, String text) {
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
    private String attemptId() {
        return wiring.sellModel().checkout().payments().attemptId();
    }

    private PaymentSession.State state() {
        return wiring.sellModel().qr().paymentStateProperty().get();
    }

    private CheckoutState mode() {
        return wiring.sellModel().stateProperty().get();
    }

    private String tillState() {
        return "the till is " + mode() + "/" + state() + " saying: " + wiring.sellModel().messageProperty().get();
    }

    private String returnsState() {
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
