package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pos.app.checkout.CardEntry;
import pos.app.checkout.CheckFailureRow;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
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
import pos.core.rules.CardSpending;
import pos.core.rules.RuleBase;
import pos.core.sale.TransactionId;

/**
 * The checkout's card tender on its own, without a screen (it was {@code CardEntryModelTest}
 * through a hand-written host): what it shows, what it asks of the checkout, and that the PIN is
 * wiped once handed on (R16–R18). Messages are read as their keys.
 */
class CardEntryTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Product RADIO = new Product("3001", "4006381333931", "Radio", Money.ofMinor(2000, EUR),
            new TaxClass("STD", 2000), SaleUnit.PIECE, null, "electronics");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneOffset.UTC);

    final List<String> said = new ArrayList<>();
    final List<FocusTarget> focus = new ArrayList<>();
    final List<char[]> pinsHandedOver = new ArrayList<>();
    final List<String> pinsAsSent = new ArrayList<>();
    final List<FakePaymentDesk.FakeSession> started = new ArrayList<>();
    final List<TransactionId> attempts = new ArrayList<>();
    RuleBase rules = CardTenderViewModelTest.ruleBase(12, 100_000);
    Checkout checkout;
    CardEntry card;

    @BeforeEach
    void setUp() {
        checkout = new Checkout(new Catalog(List.of(RADIO), VariableMeasureLayout.DEFAULT), new FakeJournal(), null,
                new TransactionId.Generator(CLOCK), CLOCK, "till-7", EUR, new MoneyFormat(Locale.US), new KeyEchoText(),
                TaskExecutor.sameThread(), UiThread.sameThread());
        checkout.useRules(() -> rules, CardSpending.none(), "store-12");
        checkout.useCardPayments((attempt, amount, description, number, pin) -> {
            pinsHandedOver.add(pin);
            pinsAsSent.add(new String(pin));
            attempts.add(attempt);
            FakePaymentDesk.FakeSession session = new FakePaymentDesk.FakeSession(
                    new PaymentOrder(attempt, "till-7", PaymentMethod.PAY_CODE, amount, description, CLOCK.instant()), null);
            started.add(session);
            return session;
        });
        checkout.scan(RADIO.gtin());
        checkout.openCard();
        card = checkout.card();
        String[] last = {checkout.messageKind() + " " + checkout.message()};
        checkout.onChange(() -> {
            String now = checkout.messageKind() + " " + checkout.message();
            if (!now.equals(last[0])) {
                said.add(now);
                last[0] = now;
            }
        });
        checkout.onFocus(focus::add);
    }

    void typePin(String pin) {
        for (char c : pin.toCharArray()) {
            card.pinKeyAt(card.keypad().indexOf(c - '0'));
        }
    }

    @Test
    void openingFillsTheAmountDueAndShowsNoCard() {
        assertThat(checkout.state()).isEqualTo(CheckoutState.CARD_ENTRY);
        assertThat(card.amountText()).isEqualTo("20.00");
        assertThat(card.numberText()).isEmpty();
        assertThat(card.bankText()).isEmpty();
    }

    @Test
    void onlyTheBinIsShownAndItNamesTheBank() {
        card.typed("4111-1111 1111 1111");
        assertThat(card.numberText()).isEqualTo("4111 11•• •••• ••••");
        assertThat(card.bankText()).isEqualTo("Nordbank");
        card.backspace();
        assertThat(card.numberText()).isEqualTo("4111 11•• •••• •••");
    }

    @Test
    void aReaderBurstReplacesTheNumberAndAnythingElseIsRefused() {
        card.typed("5555");
        checkout.scan("4111111111111111");
        assertThat(card.numberText()).startsWith("4111 11");
        checkout.scan("not a card");
        assertThat(said).containsExactly("ERROR sell.scan.whileTendering");
        assertThat(card.numberText()).startsWith("4111 11");
    }

    @Test
    void aRuleFailureOpensThePopupAndKeepsTheCardPanel() {
        card.typed("4111111111111112"); // a mistyped number: the card number rule fails
        card.check();
        assertThat(checkout.rules().failures()).extracting(CheckFailureRow::field).containsExactly(FocusTarget.CARD_NUMBER);
        assertThat(checkout.rules().popupVisible()).isTrue();
        assertThat(checkout.state()).isEqualTo(CheckoutState.CARD_ENTRY);
    }

    @Test
    void anAmountAboveTheDueIsAFailureOnTheAmountField() {
        card.typed("4111111111111111");
        rules = RuleBase.empty(); // only the card panel's own amount check speaks
        card.amountTyped("25.00");
        card.check();
        assertThat(checkout.rules().failures()).extracting(CheckFailureRow::field).containsExactly(FocusTarget.CARD_AMOUNT);
        assertThat(checkout.state()).isEqualTo(CheckoutState.CARD_ENTRY);
    }

    @Test
    void aPassingCheckOpensTheShuffledKeypadForTheAmount() {
        card.typed("4111111111111111");
        card.check();
        assertThat(checkout.rules().popupVisible()).isFalse();
        assertThat(checkout.rules().failures()).isEmpty();
        assertThat(checkout.state()).isEqualTo(CheckoutState.CARD_PIN);
        assertThat(focus).endsWith(FocusTarget.PIN_PAD);
        assertThat(card.keypad()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(card.pinAmountText()).isEqualTo("€20.00");
        assertThat(card.pinDots()).isEqualTo("○○○○○○");
    }

    @Test
    void fewerThanSixDigitsAreNotSent() {
        card.typed("4111111111111111");
        card.check();
        typePin("12345");
        card.pinConfirm();
        assertThat(said).endsWith("ERROR card.pin.sixDigits");
        assertThat(started).isEmpty();
        card.pinBackspace();
        assertThat(card.pinDots()).isEqualTo("●●●●○○");
    }

    @Test
    void sixDigitsGoToThePaymentAndThePinIsWipedOnceHandedOn() {
        card.typed("4111111111111111");
        card.check();
        typePin("1234567");
        assertThat(card.pinDots()).as("a seventh digit is not taken").isEqualTo("●●●●●●");
        card.pinConfirm();
        assertThat(pinsAsSent).containsExactly("123456");
        assertThat(pinsHandedOver.get(0)).as("the copy handed over is wiped after the call").containsOnly('\0');
        assertThat(card.pinDots()).isEqualTo("○○○○○○");
        assertThat(started.get(0).order().amount()).isEqualTo(Money.ofMinor(2000, EUR));
        assertThat(started.get(0).order().transactionId()).isEqualTo(attempts.get(0));
        assertThat(checkout.state()).isEqualTo(CheckoutState.PAYING);
        assertThat(card.maskedCardInFlight()).isNotEmpty().doesNotContain("41111111");
        started.get(0).move(pos.core.pay.PaymentSession.State.PAID);
        assertThat(card.maskedCardInFlight()).as("forgotten once paid").isEmpty();
    }
}
