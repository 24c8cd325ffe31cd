package pos.core.rules;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.sale.TenderType;

/**
 * What the till knows about a payment before it is sent (R13): the order id, the payee, the
 * payer's card or account, the amount, what is being sold and when. Fields the clerk has not
 * filled (or filled with something that is not an amount) are empty, so the required-fields rule
 * can name them. Immutable; the card number inside is masked in {@link #toString()}.
 *
 * @param orderId      the transaction id (the idempotency key), or "" when not made yet
 * @param payee        the store's merchant id at the gateway, or ""
 * @param tender       how the customer pays
 * @param amount       the amount to take, or null when the amount field is empty or not an amount
 * @param card         the card number as typed, or null for tenders without a card
 * @param account      the payer's account (member number, wallet), or ""
 * @param items        the products in the sale
 * @param at           when the payment is made, in the store's time zone
 * @param ageConfirmed whether the clerk confirmed the customer's age for restricted products
 */
public record PaymentFacts(String orderId, String payee, TenderType tender, Money amount, CardNumber card,
        String account, List<SoldItem> items, ZonedDateTime at, boolean ageConfirmed) {

    public PaymentFacts {
        orderId = orderId == null ? "" : orderId;
        payee = payee == null ? "" : payee;
        account = account == null ? "" : account;
        Objects.requireNonNull(tender, "tender");
        Objects.requireNonNull(at, "at");
        items = List.copyOf(items);
    }

    public Optional<Money> amountIfEntered() {
        return Optional.ofNullable(amount);
    }

    public Optional<CardNumber> cardIfEntered() {
        return Optional.ofNullable(card);
    }

    public PaymentFacts withAmount(Money newAmount) {
        return new PaymentFacts(orderId, payee, tender, newAmount, card, account, items, at, ageConfirmed);
    }

    public PaymentFacts withCard(CardNumber newCard) {
        return new PaymentFacts(orderId, payee, tender, amount, newCard, account, items, at, ageConfirmed);
    }

    public PaymentFacts withAgeConfirmed(boolean confirmed) {
        return new PaymentFacts(orderId, payee, tender, amount, card, account, items, at, confirmed);
    }
}
