package pos.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.described;
import static pos.app.testing.FxConditions.onFx;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import picocli.CommandLine;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.checkout.CheckoutState;
import pos.contract.auth.Ed25519;
import pos.contract.auth.SecretFiles;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.redis.RedisAcl;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisCredentials;
import pos.contract.redis.RedisSettings;
import pos.contract.rules.RuleBaseJson;
import pos.contract.rules.RuleBaseSignature;
import pos.contract.voucher.VoucherRedisKeys;
import pos.core.money.Money;
import pos.core.pay.PaymentSession;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.voucher.VoucherBenefit;
import pos.core.voucher.VoucherKeys;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.hub.HubSettings;
import pos.hub.StoreHub;
import pos.hub.http.HttpSecurity;
import pos.hub.rules.RuleSigning;
import pos.hub.tills.TillsMain;
import pos.hub.voucher.IssuedVoucher;
import pos.hub.voucher.MariaDbVoucherStore;
import pos.hub.voucher.VoucherIssuer;
import pos.sync.auth.StreamSigner;
import pos.sync.hub.HubClient;
import pos.sync.people.RedisStoredValue;
import pos.sync.rules.RuleBaseKeeper;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 10's "done when", second point: a till set up as a store sets one up, not as a demo, works end to end
 * through its real window (headless), keyboard as a clerk would. The store hub serves HTTPS with a key store the
 * test makes (keytool, passwords in a 0600 file), an owner token, the owner's rule-signing key and its own result
 * key; the till holds a credential issued through {@code ./pos hub tills add} (a 0600 file), trusts only the
 * store's CA, takes only the hub's signed results and the owner's signed rule bases, and logs in to a TLS-only
 * Redis as the ACL user {@code pos-till} (the hub as {@code pos-hub}); the gateway and the vouchers use the
 * store's own keys, not the sandbox's. Real Redis, MariaDB, hub, sandbox gateway and libfprint virtual reader.
 * The tests run in order: the last one revokes the till.
 */
@WithMariaDb
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("SEC-6xx a till on TLS with its own credential, in a store set up for real (issue 10)")
class TillSecuredStoreFlowTest {

    private static final Duration POLL = Duration.ofMillis(100);

    static final String MILK_EAN = "4098369006029"; // 5.09 in the sample catalog
    static final String TILL_ID = "front-1";
    static final String STORE_ID = "store-1";
    static final SyntheticFinger MIA_FINGER = new SyntheticFinger(6_601);
    static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    static Path dir;

    static TestDatabase database;
    /** The store's Redis, built here (TLS, ACL users); final, so that the testkit's extension leaves it alone. */
    static final java.util.concurrent.atomic.AtomicReference<RedisProcess> STORE_REDIS =
            new java.util.concurrent.atomic.AtomicReference<>();
    static SandboxGateway sandbox;
    static StoreHub hub;
    static KeyPair owner;
    static String ownerToken;
    static HttpClient https;
    static Path credentialFile;
    static Map<String, String> tillSettings;
    static IssuedVoucher storeVoucher;
    static final String HUB_DB_USER = "pos_hub_" + Long.toHexString(System.nanoTime() & 0xffffff);
    static String hubDbPassword;

    Wiring wiring;
    VirtualSensor sensor;
    AutoCloseable pressing;
    final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
            new ch.qos.logback.core.read.ListAppender<>();

