package pos.app.sell;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import pos.app.ui.MoneyFormat;
import pos.core.card.Bank;
import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.pay.PaymentSession;
import pos.core.rules.RuleBase;
import pos.core.sale.TransactionId;

/**
 * The card panel and PIN pad of the sell screen (R16–R18): the card number as typed (only its BIN
 * ever shown), the bank named from the BIN, the amount, the check against the rule base, the
 * shuffled keypad and the PIN, which is wiped as soon as it has been handed on. The payment session
 * itself belongs to the sell screen ({@link Host#startCardPayment}). Holds JavaFX properties but
 * never touches a node. Not thread-safe: UI thread only.
 */
final class CardEntryModel {

    static final int PIN_LENGTH = 6;

    /** What the card panel needs of the sell screen beyond {@link SellContext}. */
    interface Host extends SellContext {

        /** The rule base in force (its banks name the card's issuer). */
        RuleBase rules();

        /**
         * Adds a row to {@code rows} for each rule the card payment {@code orderId} of {@code amount}
         * (null: the amount did not parse) with {@code card} fails (R13, R14).
         */
        void addRuleFailures(String orderId, Money amount, CardNumber card, List<CheckFailureRow> rows);

        /** Opens the rule-check popup with {@code rows} (R15). */
        void openCheckPopup(List<CheckFailureRow> rows);

        /** The check passed: the popup closes and forgets its rows. */
        void checkPassed();

        /** The payment's description for the gateway ("till-7, 3 items"). */
        String paymentDescription();

        /**
         * Starts the card payment {@code attempt} with {@code start} and follows it; a failure to
         * start is shown as a payment problem. {@code start} is called at most once, before this returns.
         */
        void startCardPayment(TransactionId attempt, Supplier<PaymentSession> start);
    }

    private final Host host;
    private final TransactionId.Generator ids;
    private final Currency currency;
    private final MoneyFormat money;

