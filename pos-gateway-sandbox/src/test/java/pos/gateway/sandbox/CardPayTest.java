package pos.gateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.gateway.sandbox.GatewayClient.Reply;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.PinBlocks;
import pos.gateway.sandbox.api.TradeState;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Sandbox gateway: bank cards with PIN blocks (POST /v1/orders/card)")
class CardPayTest {

    static final String VISA = "4111111111111111";
    static final String VISA_PIN = "123456";

    @TempDir
    static Path dataDir;
    private SandboxGateway gateway;
    private GatewayClient client;
    private final PinBlocks pins = new PinBlocks(PinBlocks.DEFAULT_PIN_KEY);

    @BeforeAll
    void start() {
        gateway = SandboxGateway.builder().dataDir(dataDir).seed(5).build().start();
        client = new GatewayClient(gateway.baseUri());
    }

    @AfterAll
    void stop() {
        gateway.stop();
    }

    private Reply pay(String sale, String card, String pin, long total) throws Exception {
        return client.card(sale, card, pins.block(card, pin, sale), total);
    }

    @Test
    @DisplayName("R16 R18 a test card with its PIN is charged once; the answer shows the masked card only")
    void testCardWithItsPinIsCharged() throws Exception {
        String sale = TestIds.outTradeNo();
        Reply paid = pay(sale, VISA, VISA_PIN, 1500);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(paid.text("trade_state")).isEqualTo("SUCCESS");
        assertThat(paid.text("card")).isEqualTo("411111******1111");
        assertThat(paid.body()).doesNotContain(VISA);
        assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);