    @BeforeAll
    static void setUpTheStore() throws Exception {
        createHubDatabaseUser();
        // Redis on TLS only, the default user off, the hub and the tills each with their own ACL user
        STORE_REDIS.set(RedisProcess.builder().tls()
                .aclUser(RedisAcl.HUB_USER, RedisAcl.hubRules())
                .aclUser(RedisAcl.TILL_USER, RedisAcl.tillRules())
                .build().start());
        Path redisCa = storeRedis().tlsFiles().caCertificate();
        Path hubRedisPassword = secretFile("hub-redis.password", storeRedis().password(RedisAcl.HUB_USER));
        Path tillRedisPassword = secretFile("till-redis.password", storeRedis().password(RedisAcl.TILL_USER));
        RedisSettings hubRedis = RedisSettings.none()
                .withCredentials(RedisCredentials.fromFile(RedisAcl.HUB_USER, hubRedisPassword)).withCaCertificate(redisCa);

        // the hub's key store, signed by the store's CA (keytool as a child process, the password in a 0600 file)
        String storePassword = randomText(18);
        secretFile("storepass", storePassword);
        makeKeyStores();
        https = HttpClient.newBuilder().sslContext(HubClient.trusting(dir.resolve("ca.pem"), null))
                .connectTimeout(Duration.ofSeconds(5)).build();

        // the gateway with the store's own notification key and PIN key, not the sandbox's built-in ones
        String gatewayKeyId = "store-gw-1";
        String gatewaySecret = randomText(24);
        String pinKey = randomText(24);
        sandbox = SandboxGateway.builder().dataDir(dir.resolve("gateway")).port(0).fastRetries(200)
                .keyId(gatewayKeyId).secret(gatewaySecret).pinKey(pinKey)
                .notifyTrust(HubClient.trusting(dir.resolve("ca.pem"), null)) // it notifies the hub over HTTPS
                .build();
        sandbox.start();
        sandbox.updateKnobs(k -> k.withConfirmDelayMs(300));

        // the owner's token and rule-signing key, the hub's result key (as ./pos hub owner init and keys init make them)
        ownerToken = randomText(32);
        owner = Ed25519.generate();
        KeyPair resultKey = Ed25519.generate();
        Files.writeString(dir.resolve("owner.pub"), Ed25519.publicKeyText(owner.getPublic()) + "\n");
        Files.writeString(dir.resolve("hub.pub"), Ed25519.publicKeyText(resultKey.getPublic()) + "\n");

        hub = new StoreHub(HubSettings.builder()
                .redis(storeRedis().uri())
                .mariaDb(database.jdbcUrl(), HUB_DB_USER, hubDbPassword)
                .listen("127.0.0.1", 0)
                .gateway(sandbox.baseUri())
                .notifyKeys(Map.of(gatewayKeyId, gatewaySecret))
                .resultKey(resultKey.getPrivate())
                .ruleSigning(RuleSigning.NONE.withOwnerPublicKey(owner.getPublic()))
                .http(HttpSecurity.DEFAULTS.withTls(dir.resolve("hub.p12"), storePassword).withOwnerToken(ownerToken))
                .build(), new SandboxPaymentGateway(sandbox.baseUri()), Clock.systemUTC(), hubRedis);
        hub.start();
        assertThat(hub.baseUri().getScheme()).isEqualTo("https");
        assertThat(hub.generatedResultPublicKey()).as("the hub signs with the store's key, not a throw-away one").isEmpty();

        // the till's credential, issued through the hub's registry as ./pos hub tills add does it
        credentialFile = dir.resolve("front-1.credential");
        assertThat(tills("add", TILL_ID, "--out", credentialFile.toString())).isZero();
        assertThat(Files.getPosixFilePermissions(credentialFile))
                .isEqualTo(java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));