    private CardPayments cardPayments;
    private final StringBuilder cardDigits = new StringBuilder(CardNumber.MAX_DIGITS);
    private final char[] pin = new char[PIN_LENGTH];
    private int pinLength;
    private final SecureRandom keypadShuffle = new SecureRandom();
    private TransactionId cardAttempt;
    private Money cardAmount;
    private CardNumber cardInFlight;
    private final SimpleStringProperty cardNumberText = new SimpleStringProperty(this, "cardNumberText", "");
    private final SimpleStringProperty cardBankText = new SimpleStringProperty(this, "cardBankText", "");
    private final StringProperty cardAmountText = new SimpleStringProperty(this, "cardAmountText", "");
    private final SimpleStringProperty pinDotsText = new SimpleStringProperty(this, "pinDotsText", "");
    private final SimpleStringProperty pinAmountText = new SimpleStringProperty(this, "pinAmountText", "");
    private final ObservableList<Integer> keypad = FXCollections.observableArrayList(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

    CardEntryModel(Host host, TransactionId.Generator ids, Currency currency, MoneyFormat money) {
        this.host = Objects.requireNonNull(host, "host");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.currency = Objects.requireNonNull(currency, "currency");
        this.money = Objects.requireNonNull(money, "money");
    }

    /** Enables the card tender through the payment component (R16). */
    void useCardPayments(CardPayments cards) {
        this.cardPayments = Objects.requireNonNull(cards, "cards");
    }

    /** Whether this till takes cards at all. */
    boolean isConfigured() {
        return cardPayments != null;
    }

    /** A fresh card panel: no card number, the amount field filled with {@code due}. */
    void open(Money due) {
        clear();
        cardAmountText.set(money.formatPlain(due));
    }

    /**
     * Characters typed into the card number field (by hand or by a card reader's keyboard
     * wedge). Digits are kept, spaces and dashes ignored; anything else is refused with a message.
     * The field only ever shows the masked form.
     */
    void typed(String typed) {
        if (host.mode() != SellMode.CARD_ENTRY || typed == null) {
            return;
        }
        for (int i = 0; i < typed.length(); i++) {
            char c = typed.charAt(i);
            if (c >= '0' && c <= '9') {
                if (cardDigits.length() >= CardNumber.MAX_DIGITS) {
                    host.say(MessageKind.ERROR, "card.tooLong", CardNumber.MAX_DIGITS);
                    break;
                }
                cardDigits.append(c);
            } else if (c != ' ' && c != '-') {
                host.say(MessageKind.ERROR, "card.digitsOnly");
                break;
            }
        }
        showCard();
    }

    /** A scan while the card panel is open: a card reader that types like a keyboard; its burst is the card number. */
    void scanned(String code) {
        if (code.replaceAll("[ -]", "").matches("\\d{" + CardNumber.MIN_DIGITS + "," + CardNumber.MAX_DIGITS + "}")) {
            clear();
            typed(code);
        } else {
            host.say(MessageKind.ERROR, "sell.scan.whileTendering");
        }
    }

    /** Backspace in the card number field. */
    void backspace() {
        if (host.mode() == SellMode.CARD_ENTRY && cardDigits.length() > 0) {
            cardDigits.setLength(cardDigits.length() - 1);
            showCard();
        }
    }

    /** Forgets the card number (overwritten first) and the card of the payment in flight. */
    void clear() {
        for (int i = 0; i < cardDigits.length(); i++) {
            cardDigits.setCharAt(i, '0');
        }
        cardDigits.setLength(0);
        cardInFlight = null;
        showCard();
    }

    private void showCard() {
        StringBuilder shown = new StringBuilder();
        int n = cardDigits.length();
        for (int i = 0; i < n; i++) {
            if (i > 0 && i % 4 == 0) {
                shown.append(' ');
            }
            // only the BIN (which names the bank) is ever shown; the rest is masked as it is typed
            shown.append(i < 6 ? cardDigits.charAt(i) : '•');
        }
        cardNumberText.set(shown.toString());
        if (n < 1) {
            cardBankText.set("");
            return;
        }
        Optional<Bank> bank = host.rules().banks().issuerOf(CardNumber.typed(cardDigits.toString()));
        cardBankText.set(bank.map(Bank::name).orElse(n >= 6 ? host.format("card.bank.unknown") : ""));
    }

    /**
     * Enter in the card panel: checks the payment against the rule base before anything is sent
     * (R13, R14). A failure opens the popup naming each failed rule with a "Fix" link (R15); a pass
     * opens the PIN keypad (R18).
     */
    void check() {
        if (host.mode() != SellMode.CARD_ENTRY) {
            return;
        }
        host.clicked(pos.core.events.ElementIds.CARD_PAY);
        List<CheckFailureRow> rows = new ArrayList<>();
        Money due = host.sale().due();
        Money amount = null;
        try {
            amount = Money.parse(cardAmountText.get(), currency);
            if (!amount.isPositive()) {
                rows.add(new CheckFailureRow("card.amount", host.format("card.amount.notPositive"), FocusTarget.CARD_AMOUNT));
                amount = null;
            } else if (due.isLessThan(amount)) {
                rows.add(new CheckFailureRow("card.amount", host.format("card.amount.moreThanDue", money.format(due)),
                        FocusTarget.CARD_AMOUNT));
                amount = null;
            }
        } catch (MoneyFormatException e) {
            rows.add(new CheckFailureRow("card.amount",
                    host.format("tender.cash.invalid." + e.reason(), SellViewModel.abbreviate(e.input())), FocusTarget.CARD_AMOUNT));
        }
        cardAttempt = ids.next();
        CardNumber card = CardNumber.typed(cardDigits.toString());
        host.addRuleFailures(cardAttempt.value(), amount, card, rows);
        if (!rows.isEmpty()) {
            host.openCheckPopup(rows);
            return;
        }
        host.checkPassed();
        cardAmount = amount;
        cardInFlight = card;
        pinAmountText.set(money.format(amount));
        List<Integer> digits = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Collections.shuffle(digits, keypadShuffle);
        keypad.setAll(digits);
        wipePin();
        host.changeMode(SellMode.CARD_PIN);
        host.requestFocus(FocusTarget.PIN_PAD);
        host.say(MessageKind.INFO, "card.pin.prompt", money.format(amount), card.masked());
    }

    /** A key of the shuffled PIN keypad, by its position (0–9) on screen. */
    void pinKeyAt(int position) {
        if (host.mode() != SellMode.CARD_PIN || position < 0 || position >= keypad.size() || pinLength >= PIN_LENGTH) {
            return;
        }
        pin[pinLength++] = (char) ('0' + keypad.get(position));
        showPin();
    }

    void pinBackspace() {
        if (host.mode() == SellMode.CARD_PIN && pinLength > 0) {
            pin[--pinLength] = '\0';
            showPin();
        }
    }

    /** Overwrites the PIN typed so far. */
    void wipePin() {
        Arrays.fill(pin, '\0');
        pinLength = 0;
        showPin();
    }

    private void showPin() {
        pinDotsText.set("●".repeat(pinLength) + "○".repeat(PIN_LENGTH - pinLength));
    }

    /** OK on the keypad: with six digits, the payment request goes to the payment component (R16). */
    void pinConfirm() {
        if (host.mode() != SellMode.CARD_PIN) {
            return;
        }
        if (pinLength != PIN_LENGTH) {
            host.say(MessageKind.ERROR, "card.pin.sixDigits", PIN_LENGTH);
            return;
        }
        char[] digits = Arrays.copyOf(pin, PIN_LENGTH);
        wipePin();
        TransactionId attempt = cardAttempt;
        Money amount = cardAmount;
        CardNumber card = cardInFlight;
        try {
            host.startCardPayment(attempt, () -> cardPayments.start(attempt, amount, host.paymentDescription(), card, digits));
        } finally {
            Arrays.fill(digits, '\0');
        }
    }

    /** The amount of the card payment last sent for a PIN (null before any). */
    Money amount() {
        return cardAmount;
    }

    /** The masked number of the card in flight, or "" when there is none. */
    String maskedCardInFlight() {
        return cardInFlight == null ? "" : cardInFlight.masked();
    }

    ReadOnlyStringProperty cardNumberTextProperty() { return cardNumberText; }
    ReadOnlyStringProperty cardBankTextProperty() { return cardBankText; }
    StringProperty cardAmountTextProperty() { return cardAmountText; }
    ReadOnlyStringProperty pinDotsTextProperty() { return pinDotsText; }
    /** The amount the customer authorises with the PIN, formatted. */
    ReadOnlyStringProperty pinAmountTextProperty() { return pinAmountText; }
    /** The PIN keypad's digits in screen order (shuffled for each payment, R18). */
    ObservableList<Integer> keypad() { return keypad; }
}
