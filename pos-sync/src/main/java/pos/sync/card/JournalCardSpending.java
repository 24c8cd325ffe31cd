package pos.sync.card;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import pos.core.card.CardNumber;
import pos.core.pay.PaymentStatus;
import pos.core.rules.CardSpending;
import pos.sync.journal.PaymentEvent;
import pos.sync.journal.PaymentEventKind;
import pos.sync.journal.SqliteSaleJournal;

/**
 * {@link CardSpending} from the till's own journal: the card is turned into its token
 * ({@link CardTokens}) and the journal's card payment events with that token are summed. A
 * payment counts when its latest result, settlement, late success or refund step says
 * {@link PaymentStatus#SUCCESS} (so failed, reversed and refunded ones do not), on the store-zone
 * day its money was taken (its first SUCCESS step). Thread-safe (the journal is).
 *
 * <p>Wiring: {@code new JournalCardSpending(journal, CardTokens.openIn(dataDir), storeZone)},
 * with the same {@link CardTokens} the payment desk journals with.
 */
public final class JournalCardSpending implements CardSpending {

    private final SqliteSaleJournal journal;
    private final CardTokens tokens;
    private final ZoneId storeZone;

    public JournalCardSpending(SqliteSaleJournal journal, CardTokens tokens, ZoneId storeZone) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.storeZone = Objects.requireNonNull(storeZone, "storeZone");
    }

    /**
     * {@inheritDoc}
     *
     * @throws pos.sync.journal.JournalReadException if the journal cannot be read
     */
    @Override
    public long paidMinorOn(CardNumber card, LocalDate day) {
        Objects.requireNonNull(card, "card");
        Objects.requireNonNull(day, "day");
        if (!card.isValid()) {
            return 0L;
        }
        List<PaymentEvent> events = journal.cardPaymentEvents(tokens.tokenOf(card));
        Map<String, Payment> payments = new LinkedHashMap<>();
        for (PaymentEvent event : events) {
            Payment payment = payments.computeIfAbsent(event.transactionId(), tx -> new Payment(event));
            // PENDING/USERPAYING say nothing of the money (older tills journaled PAYMENT_SETTLED as PENDING).
            if (counts(event.kind()) && event.status().isFinal()) {
                payment.latest = event.status();
                if (event.status() == PaymentStatus.SUCCESS && payment.paidOn == null) {
                    payment.paidOn = event.at().atZone(storeZone).toLocalDate();
                }
            }
        }
        long total = 0;
        for (Payment payment : payments.values()) {
            if (payment.latest == PaymentStatus.SUCCESS && day.equals(payment.paidOn)) {
                total = Math.addExact(total, payment.first.order().amount().minorUnits());
            }
        }
        return total;
    }

    /** The steps that say where the money stands (not PENDING/ORDERED, which say nothing of it). */
    private static boolean counts(PaymentEventKind kind) {
        return kind == PaymentEventKind.PAYMENT_RESULT || kind == PaymentEventKind.PAYMENT_SETTLED
                || kind == PaymentEventKind.PAYMENT_CLOSED || kind == PaymentEventKind.PAYMENT_LATE_SUCCESS
                || kind == PaymentEventKind.PAYMENT_REFUNDED;
    }

    private static final class Payment {
        final PaymentEvent first;
        PaymentStatus latest;
        LocalDate paidOn;

        Payment(PaymentEvent first) {
            this.first = first;
        }
    }
}
