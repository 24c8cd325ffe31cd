package pos.sync.pay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.card.CardNumber;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentSession.State;
import pos.gateway.sandbox.SandboxGateway;
import pos.sync.card.CardTokens;
import pos.sync.card.JournalCardSpending;
import pos.sync.testing.TestClock;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("JournalCardSpending: what a card paid today, from the till's journal (card_daily_limit's memory)")
class JournalCardSpendingTest {

    static final ZoneId STORE = ZoneId.of("Asia/Shanghai");
    static final String VISA = "4111111111111111";
    static final String MASTERCARD = "5555555555554444";

    @TempDir
    static Path ledgerDir;
    static SandboxGateway sandbox;

    RedisProcess sharedRedis;
    @TempDir
    Path dataDir;
    DeskFixture till;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(41).build().start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @AfterEach
    void closeTill() {
        if (till != null) {
            till.close();
        }
    }

    @Test
    @DisplayName("two payments with the same card today add up; another card, a failed payment and yesterday's do not count")
    void sumsTodaysPaidPaymentsOfTheSameCard() {
        LocalDate today = LocalDate.now(STORE);
        // Yesterday 23:50 in the store: ten minutes before the store's midnight, whatever the UTC date.
        TestClock clock = new TestClock(ZonedDateTime.of(today.minusDays(1), LocalTime.of(23, 50), STORE).toInstant());
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "s", DeskFixture.settings(), null, clock);

        pay(VISA, "123456", 7_000, State.PAID); // yesterday
        clock.advance(Duration.ofMinutes(20)); // 00:10 today in the store
        pay(VISA, "123456", 1_250, State.PAID);
        pay(VISA, "123456", 3_300, State.PAID);
        pay(VISA, "999999", 5_000, State.FAILED); // wrong PIN: nothing paid
        pay(MASTERCARD, "654321", 800, State.PAID);

        JournalCardSpending spending = new JournalCardSpending(till.journal, CardTokens.openIn(dataDir), STORE);
        assertThat(spending.paidMinorOn(CardNumber.typed(VISA), today)).isEqualTo(1_250 + 3_300);
        assertThat(spending.paidMinorOn(CardNumber.typed(VISA), today.minusDays(1))).isEqualTo(7_000);
        assertThat(spending.paidMinorOn(CardNumber.typed("5555 5555 5555 4444"), today)).isEqualTo(800);
        assertThat(spending.paidMinorOn(CardNumber.typed("6250941006528599"), today)).isZero();
    }

    @Test
    @DisplayName("a till's card key is made once, mode 600, and gives the same token after a restart; another key another token")
    void cardKeyIsMadeOnceAndPrivate(@TempDir Path otherDir) throws Exception {
        CardTokens first = CardTokens.openIn(dataDir);
        Path key = dataDir.resolve(CardTokens.FILE_NAME);
        assertThat(Files.size(key)).isEqualTo(32);
        if (Files.getFileStore(key).supportsFileAttributeView("posix")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        }
        CardNumber visa = CardNumber.typed(VISA);
        assertThat(CardTokens.openIn(dataDir).tokenOf(visa)).isEqualTo(first.tokenOf(visa));
        assertThat(CardTokens.openIn(otherDir).tokenOf(visa)).isNotEqualTo(first.tokenOf(visa));
        assertThat(first.refOf(visa).masked()).isEqualTo("411111******1111");
    }

    @Test
    @DisplayName("the journal finds a card's payments through the V5 token index")
    void lookupUsesTheTokenIndex() throws Exception {
        till = new DeskFixture(sandbox, sharedRedis.uri(), dataDir, "i", DeskFixture.settings());
        List<String> plan = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + till.journal.file());
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("EXPLAIN QUERY PLAN SELECT payload FROM journal WHERE kind LIKE 'PAYMENT\\_%' "
                     + "ESCAPE '\\' AND json_extract(payload, '$.card.token') = 'x' ORDER BY seq")) {
            while (rs.next()) {
                plan.add(rs.getString("detail"));
            }
        }
        assertThat(plan).anySatisfy(step -> assertThat(step).contains("journal_card_token"));
    }

    private void pay(String card, String pin, long minor, State expected) {
        PaymentOrder order = till.order(PaymentMethod.BANK_CARD, minor);
        PaymentSession session = till.desk.startCard(order, DeskFixture.card(order, card, pin));
        till.awaitState(session, expected);
    }
}