        // the store's voucher key, and a voucher issued with it
        String voucherKeys = "store-v1=" + randomText(24);
        try (RedisConnections connections = RedisConnections.create(storeRedis().uri(), hubRedis);
                MariaDbVoucherStore store = MariaDbVoucherStore.create(database.jdbcUrl(), database.user(), database.password(),
                        2, Clock.systemUTC())) {
            storeVoucher = new VoucherIssuer(VoucherKeys.parse(voucherKeys), store, connections, VoucherRedisKeys.DEFAULT,
                    Clock.systemUTC()).issue(1, new VoucherBenefit.AmountOff(Money.ofMinor(300, "EUR")), "Ada-",
                    Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), STORE_ID).get(0);
        }

        tillSettings = new LinkedHashMap<>();
        tillSettings.put("pos.data.dir", dir.resolve("till").toString());
        tillSettings.put("pos.till.id", TILL_ID);
        tillSettings.put("pos.store.id", STORE_ID);
        tillSettings.put("pos.demo", "false");
        tillSettings.put("pos.redis.url", storeRedis().uri());
        tillSettings.put("pos.redis.user", RedisAcl.TILL_USER);
        tillSettings.put("pos.redis.passwordFile", tillRedisPassword.toString());
        tillSettings.put("pos.redis.caFile", redisCa.toString());
        tillSettings.put("pos.gateway.url", sandbox.baseUri().toString());
        tillSettings.put("pos.gateway.pinKey", pinKey);
        tillSettings.put("pos.voucher.keys", voucherKeys);
        tillSettings.put("pos.hub.url", hub.baseUri().toString());
        tillSettings.put("pos.hub.trustStore", dir.resolve("ca.pem").toString());
        tillSettings.put("pos.hub.credentialFile", credentialFile.toString());
        tillSettings.put("pos.hub.publicKey", dir.resolve("hub.pub").toString());
        tillSettings.put("pos.rules.ownerPublicKey", dir.resolve("owner.pub").toString());
        // no human typing here: the longest gap allowed, so that a robot slowed by a loaded machine still scans in one burst
        tillSettings.put("pos.scanner.maxGapMs", "1000");
    }

    @AfterAll
    static void closeTheStore() {
        if (hub != null) {
            hub.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
        if (STORE_REDIS.get() != null) {
            STORE_REDIS.get().close();
        }
    }

    @Start
    void start(Stage stage) throws Exception {
        ch.qos.logback.classic.LoggerContext context =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        Path socket = Files.createTempDirectory("fp").resolve("virtual-image.sock"); // short: a socket path has ~100 bytes
        Map<String, String> settings = new LinkedHashMap<>(tillSettings);
        settings.put("pos.fingerprint", TillConfig.VIRTUAL_IMAGE + socket);
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        assertThat(config.demo()).isFalse();
        assertThat(config.usesSandboxKeys()).isFalse();
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        sensor = new VirtualSensor(socket);
        pressing = wiring.fingerprints().orElseThrow().onPrompt(sensor.prompts());
        Scene scene = new Scene(wiring.sellScreen(), 1280, 800);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        pressing.close();
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(20, TimeUnit.SECONDS);
        sensor.close();
    }

    @Test
    @Order(1)
    @DisplayName("SEC-601 R14 the owner publishes a signed rule base through the hub over HTTPS with the owner token; the"
            + " till's status bar shows the new version from the store hub within seconds; without the token nothing is taken")
    void theOwnersSignedRuleBaseReachesTheTill() throws Exception {
        assertThat(wiring.sellModel().status().ruleBaseTextProperty().get()).as("not demo mode, no refusal")
                .doesNotContain("update refused").doesNotContain("rule updates off");
        long next = nextRuleVersion();
        RuleBaseSignature.Signed signed = RuleBaseSignature.sign(owner.getPrivate(), STORE_ID, next,
                RuleBaseJson.read(RuleBaseKeeper.defaultsJson()));

        HttpResponse<String> withoutToken = putRules(signed, null);
        assertThat(withoutToken.statusCode()).as(withoutToken.body()).isEqualTo(401);

        HttpResponse<String> published = putRules(signed, ownerToken);
        assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
        await("the status bar shows rule base v" + next).atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().status().ruleBaseTextProperty().get()
                        .equals("Rules v" + next + " · from the store hub"), this::tillState));
        assertThat(wiring.rules().status().version()).isEqualTo(next);
        assertThat(wiring.sellModel().status().ruleBaseProblemProperty().get()).isFalse();
    }

    @Test
    @Order(2)
    @DisplayName("SEC-602 R21 R22 R9 QR pay with F11: the customer pays at the gateway, its notification reaches the hub"
            + " over HTTPS, the hub's signed result makes the sale paid, it is journaled and reaches MariaDB through the hub's archiver (the till's signed entry taken)")
    void qrPayToMariaDb(FxRobot robot) throws Exception {
        long before = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        robot.push(KeyCode.F11);
        await("the QR code is shown").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.WAITING_FOR_CUSTOMER, this::tillState));
        String codeUrl = wiring.sellModel().qr().qrContentProperty().get();
        assertThat(codeUrl).startsWith("sandbox://pay/");

        customerPays(codeUrl);
        await("the till shows paid").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        assertThat(wiring.sellModel().messageProperty().get()).startsWith("Paid €5.09");
        assertThat(sandbox.ledger().summary().netMinor() - before).isEqualTo(509);
        String saleId = wiring.sellModel().currentSale().id().value();
        assertThat(wiring.journal().find(saleId)).hasValueSatisfying(sale -> {
            assertThat(sale.tenders()).singleElement().satisfies(t -> assertThat(t.type()).isEqualTo(TenderType.QR));
        });
        // the result the till took carries the hub's signature (the hub settled it: a notification or its own query)
        List<String> signedResults = signedSuccessfulResults();
        assertThat(signedResults).as("signed SUCCESS results in Redis").isNotEmpty();
        String tx = signedResults.get(0).substring("pos:pay:result:".length());
        assertThat(logs.list).as("the gateway's notification reached the hub over HTTPS and settled the payment")
                .anyMatch(e -> e.getFormattedMessage().equals("Payment " + tx + " is SUCCESS (notification)"));

        await("the sale is in MariaDB").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(described(() -> saleRow(saleId).isPresent(), this::tillState));
        assertThat(saleRow(saleId)).contains(TILL_ID + "|509");
        assertThat(xlen("pos:archive:unattributed")).as("nothing of this till refused").isZero();
    }

    @Test
    @Order(3)
    @DisplayName("SEC-603 R1 R2 R3 R4 R6 a voucher signed with the store's own key, scanned as a wedge burst, is redeemed:"
            + " VOUCHER tender, the hub's GET /vouchers/{id} over HTTPS says SUCCESS, the rest is paid cash")
    void storeVoucherRedeemedAndAnsweredOverHttps(FxRobot robot) throws Exception {
        scan(robot, MILK_EAN);
        scan(robot, storeVoucher.code());
        await("the voucher is applied").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.CASH
                        && wiring.sellModel().messageProperty().get().startsWith("Voucher: €3.00 paid for Ada-0001"), this::tillState));
        assertThat(wiring.sellModel().currentSale().tenders()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TenderType.VOUCHER);
            assertThat(t.amount()).isEqualTo(Money.ofMinor(300, "EUR"));
        });
        assertThat(wiring.sellModel().cash().dueTextProperty().get()).isEqualTo("€2.09");

        HttpResponse<String> answer = https.send(HttpRequest.newBuilder(
                hub.baseUri().resolve("/vouchers/" + storeVoucher.voucher().voucherId())).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.body()).contains("SUCCESS");

        robot.write("5");
        robot.type(KeyCode.ENTER);
        await("the sale is paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().currentSale().state() == SaleState.PAID, this::tillState));
        try (MariaDbVoucherStore store = MariaDbVoucherStore.create(database.jdbcUrl(), database.user(), database.password(), 1,
                Clock.systemUTC())) {
            await("the redemption is in MariaDB").atMost(Duration.ofSeconds(15)).pollInterval(POLL)
                    .untilAsserted(described(() -> store.redemption(storeVoucher.voucher().voucherId()).isPresent(), this::tillState));
            assertThat(store.redemption(storeVoucher.voucher().voucherId()).orElseThrow().tillId()).isEqualTo(TILL_ID);
        }
        String saleId = wiring.sellModel().currentSale().id().value();
        await("the voucher sale is in MariaDB").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(described(() -> saleRow(saleId).isPresent(), this::tillState));
        assertThat(tenderRow(saleId)).contains("VOUCHER|300");
    }

    @Test
    @Order(4)
    @DisplayName("SEC-604 R18 member pay with Ctrl+M: the member's finger finds her, her stored value (topped up through"
            + " the till's signed people path) pays, the balance is debited in Redis and the ledger row reaches MariaDB")
    void memberPaysFromStoredValue(FxRobot robot) throws Exception {
        await("the fingerprint reader is ready").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .untilAsserted(described(() -> wiring.fingerprints().orElseThrow().isReady(), this::tillState));
        Member mia = wiring.people().orElseThrow().addMember("Mia Member", Currency.getInstance("EUR"));
        sensor.place(MIA_FINGER);
        wiring.fingerprints().orElseThrow().enroll(PersonKind.MEMBER, mia.id(), "right-index", step -> { }).get(30, TimeUnit.SECONDS);
        try (RedisConnections tillRedis = RedisConnections.create(storeRedis().uri(), Wiring.redisSettings(
                new ConfigLoader().load(null, Map.of(), tillSettings, Path.of(System.getProperty("user.home")))));
                RedisStoredValue storedValue = new RedisStoredValue(tillRedis, PeopleRedisKeys.DEFAULT, Clock.systemUTC(),
                        wiring.people().orElseThrow().store(), StreamSigner.configured(Optional.of(credentialFile), Map.of(),
                                TILL_ID))) {
            await("the top-up is taken (the hub has restored the balances)").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                    .untilAsserted(described(() -> storedValue.topUp(mia.id(), "top-up-" + mia.id(), 2_000, TILL_ID).isSuccess(), this::tillState));
        }

        scan(robot, MILK_EAN);
        robot.press(KeyCode.CONTROL).press(KeyCode.M).release(KeyCode.M).release(KeyCode.CONTROL);
        pos.app.people.MemberPayViewModel memberPay = wiring.memberPay().orElseThrow();
        await("member pay found Mia and her balance").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .untilAsserted(onFx(() -> memberPay.canPayProperty().get(), this::tillState));
        assertThat(memberPay.memberTextProperty().get()).isEqualTo("Mia Member");
        assertThat(memberPay.balanceTextProperty().get()).contains("€20.00");
        robot.type(KeyCode.ENTER);
        await("the sale is paid by the member").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().currentSale().state() == SaleState.PAID, this::tillState));
        assertThat(wiring.sellModel().currentSale().tenders()).singleElement()
                .satisfies(t -> assertThat(t.type()).isEqualTo(TenderType.MEMBER));
        String saleId = wiring.sellModel().currentSale().id().value();
        assertThat(storeRedis().call("GET", PeopleRedisKeys.DEFAULT.balance(mia.id()))).isEqualTo("1491");
        await("the debit is in MariaDB's ledger").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(described(() -> ledgerRow(mia.id(), "DEBIT").isPresent(), this::tillState));
        assertThat(ledgerRow(mia.id(), "DEBIT")).contains(TILL_ID + "|509");
        assertThat(ledgerRow(mia.id(), "TOP_UP")).contains(TILL_ID + "|2000");
        await("the member-paid sale is in MariaDB").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(described(() -> saleRow(saleId).isPresent(), this::tillState));
        assertThat(tenderRow(saleId)).contains("MEMBER|509");
        assertThat(xlen("pos:archive:dead")).as("nothing sent to dead letters").isZero();
    }

    @Test
    @Order(5)
    @DisplayName("SEC-605 a till whose credential was revoked (./pos hub tills revoke) keeps selling, but the hub refuses"
            + " its people sync (401, said in the log) and archives nothing it writes: the status bar shows the SEC alert")
    void aRevokedTillIsRefused(FxRobot robot) throws Exception {
        assertThat(tills("revoke", TILL_ID)).isZero();
        HubClient client = HubClient.forTill(hub.baseUri(), Optional.of(credentialFile), Optional.of(dir.resolve("ca.pem")),
                Map.of(), Duration.ofSeconds(5));
        await("the hub refuses the revoked credential").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(described(() -> {
                    try {
                        client.peopleSince(null);
                        return false;
                    } catch (RuntimeException refused) {
                        return refused.getMessage().contains("401");
                    }
                }, this::tillState));

        scan(robot, MILK_EAN);
        robot.push(KeyCode.F9);
        robot.push(KeyCode.F10);
        robot.push(KeyCode.ENTER);
        await("the cash sale is paid").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        String saleId = wiring.sellModel().currentSale().id().value();
        assertThat(wiring.journal().find(saleId)).as("the till keeps it in its journal").isPresent();

        await("the hub set the sale aside as unattributed").atMost(Duration.ofSeconds(20)).pollInterval(POLL)
                .untilAsserted(described(() -> unattributed("pos:archive:unattributed").contains(saleId), this::tillState));
        assertThat(saleRow(saleId)).as("not archived").isEmpty();
        await("the status bar shows the hub's SEC alert").atMost(Duration.ofSeconds(10)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().status().alertTextProperty().get()
                        .contains("claims till " + TILL_ID + ", which holds no valid credential here"), this::tillState));
        assertThat(wiring.sellModel().status().alertCriticalProperty().get()).isTrue();
        await("the people sync refusal is logged").atMost(Duration.ofSeconds(12)).pollInterval(POLL)
                .untilAsserted(described(() -> logs.list.stream().anyMatch(e -> e.getFormattedMessage()
                        .contains("people sync with the store failed") && e.getThrowableProxy() != null
                        && e.getThrowableProxy().getMessage().contains("401")), this::tillState));
        assertThat(logs.list).noneMatch(e -> e.getFormattedMessage().contains(SecretFiles.read(credentialFile, "credential")));
    }

    // ---------------------------------------------------------------- the store's side

    private static RedisProcess storeRedis() {
        return STORE_REDIS.get();
    }

    /** The hub's own MariaDB user with a password (the test database's user has none), as a store has it. */
    private static void createHubDatabaseUser() throws SQLException {
        String password = randomText(18);
        secretFile("mariadb.password", password);
        String schema = database.jdbcUrl().replaceAll("^.*/([^/?;]+).*$", "$1");
        try (Connection connection = database.openConnection(); java.sql.Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER '" + HUB_DB_USER + "'@'%' IDENTIFIED BY '" + password + "'");
            statement.execute("GRANT ALL PRIVILEGES ON `" + schema + "`.* TO '" + HUB_DB_USER + "'@'%'");
        }
        hubDbPassword = password;
    }

    private static int tills(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--mariadb", database.jdbcUrl(), "--user", HUB_DB_USER, "--password-file",
                dir.resolve("mariadb.password").toString()));
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine command = new CommandLine(new TillsMain());
        command.setErr(new java.io.PrintWriter(err, true));
        command.setOut(new java.io.PrintWriter(new java.io.StringWriter(), true));
        int exit = command.execute(all.toArray(String[]::new));
        assertThat(exit).as("./pos hub tills %s said: %s", args[0], err).isZero();
        return exit;
    }

    private static long nextRuleVersion() throws Exception {
        HttpResponse<String> answer = https.send(HttpRequest.newBuilder(hub.baseUri().resolve("/rules/version"))
                .header("Authorization", "Bearer " + ownerToken).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return new com.fasterxml.jackson.databind.ObjectMapper().readTree(answer.body()).path("next").asLong();
    }

    /** What {@code ./pos hub rules publish} sends: the signed body with its version and signature. */
    private static HttpResponse<String> putRules(RuleBaseSignature.Signed signed, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(hub.baseUri().resolve("/rules")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-Published-By", "the owner")
                .header("X-Rule-Base-Version", Long.toString(signed.version()))
                .header("X-Rule-Base-Signature", signed.signature())
                .PUT(HttpRequest.BodyPublishers.ofString(signed.body(), StandardCharsets.UTF_8));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return https.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void customerPays(String codeUrl) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(sandbox.baseUri().resolve("/sandbox/pay"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"code_url\":\"" + codeUrl + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private static List<String> signedSuccessfulResults() {
        List<String> signed = new ArrayList<>();
        for (Object key : (List<Object>) storeRedis().call("KEYS", "pos:pay:result:*")) {
            String k = String.valueOf(key);
            if ("SUCCESS".equals(storeRedis().call("HGET", k, "status")) && storeRedis().call("HGET", k, "sig") != null) {
                signed.add(k);
            }
        }
        return signed;
    }

    private static long xlen(String stream) {
        return (Long) storeRedis().call("XLEN", stream);
    }

    private static String unattributed(String stream) {
        return String.valueOf(storeRedis().call("XRANGE", stream, "-", "+"));
    }

    /** "till|total" of an archived sale, or empty. */
    private static Optional<String> saleRow(String transactionId) {
        return query("SELECT till_id, total_minor FROM sales WHERE transaction_id = ?", transactionId, null);
    }

    /** "type|amount" of a sale's first tender in MariaDB, or empty. */
    private static Optional<String> tenderRow(String transactionId) {
        return query("SELECT tender_type, amount_minor FROM sale_tenders WHERE transaction_id = ? ORDER BY tender_no",
                transactionId, null);
    }

    /** "till|amount" of a member's ledger row of {@code kind}, or empty. */
    private static Optional<String> ledgerRow(String memberId, String kind) {
        return query("SELECT till_id, amount_minor FROM member_ledger WHERE member_id = ? AND kind = ?", memberId, kind);
    }

    private static Optional<String> query(String sql, String first, String second) {
        try (Connection connection = database.openConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, first);
            if (second != null) {
                statement.setString(2, second);
            }
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1) + "|" + rows.getLong(2)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new AssertionError("MariaDB: " + sql + " failed", e);
        }
    }

    private static Path secretFile(String name, String secret) {
        Path file = dir.resolve(name);
        SecretFiles.write(file, secret, name);
        return file;
    }

    private static String randomText(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** The store's CA and the hub's PKCS12 key store it signed, for 127.0.0.1 and localhost. */
    private static void makeKeyStores() throws IOException, InterruptedException {
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Secured Flow Store CA",
                "-ext", "bc:c", "-validity", "2", "-keystore", "ca.p12", "-storetype", "PKCS12", "-storepass:file", "storepass");
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", "ca.p12", "-storepass:file", "storepass", "-file", "ca.pem");
        keytool("-genkeypair", "-alias", "hub", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=pos hub",
                "-validity", "2", "-keystore", "hub.p12", "-storetype", "PKCS12", "-storepass:file", "storepass");
        keytool("-certreq", "-alias", "hub", "-keystore", "hub.p12", "-storepass:file", "storepass", "-file", "hub.csr");
        keytool("-gencert", "-alias", "ca", "-keystore", "ca.p12", "-storepass:file", "storepass", "-infile", "hub.csr",
                "-outfile", "hub.pem", "-rfc", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2");
        keytool("-importcert", "-noprompt", "-alias", "ca", "-keystore", "hub.p12", "-storepass:file", "storepass", "-file",
                "ca.pem");
        keytool("-importcert", "-alias", "hub", "-keystore", "hub.p12", "-storepass:file", "storepass", "-file", "hub.pem");
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool " + args[0] + " failed: " + output);
        }
    }

    // ---------------------------------------------------------------- the till's side

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

    private String tillState() {
        return "the till is " + mode() + "/" + state() + " saying: " + wiring.sellModel().messageProperty().get() + " | status: "
                + wiring.sellModel().status().syncTextProperty().get() + " | " + wiring.sellModel().status().alertTextProperty().get()
                + " | " + wiring.sellModel().status().ruleBaseTextProperty().get();
    }
}
