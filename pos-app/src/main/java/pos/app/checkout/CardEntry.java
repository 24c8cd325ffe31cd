package pos.app.checkout;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import pos.core.card.Bank;
import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.sale.TransactionId;
import pos.core.text.NumericText;

/**
 * The card tender of the checkout (R16–R18): the card number as typed (only its BIN ever shown),
 * the bank named from the BIN, the amount, the check against the rule base, the shuffled keypad
 * and the PIN, which is wiped as soon as it has been handed on. Not thread-safe: UI thread only.
 */
public final class CardEntry {

    public static final int PIN_LENGTH = 6;
    /**
     * How many digits the field holds: more than a card has, so a number typed too long is refused
     * as too long with every digit counted (never cut to 19 and called mistyped), yet bounded.
     */
    static final int HELD_DIGITS = 2 * CardNumber.MAX_DIGITS;

    private final Checkout checkout;
    private final CheckoutText text;
    private final TransactionId.Generator ids;
    private final Currency currency;

    private CardPayments cardPayments;
    private final StringBuilder cardDigits = new StringBuilder(HELD_DIGITS);
    private final char[] pin = new char[PIN_LENGTH];
    private int pinLength;
    private final SecureRandom keypadShuffle = new SecureRandom();
    private TransactionId cardAttempt;
    private Money cardAmount;
    private CardNumber cardInFlight;
    private String numberText = "";
    private String bankText = "";
    private String amountText = "";
    private String pinAmountText = "";
    private List<Integer> keypad = List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    /** The sentence this panel last put on the message line about the typed number, until the input changes. */
    private String inputMessage;

    CardEntry(Checkout checkout, CheckoutText text, TransactionId.Generator ids, Currency currency) {
        this.checkout = checkout;
        this.text = text;
        this.ids = ids;
        this.currency = currency;
    }

    void use(CardPayments cards) {
        this.cardPayments = Objects.requireNonNull(cards, "cards");
    }

    /** Whether this till takes cards at all. */
    public boolean configured() {
        return cardPayments != null;
    }

    /** The masked card number as the field shows it: the BIN, then dots. */
    public String numberText() {
        return numberText;
    }

    public String bankText() {
        return bankText;
    }

    /** The amount as typed in the card amount field. */
    public String amountText() {
        return amountText;
    }

    /** The amount field was edited (the view model's property; no change event). */
    public void amountTyped(String typed) {
        amountText = typed == null ? "" : typed;
    }

    /** The amount the customer authorises with the PIN, formatted. */
    public String pinAmountText() {
        return pinAmountText;
    }

    /** "●●○○○○": how many PIN digits are in. */
    public String pinDots() {
        return "●".repeat(pinLength) + "○".repeat(PIN_LENGTH - pinLength);
    }

    /** The PIN keypad's digits in screen order (shuffled for each payment, R18). */
    public List<Integer> keypad() {
        return keypad;
    }

    /** A fresh card panel: no card number, the amount field filled with {@code due}. */
    void open(Money due) {
        clear();
        amountText = text.plain(due);
    }

    /**
     * Characters typed into the card number field (by hand or by a card reader's keyboard wedge).
     * Digits are kept (full-width ones as the digits they are), spaces and dashes ignored; anything
     * else is refused with a message. A message about the input goes as soon as the input changes;
     * more than {@value CardNumber#MAX_DIGITS} digits are kept and said to be too many, never cut.
     */
    public void typed(String typed) {
        if (checkout.state() != CheckoutState.CARD_ENTRY || typed == null) {
            return;
        }
        String refused = null;
        for (int i = 0; i < typed.length() && refused == null; i++) {
            char c = typed.charAt(i);
            int digit = NumericText.digitValue(c);
            if (digit >= 0) {
                if (cardDigits.length() < HELD_DIGITS) {
                    cardDigits.append((char) ('0' + digit));
                }
            } else if (c != ' ' && c != '-' && c != '\u3000' && c != '\uFF0D') {
                refused = "card.digitsOnly";
            }
        }
        inputChanged(refused);
    }

