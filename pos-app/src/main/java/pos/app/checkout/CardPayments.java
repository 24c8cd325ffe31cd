package pos.app.checkout;

import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.pay.PaymentSession;
import pos.core.sale.TransactionId;

/**
 * How the sell screen hands a checked card payment to the payment component (R16): the screen
 * never builds gateway requests itself. The PIN array is wiped by the callee once it has made the
 * PIN block; the card number is only ever held in memory.
 */
@FunctionalInterface
public interface CardPayments {

    /**
     * Starts a card payment.
     *
     * @param attempt     the attempt's transaction id (idempotency key)
     * @param amount      what to take
     * @param description what the customer's statement shows
     * @param card        the card number, already checked
     * @param pin         the six PIN digits; wiped before this returns
     */
    PaymentSession start(TransactionId attempt, Money amount, String description, CardNumber card, char[] pin);
}
