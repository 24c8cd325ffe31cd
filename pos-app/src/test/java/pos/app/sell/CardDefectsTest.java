package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import pos.app.checkout.CheckFailureRow;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.checkout.MessageKind;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.rules.CardSpending;
import pos.core.rules.RuleBase;
import pos.core.sale.TransactionId;

/**
 * Issue 11 defects 5, 6, 12 and 14 in the card tender, driven without a window through the sell
 * screen's view models and the real message bundle: what the clerk reads after Fix, while typing
 * the number, for a number that is no card or too long, and after the bank refuses (R15, R17).
 */
class CardDefectsTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Product RADIO = new Product("3001", "4006381333931", "Radio", Money.ofMinor(2000, EUR),
            new TaxClass("STD", 2000), SaleUnit.PIECE, null, "electronics");
    static final String NORDBANK_CARD = "4111111111111111";
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneId.of("Europe/Berlin"));
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    final FakeJournal journal = new FakeJournal();
    final AtomicReference<RuleBase> rules = new AtomicReference<>(CardTenderViewModelTest.ruleBase(12, 100_000));
    final List<FakePaymentDesk.FakeSession> started = new ArrayList<>();
    final List<String> pinsSent = new ArrayList<>();
    /** Every sentence the message line showed, in order. */
    final List<String> messages = new ArrayList<>();
    RuntimeException startFails;
    SellViewModel model;

    @BeforeEach
    void setUp() {
        model = new SellViewModel(new Catalog(List.of(RADIO), VariableMeasureLayout.DEFAULT), journal, new FakeSyncMonitor(),
                new FakePaymentDesk(), new TransactionId.Generator(CLOCK), CLOCK, "till-7", EUR, new MoneyFormat(Locale.US), TEXT,
                TaskExecutor.sameThread(), UiThread.sameThread());
        model.useRules(rules::get, CardSpending.none(), "store-12");
        model.useCardPayments((attempt, amount, description, card, pin) -> {
            if (startFails != null) {
                throw startFails;
            }
            pinsSent.add(new String(pin));
            java.util.Arrays.fill(pin, '\0');
            FakePaymentDesk.FakeSession session = new FakePaymentDesk.FakeSession(
                    new PaymentOrder(attempt, "till-7", PaymentMethod.BANK_CARD, amount, description, CLOCK.instant()), null);
            started.add(session);
            return session;
        });
        model.messageProperty().addListener((obs, old, now) -> messages.add(now));
        model.handleScan(RADIO.gtin());
        model.card().open();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_ENTRY);
    }

    void typePin(String pin) {
        for (char c : pin.toCharArray()) {
            model.card().pinKeyAt(model.card().keypad().indexOf(c - '0'));
        }
    }

    int rowFor(FocusTarget field) {
        List<CheckFailureRow> rows = model.ruleCheck().rows();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).field() == field) {
                return i;
            }
        }
        throw new AssertionError("no row for " + field + " in " + rows);
    }

    @Test
    @DisplayName("issue 11 defect 5, R15: Fix on a mistyped card number empties the field, so the number typed again is taken")
    void defect5_fixOnMistypedCardNumberStartsEmpty() {
        model.card().typed("4111111111111112"); // one digit wrong: the check digit fails
        model.card().check();
        assertThat(model.ruleCheck().visibleProperty().get()).isTrue();

        model.ruleCheck().fix(model.ruleCheck().rows().get(rowFor(FocusTarget.CARD_NUMBER)));

        assertThat(model.card().cardNumberTextProperty().get()).as("the refused digits are gone").isEmpty();
        assertThat(model.card().cardBankTextProperty().get()).isEmpty();
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.CARD_NUMBER);
        model.card().typed(NORDBANK_CARD);
        assertThat(model.messageKindProperty().get()).as(model.messageProperty().get()).isNotEqualTo(MessageKind.ERROR);
        assertThat(model.card().cardNumberTextProperty().get()).isEqualTo("4111 11•• •••• ••••");
        model.card().check();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_PIN);
    }

    @Test
    @DisplayName("issue 11 defect 5: Esc on the popup (not Fix) keeps the number as typed")
    void defect5_closingThePopupKeepsTheNumber() {
        model.card().typed("4111111111111112");
        model.card().check();
        model.ruleCheck().close();
        assertThat(model.card().cardNumberTextProperty().get()).isEqualTo("4111 11•• •••• ••••");
    }

    @Test
    @DisplayName("issue 11 defect 12: \"too many digits\" goes as soon as the number changes, and is gone once the field is cleared")
    void defect12_tooLongMessageGoesWhenTheInputChanges() {
        model.card().typed(NORDBANK_CARD + "1234"); // 20 digits
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).contains("19");
        String tooLong = model.messageProperty().get();

        model.card().backspace(); // 19 digits: a card number's length again
        assertThat(model.messageProperty().get()).isNotEqualTo(tooLong);
        assertThat(model.messageKindProperty().get()).isNotEqualTo(MessageKind.ERROR);

        model.card().typed("9"); // 20 again, then cleared completely
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        for (int i = 0; i < 20; i++) {
            model.card().backspace();
        }
        assertThat(model.card().cardNumberTextProperty().get()).isEmpty();
        assertThat(model.messageProperty().get()).doesNotContain("19").doesNotContain("digit");
        assertThat(model.messageKindProperty().get()).isNotEqualTo(MessageKind.ERROR);
    }

    @Test
    @DisplayName("issue 11 defect 12: \"digits only\" goes with the next digit")
    void defect12_digitsOnlyGoesWithTheNextDigit() {
        model.card().typed("4111x");
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        model.card().typed("1");
        assertThat(model.messageKindProperty().get()).isNotEqualTo(MessageKind.ERROR);
        assertThat(model.card().cardNumberTextProperty().get()).isEqualTo("4111 1");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0000000000000000", "0000 0000 0000 0000", "0411111111111111"})
    @DisplayName("issue 11 defect 14: an all-zero or issuer-less number is no card, even where the rule base has no card-number rule")
    void defect14_noIssuerIsRefusedWhateverTheRuleBase(String typed) {
        rules.set(RuleBase.empty()); // a store whose rule base does not check card numbers
        model.card().typed(typed);
        model.card().check();

        assertThat(model.stateProperty().get()).as("no PIN pad for what is no card").isEqualTo(CheckoutState.CARD_ENTRY);
        assertThat(model.ruleCheck().rows()).singleElement().satisfies(row -> {
            assertThat(row.field()).isEqualTo(FocusTarget.CARD_NUMBER);
            assertThat(row.reason()).isEqualTo(TEXT.getString("rule.card_number.no_issuer"));
        });
        assertThat(started).isEmpty();
    }

    @Test
    @DisplayName("issue 11 defect 14: with the card-number rule in the rule base, it is named once, not twice")
    void defect14_theCardNumberIsNamedOnce() {
        model.card().typed("0000000000000000");
        model.card().check();
        assertThat(model.ruleCheck().rows()).filteredOn(row -> row.field() == FocusTarget.CARD_NUMBER).hasSize(1);
    }

    @Test
    @DisplayName("issue 11 defect 14: a 23-digit number is refused as too long with every digit counted, not cut to 19 and called mistyped")
    void defect14_aTwentyThreeDigitNumberIsRefusedAsTooLong() {
        model.card().typed(NORDBANK_CARD + "1234567"); // 23 digits; its first 19 fail the check digit
        model.card().check();

        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_ENTRY);
        CheckFailureRow row = model.ruleCheck().rows().get(rowFor(FocusTarget.CARD_NUMBER));
        assertThat(row.reason()).isEqualTo("The card number is too long: at most 19 digits.").doesNotContain("mistyped");
        assertThat(model.card().cardNumberTextProperty().get().replace(" ", "")).as("all 23 digits kept, masked").hasSize(23);
    }

    @Test
    @DisplayName("issue 11 defect 14: a card reader's 23-digit burst is the card number, refused as too long")
    void defect14_aTwentyThreeDigitReadIsRefusedAsTooLong() {
        model.handleScan(NORDBANK_CARD + "1234567");
        model.card().check();
        CheckFailureRow row = model.ruleCheck().rows().get(rowFor(FocusTarget.CARD_NUMBER));
        assertThat(row.reason()).isEqualTo("The card number is too long: at most 19 digits.");
    }

    @Test
    @DisplayName("issue 11 defect 14: the card number is never echoed in full, in a message, the popup, the field, the result or the log")
    void defect14_theCardNumberIsNeverEchoedInFull() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log = new ch.qos.logback.core.read.ListAppender<>();
        log.start();
        root.addAppender(log);
        ch.qos.logback.classic.Level level = root.getLevel();
        root.setLevel(ch.qos.logback.classic.Level.ALL);
        try {
            echoEverywhere(log);
        } finally {
            root.setLevel(level);
            root.detachAppender(log);
        }
    }

    private void echoEverywhere(ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> log) {
        model.card().typed("4111 1111 1111 1111 1234"); // too long: refused
        model.card().check();
        List<String> shown = new ArrayList<>(model.ruleCheck().rows().stream().map(CheckFailureRow::reason).toList());
        model.ruleCheck().fixRow(rowFor(FocusTarget.CARD_NUMBER));
        model.card().typed(NORDBANK_CARD);
        shown.add(model.card().cardNumberTextProperty().get());
        model.card().cardAmountTextProperty().set("10.00"); // part of the sale: the rest by card again
        model.card().check();
        typePin("123456");
        model.card().pinConfirm();
        started.get(0).move(PaymentSession.State.PAID);
        shown.add(model.result().detailProperty().get());
        shown.addAll(messages);
        FakePaymentDesk.FakeSession refused = startAnother();
        refused.reason = "DECLINED";
        refused.move(PaymentSession.State.FAILED);
        shown.add(model.result().detailProperty().get());
        shown.addAll(messages);
        log.list.forEach(event -> shown.add(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())));

        assertThat(shown).isNotEmpty().allSatisfy(text -> assertThat(text.replaceAll("[ •*-]", ""))
                .doesNotContain(NORDBANK_CARD).doesNotContain("111111111111"));
    }

    /** After a paid part: the next card payment for the rest, with the same card. */
    private FakePaymentDesk.FakeSession startAnother() {
        model.result().dismiss();
        model.card().open();
        model.card().typed(NORDBANK_CARD);
        model.card().check();
        typePin("123456");
        model.card().pinConfirm();
        return started.get(started.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(textBlock = """
            WRONG_PIN:WRONG_PIN,                   WRONG_PIN
            INSUFFICIENT_FUNDS:NOTENOUGH,          NOTENOUGH
            DECLINED:DECLINED,                     DECLINED
            INSUFFICIENT_FUNDS:INSUFFICIENT_FUNDS, INSUFFICIENT_FUNDS
            EXPIRED_CARD:EXPIRED_CARD,             EXPIRED_CARD
            CARD_INVALID:CARD_INVALID,             CARD_INVALID
            OTHER:SOMETHING_NEW_42,                SOMETHING_NEW_42
            NOTENOUGH,                             NOTENOUGH
            SOMETHING_NEW_42,                      SOMETHING_NEW_42
            """)
    @DisplayName("issue 11 defect 6, issue 13: a refused card is told in a sentence for its reason (an old journal's bare code"
            + " too); the gateway's code only on the line for support")
    void defect6_aRefusedCardIsToldInASentenceNotAGatewayCode(String code, String providerCode) {
        model.card().typed(NORDBANK_CARD);
        model.card().check();
        typePin("123456");
        model.card().pinConfirm();
        FakePaymentDesk.FakeSession session = started.get(0);
        session.reason = code;
        session.move(PaymentSession.State.FAILED);

        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        for (String clerkText : List.of(model.messageProperty().get(), model.result().detailProperty().get(),
                model.card().payDetailProperty().get())) {
            assertThat(clerkText).isNotBlank().doesNotContain(code).doesNotContain(providerCode).doesNotContain("{")
                    .endsWith(".");
        }
        assertThat(model.card().paySupportProperty().get()).isEqualTo("For support: gateway code " + providerCode);
    }

    @Test
    @DisplayName("issue 11 defect 6: a payment service that cannot be reached is said without the exception's text")
    void defect6_anUnreachableServiceIsToldWithoutTheExceptionText() {
        model.card().typed(NORDBANK_CARD);
        model.card().check();
        typePin("123456");
        startFails = new IllegalStateException("java.net.ConnectException: Connection refused: localhost/127.0.0.1:8099");
        model.card().pinConfirm();

        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        assertThat(model.messageProperty().get()).isEqualTo(TEXT.getString("card.state.UNREACHABLE"));
        assertThat(model.result().detailProperty().get()).isEqualTo(TEXT.getString("card.state.UNREACHABLE"));
        assertThat(model.card().paySupportProperty().get()).isEmpty();
    }
}