    /** The number changed (or a character was refused): the old word about it goes, a new one may come. */
    private void inputChanged(String refusedKey) {
        if (inputMessage != null && inputMessage.equals(checkout.message())) {
            checkout.say(MessageKind.INFO, "card.prompt", text.money(checkout.sale().due()));
        }
        inputMessage = null;
        if (refusedKey != null) {
            checkout.say(MessageKind.ERROR, refusedKey);
            inputMessage = checkout.message();
        } else if (cardDigits.length() > CardNumber.MAX_DIGITS) {
            checkout.say(MessageKind.ERROR, "card.tooLong", CardNumber.MAX_DIGITS, cardDigits.length());
            inputMessage = checkout.message();
        }
        showCard();
        checkout.changed();
    }

    /**
     * R15 "Fix" on the card number: the number as typed was refused, so the field starts empty for
     * the clerk to type it again (the old digits would only be added to).
     */
    void clearForRetyping() {
        if (checkout.state() == CheckoutState.CARD_ENTRY) {
            clear();
            inputChanged(null);
        }
    }

    /**
     * A scan while the card panel is open: a card reader that types like a keyboard; a burst of
     * digits (spaces and dashes between groups) is the card number, however many there are (too
     * many are refused at the check, not cut).
     */
    void scanned(String code) {
        String digits = NumericText.fold(code).replaceAll("[ -]", "");
        if (digits.length() >= CardNumber.MIN_DIGITS && NumericText.isAsciiDigits(digits)) {
            clear();
            typed(digits);
        } else {
            checkout.say(MessageKind.ERROR, "sell.scan.whileTendering");
        }
    }

    /** Backspace in the card number field. */
    public void backspace() {
        if (checkout.state() == CheckoutState.CARD_ENTRY && cardDigits.length() > 0) {
            cardDigits.setCharAt(cardDigits.length() - 1, '0');
            cardDigits.setLength(cardDigits.length() - 1);
            inputChanged(null);
        }
    }

    /** Forgets the card number (overwritten first) and the card of the payment in flight. */
    void clear() {
        for (int i = 0; i < cardDigits.length(); i++) {
            cardDigits.setCharAt(i, '0');
        }
        cardDigits.setLength(0);
        cardInFlight = null;
        inputMessage = null;
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
        numberText = shown.toString();
        if (n < 1) {
            bankText = "";
            return;
        }
        Optional<Bank> bank = checkout.rules().ruleBase().banks().issuerOf(CardNumber.typed(cardDigits.toString()));
        bankText = bank.map(Bank::name).orElse(n >= 6 ? text.format("card.bank.unknown") : "");
    }

