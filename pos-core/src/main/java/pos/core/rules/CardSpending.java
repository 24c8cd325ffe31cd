package pos.core.rules;

import java.time.LocalDate;
import pos.core.card.CardNumber;

/**
 * How much a card has already paid on one day (the daily-limit rule's memory). The till answers
 * from its own journal, which keeps a keyed token of each card, never the number.
 */
@FunctionalInterface
public interface CardSpending {

    /**
     * The total in minor units paid by this card on {@code day} (store time zone), successful
     * payments only.
     *
     * @throws RuntimeException when the total cannot be read; the daily-limit rule then fails
     *                          safe, saying so
     */
    long paidMinorOn(CardNumber card, LocalDate day);

    /** For tills or tests without card history: nothing paid yet. */
    static CardSpending none() {
        return (card, day) -> 0L;
    }
}
