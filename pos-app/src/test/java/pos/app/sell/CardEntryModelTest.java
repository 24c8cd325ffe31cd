package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pos.app.ui.MoneyFormat;
import pos.core.card.CardNumber;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.rules.RuleBase;
import pos.core.sale.Sale;
import pos.core.sale.TransactionId;

/**
 * The card panel and PIN pad on their own, through a hand-written {@link CardEntryModel.Host}: what
 * they show, what they ask of the sell screen, and that the PIN is wiped once handed on (R16–R18).
 */
class CardEntryModelTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Product RADIO = new Product("3001", "4006381333931", "Radio", Money.ofMinor(2000, EUR),
            new TaxClass("STD", 2000), SaleUnit.PIECE, null, "electronics");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC);

    /** The sell screen as the card panel sees it, recording what it was asked. */
    static final class RecordingHost implements CardEntryModel.Host {
        final TransactionId.Generator ids = new TransactionId.Generator(CLOCK);
        final Sale sale = new Sale(ids.next(), EUR, CLOCK.instant());
        final RuleBase rules = CardTenderViewModelTest.ruleBase(12, 100_000);
        final List<String> said = new ArrayList<>();
        final List<FocusTarget> focus = new ArrayList<>();
        final List<CheckFailureRow> ruleFailuresToAdd = new ArrayList<>();
        List<CheckFailureRow> popup;
        boolean passed;
        SellMode mode = SellMode.CARD_ENTRY;
        TransactionId startedAttempt;
        PaymentSession started;

        @Override public Sale sale() { return sale; }
        @Override public SellMode mode() { return mode; }
        @Override public void changeMode(SellMode next) { mode = next; }
        @Override public void say(MessageKind kind, String key, Object... args) { said.add(kind + " " + key); }
        @Override public void show(MessageKind kind, String sentence) { said.add(kind + " " + sentence); }
        @Override public String format(String key, Object... args) { return key; }
        @Override public void requestFocus(FocusTarget target) { focus.add(target); }
        @Override public void clicked(String elementId) { }
        @Override public RuleBase rules() { return rules; }

        @Override
        public void addRuleFailures(String orderId, Money amount, CardNumber card, List<CheckFailureRow> rows) {
            rows.addAll(ruleFailuresToAdd);
        }

        @Override public void openCheckPopup(List<CheckFailureRow> rows) { popup = List.copyOf(rows); }
        @Override public void checkPassed() { passed = true; }
        @Override public String paymentDescription() { return "till-7, 1 item"; }

        @Override
        public void startCardPayment(TransactionId attempt, Supplier<PaymentSession> start) {
            startedAttempt = attempt;
            started = start.get();
            mode = SellMode.PAYING;
        }
    }

    final RecordingHost host = new RecordingHost();
    final List<char[]> pinsHandedOver = new ArrayList<>();
    final List<String> pinsAsSent = new ArrayList<>();
    CardEntryModel card;

    @BeforeEach
    void setUp() {
        host.sale.addPieces(RADIO, 1);
        host.sale.beginTender();
        card = new CardEntryModel(host, host.ids, EUR, new MoneyFormat(Locale.US));
        card.useCardPayments((attempt, amount, description, number, pin) -> {
            pinsHandedOver.add(pin);
            pinsAsSent.add(new String(pin));
            return new FakePaymentDesk.FakeSession(
                    new PaymentOrder(attempt, "till-7", PaymentMethod.PAY_CODE, amount, description, CLOCK.instant()), null);
        });
        card.open(host.sale.due());
    }

    void typePin(String pin) {
        for (char c : pin.toCharArray()) {
            card.pinKeyAt(card.keypad().indexOf(c - '0'));
        }
    }

    @Test
    void openingFillsTheAmountDueAndShowsNoCard() {
        assertThat(card.cardAmountTextProperty().get()).isEqualTo("20.00");
        assertThat(card.cardNumberTextProperty().get()).isEmpty();
        assertThat(card.cardBankTextProperty().get()).isEmpty();
    }

    @Test
    void onlyTheBinIsShownAndItNamesTheBank() {
        card.typed("4111-1111 1111 1111");
        assertThat(card.cardNumberTextProperty().get()).isEqualTo("4111 11•• •••• ••••");
        assertThat(card.cardBankTextProperty().get()).isEqualTo("Nordbank");
        card.backspace();
        assertThat(card.cardNumberTextProperty().get()).isEqualTo("4111 11•• •••• •••");
    }

    @Test
    void aReaderBurstReplacesTheNumberAndAnythingElseIsRefused() {
        card.typed("5555");
        card.scanned("4111111111111111");
        assertThat(card.cardNumberTextProperty().get()).startsWith("4111 11");
        card.scanned("not a card");
        assertThat(host.said).containsExactly("ERROR sell.scan.whileTendering");
        assertThat(card.cardNumberTextProperty().get()).startsWith("4111 11");
    }

    @Test
    void aRuleFailureOpensThePopupAndKeepsTheCardPanel() {
        card.typed("4111111111111111");
        host.ruleFailuresToAdd.add(new CheckFailureRow("card.number", "bad", FocusTarget.CARD_NUMBER));
        card.check();
        assertThat(host.popup).extracting(CheckFailureRow::field).containsExactly(FocusTarget.CARD_NUMBER);
        assertThat(host.passed).isFalse();
        assertThat(host.mode).isEqualTo(SellMode.CARD_ENTRY);
    }

    @Test
    void anAmountAboveTheDueIsAFailureOnTheAmountField() {
        card.typed("4111111111111111");
        card.cardAmountTextProperty().set("25.00");
        card.check();
        assertThat(host.popup).extracting(CheckFailureRow::field).containsExactly(FocusTarget.CARD_AMOUNT);
        assertThat(host.mode).isEqualTo(SellMode.CARD_ENTRY);
    }

    @Test
    void aPassingCheckOpensTheShuffledKeypadForTheAmount() {
        card.typed("4111111111111111");
        card.check();
        assertThat(host.passed).isTrue();
        assertThat(host.mode).isEqualTo(SellMode.CARD_PIN);
        assertThat(host.focus).endsWith(FocusTarget.PIN_PAD);
        assertThat(card.keypad()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(card.pinAmountTextProperty().get()).isEqualTo("€20.00");
        assertThat(card.pinDotsTextProperty().get()).isEqualTo("○○○○○○");
    }

    @Test
    void fewerThanSixDigitsAreNotSent() {
        card.typed("4111111111111111");
        card.check();
        typePin("12345");
        card.pinConfirm();
        assertThat(host.said).endsWith("ERROR card.pin.sixDigits");
        assertThat(host.started).isNull();
        card.pinBackspace();
        assertThat(card.pinDotsTextProperty().get()).isEqualTo("●●●●○○");
    }

    @Test
    void sixDigitsGoToThePaymentAndThePinIsWipedOnceHandedOn() {
        card.typed("4111111111111111");
        card.check();
        typePin("1234567");
        assertThat(card.pinDotsTextProperty().get()).as("a seventh digit is not taken").isEqualTo("●●●●●●");
        card.pinConfirm();
        assertThat(pinsAsSent).containsExactly("123456");
        assertThat(pinsHandedOver.get(0)).as("the copy handed over is wiped after the call").containsOnly('\0');
        assertThat(card.pinDotsTextProperty().get()).isEqualTo("○○○○○○");
        assertThat(host.started.order().amount()).isEqualTo(Money.ofMinor(2000, EUR));
        assertThat(host.started.order().transactionId()).isEqualTo(host.startedAttempt);
        assertThat(card.amount()).isEqualTo(Money.ofMinor(2000, EUR));
        assertThat(card.maskedCardInFlight()).isNotEmpty().doesNotContain("41111111");
        card.clear();
        assertThat(card.maskedCardInFlight()).isEmpty();
    }
}
