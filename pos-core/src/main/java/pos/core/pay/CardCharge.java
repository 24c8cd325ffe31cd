package pos.core.pay;

import java.util.Objects;
import pos.core.card.CardNumber;

/**
 * What the clerk hands the payment desk for a bank card payment: the card and the PIN block made
 * from the PIN the customer typed. Lives in memory for one payment attempt only;
 * {@link #toString()} shows the masked card, never the number or the block. Immutable and
 * thread-safe.
 *
 * <p>From the screen:
 * <pre>{@code
 * CardNumber card = CardNumber.typed(cardField.getText());
 * PaymentOrder order = new PaymentOrder(ids.next(), tillId, PaymentMethod.BANK_CARD, total, description, clock.instant());
 * CardCharge charge = CardCharge.of(card, pinDigits, pinKey, order); // wipes pinDigits
 * PaymentSession session = desk.startCard(order, charge);
 * }</pre>
 *
 * @param card the card to charge; valid (Luhn)
 * @param pin  the PIN block for this card and this order
 */
public record CardCharge(CardNumber card, PinBlock pin) {

    public CardCharge {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(pin, "pin");
        if (!card.isValid()) {
            throw new IllegalArgumentException("card number " + card.masked() + " is not valid: " + card.problem());
        }
    }

    /**
     * Makes the PIN block of {@code order} with {@code key} and wipes {@code pinDigits}.
     *
     * @throws IllegalArgumentException if the card is not valid or the PIN is not 6 digits
     */
    public static CardCharge of(CardNumber card, char[] pinDigits, PinKey key, PaymentOrder order) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(order, "order");
        return new CardCharge(card, key.blockFor(card, pinDigits, order.outTradeNo()));
    }

    /** The masked card only. */
    @Override
    public String toString() {
        return "CardCharge[card=" + card.masked() + ", pin=hidden]";
    }
}