    /**
     * Enter in the card panel: checks the payment against the rule base before anything is sent
     * (R13, R14). A failure opens the popup naming each failed rule with a "Fix" link (R15); a pass
     * opens the PIN keypad (R18).
     */
    public void check() {
        if (checkout.state() != CheckoutState.CARD_ENTRY) {
            return;
        }
        checkout.clicked(pos.core.events.ElementIds.CARD_PAY);
        List<CheckFailureRow> rows = new ArrayList<>();
        Money due = checkout.sale().due();
        Money amount = null;
        try {
            amount = Money.parse(amountText, currency);
            if (!amount.isPositive()) {
                rows.add(new CheckFailureRow("card.amount", text.format("card.amount.notPositive"), FocusTarget.CARD_AMOUNT));
                amount = null;
            } else if (due.isLessThan(amount)) {
                rows.add(new CheckFailureRow("card.amount", text.format("card.amount.moreThanDue", text.money(due)),
                        FocusTarget.CARD_AMOUNT));
                amount = null;
            }
        } catch (MoneyFormatException e) {
            rows.add(new CheckFailureRow("card.amount",
                    text.format("tender.cash.invalid." + e.reason(), CheckoutText.abbreviate(e.input())), FocusTarget.CARD_AMOUNT));
        }
        cardAttempt = ids.next();
        CardNumber card = CardNumber.typed(cardDigits.toString());
        checkout.rules().addCardFailures(cardAttempt.value(), amount, card, rows);
        if (!card.isValid() && rows.stream().noneMatch(r -> r.field() == FocusTarget.CARD_NUMBER)) {
            // whatever the store's rule base says, no payment goes out for what is not a card number
            rows.add(0, new CheckFailureRow("card.number", text.format("rule.card_number."
                    + card.problem().name().toLowerCase(Locale.ROOT), card.length(), CardNumber.MIN_DIGITS,
                    CardNumber.MAX_DIGITS), FocusTarget.CARD_NUMBER));
        }
        if (!rows.isEmpty()) {
            checkout.rules().open(rows);
            checkout.changed();
            return;
        }
        checkout.rules().passed();
        cardAmount = amount;
        cardInFlight = card;
        pinAmountText = text.money(amount);
        List<Integer> digits = new ArrayList<>(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        Collections.shuffle(digits, keypadShuffle);
        keypad = List.copyOf(digits);
        wipePin();
        checkout.enter(CheckoutState.CARD_PIN);
        checkout.requestFocus(FocusTarget.PIN_PAD);
        checkout.say(MessageKind.INFO, "card.pin.prompt", text.money(amount), card.masked());
    }

    /** A key of the shuffled PIN keypad, by its position (0–9) on screen. */
    public void pinKeyAt(int position) {
        if (checkout.state() != CheckoutState.CARD_PIN || position < 0 || position >= keypad.size() || pinLength >= PIN_LENGTH) {
            return;
        }
        pin[pinLength++] = (char) ('0' + keypad.get(position));
        checkout.changed();
    }

    /**
     * A PIN digit typed on a keyboard (main row or numeric keypad, full-width too): the digit itself,
     * whatever the shuffled keypad shows where. Anything that is not a digit is ignored.
     */
    public void pinTyped(char typed) {
        int digit = NumericText.digitValue(typed);
        if (checkout.state() != CheckoutState.CARD_PIN || digit < 0 || pinLength >= PIN_LENGTH) {
            return;
        }
        pin[pinLength++] = (char) ('0' + digit);
        checkout.changed();
    }

    public void pinBackspace() {
        if (checkout.state() == CheckoutState.CARD_PIN && pinLength > 0) {
            pin[--pinLength] = '\0';
            checkout.changed();
        }
    }

    /** Overwrites the PIN typed so far. */
    void wipePin() {
        Arrays.fill(pin, '\0');
        pinLength = 0;
    }

    /** OK on the keypad: with six digits, the payment request goes to the payment component (R16). */
    public void pinConfirm() {
        if (checkout.state() != CheckoutState.CARD_PIN) {
            return;
        }
        if (pinLength != PIN_LENGTH) {
            checkout.say(MessageKind.ERROR, "card.pin.sixDigits", PIN_LENGTH);
            return;
        }
        char[] digits = Arrays.copyOf(pin, PIN_LENGTH);
        wipePin();
        TransactionId attempt = cardAttempt;
        Money amount = cardAmount;
        CardNumber card = cardInFlight;
        try {
            checkout.payments().startCard(attempt,
                    () -> cardPayments.start(attempt, amount, checkout.payments().description(), card, digits));
        } finally {
            Arrays.fill(digits, '\0');
        }
        checkout.changed();
    }

    /** The amount of the card payment last sent for a PIN (null before any). */
    Money amount() {
        return cardAmount;
    }

    /** The masked number of the card in flight, or "" when there is none. */
    public String maskedCardInFlight() {
        return cardInFlight == null ? "" : cardInFlight.masked();
    }
}