        Reply again = pay(sale, VISA, VISA_PIN, 1500);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("transaction_id")).isEqualTo(paid.text("transaction_id"));
        assertThat(gateway.ledger().chargeCount(sale)).as("a repeat never charges again").isEqualTo(1);
    }

    @Test
    @DisplayName("a wrong PIN is WRONG_PIN, nothing is charged, and a repeat gets the same answer")
    void wrongPinChargesNothing() throws Exception {
        String sale = TestIds.outTradeNo();
        Reply refused = pay(sale, VISA, "654321", 1500);
        assertThat(refused.status()).isEqualTo(402);
        assertThat(refused.code()).isEqualTo("WRONG_PIN");
        assertThat(refused.body()).doesNotContain(VISA).doesNotContain("654321");
        assertThat(pay(sale, VISA, VISA_PIN, 1500).code()).as("the first decision stands").isEqualTo("WRONG_PIN");
        assertThat(gateway.ledger().chargeCount(sale)).isZero();
        Reply query = client.query(sale);
        assertThat(query.text("trade_state")).isEqualTo("PAYERROR");
        assertThat(query.code()).isEqualTo("WRONG_PIN");
    }

    @Test
    @DisplayName("a PIN block made for another order does not pay this one")
    void pinBlockIsBoundToItsOrder() throws Exception {
        String sale = TestIds.outTradeNo();
        Reply refused = client.card(sale, VISA, pins.block(VISA, VISA_PIN, TestIds.outTradeNo()), 900);
        assertThat(refused.code()).isEqualTo("WRONG_PIN");
    }

    @ParameterizedTest(name = "{0} with PIN {1}, {2} minor → {3}")
    @CsvSource(textBlock = """
            5555555555554444, 654321,  2000, SUCCESS
            6250941006528599, 888888, 50000, SUCCESS
            6250941006528599, 888888, 50001, INSUFFICIENT_FUNDS
            4000056655665556, 246810,  2000, DECLINED
            4000000000009995, 123456,  2000, INSUFFICIENT_FUNDS
            4000000000000069, 123456,  2000, EXPIRED_CARD
            4242424242424242, 123456,  2000, DECLINED
            """)
    @DisplayName("the test cards behave as the README says")
    void testCardsBehaveAsDocumented(String card, String pin, long total, String expected) throws Exception {
        String sale = TestIds.outTradeNo();
        Reply reply = pay(sale, card, pin, total);
        if (expected.equals("SUCCESS")) {
            assertThat(reply.text("trade_state")).isEqualTo("SUCCESS");
            assertThat(gateway.ledger().chargeCount(sale)).isEqualTo(1);
        } else {
            assertThat(reply.status()).isEqualTo(402);
            assertThat(reply.code()).isEqualTo(expected);
            assertThat(gateway.ledger().chargeCount(sale)).isZero();
        }
    }

    @Test
    @DisplayName("a number failing the Luhn check is CARD_INVALID and the message masks it")
    void luhnFailureIsRefusedMasked() throws Exception {
        Reply refused = client.card(TestIds.outTradeNo(), "4111111111111112", "0".repeat(64), 100);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("CARD_INVALID");
        assertThat(refused.body()).contains("411111******1112").doesNotContain("4111111111111112");
    }

    @Test
    @DisplayName("a card order is reversed and refunded like the others")
    void cardOrderIsReversedAndRefunded() throws Exception {
        String reversed = TestIds.outTradeNo();
        pay(reversed, VISA, VISA_PIN, 700);
        assertThat(client.reverse(reversed).text("trade_state")).isEqualTo("REVOKED");
        assertThat(gateway.ledger().order(reversed)).hasValueSatisfying(o -> {
            assertThat(o.tradeState()).isEqualTo(TradeState.REVOKED);
            assertThat(o.refundedMinor()).isEqualTo(700);
        });
        String refunded = TestIds.outTradeNo();
        pay(refunded, VISA, VISA_PIN, 800);
        assertThat(client.refund(refunded, "R" + refunded, 300, 800).text("status")).isEqualTo("SUCCESS");
        assertThat(client.close(refunded).code()).as("a paid card order cannot be closed").isEqualTo("ORDERPAID");
    }

    @Test
    @DisplayName("the decline_rate knob declines card charges too")
    void declineKnobDeclinesCards() throws Exception {
        gateway.setKnobs(Knobs.defaults().withDeclineRate(1.0));
        try {
            assertThat(pay(TestIds.outTradeNo(), VISA, VISA_PIN, 100).code()).isEqualTo("DECLINED");
        } finally {
            gateway.setKnobs(Knobs.defaults());
        }
    }

    @Test
    @DisplayName("the ledger's files hold the masked card, never the number")
    void ledgerHoldsTheMaskedCardOnly() throws Exception {
        pay(TestIds.outTradeNo(), VISA, VISA_PIN, 1100);
        pay(TestIds.outTradeNo(), VISA, "000000", 1100);
        String all;
        try (Stream<Path> files = Files.list(dataDir)) {
            all = files.filter(Files::isRegularFile).map(CardPayTest::read).reduce("", String::concat);
        }
        assertThat(all).contains("411111******1111").doesNotContain(VISA);
    }

    @Test
    @DisplayName("a ledger of schema version 1 is upgraded: its orders stay, card orders are accepted")
    void versionOneLedgerIsUpgraded(@TempDir Path oldDir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + oldDir.resolve("sandbox-gateway.db"));
             Statement st = c.createStatement()) {
            st.execute("""
                    CREATE TABLE orders (out_trade_no TEXT PRIMARY KEY,
                        kind TEXT NOT NULL CHECK (kind IN ('NATIVE', 'MICROPAY')), description TEXT NOT NULL,
                        total_minor INTEGER NOT NULL CHECK (total_minor > 0), currency TEXT NOT NULL, notify_url TEXT,
                        code_token TEXT UNIQUE, auth_code TEXT, trade_state TEXT NOT NULL, error_code TEXT,
                        created_at INTEGER NOT NULL, expires_at INTEGER, auto_confirm_at INTEGER, updated_at INTEGER NOT NULL)
                    """);
            st.execute("INSERT INTO orders VALUES ('OLDORDER1', 'MICROPAY', 'tea', 100, 'CNY', NULL, NULL,"
                    + " '134567890123451234', 'CLOSED', NULL, 1, NULL, NULL, 1)");
            st.execute("PRAGMA user_version=1");
        }
        try (SandboxGateway old = SandboxGateway.builder().dataDir(oldDir).build().start()) {
            assertThat(old.ledger().order("OLDORDER1")).isPresent();
            String sale = TestIds.outTradeNo();
            assertThat(new GatewayClient(old.baseUri()).card(sale, VISA, pins.block(VISA, VISA_PIN, sale), 100)
                    .text("trade_state")).isEqualTo("SUCCESS");
        }
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
