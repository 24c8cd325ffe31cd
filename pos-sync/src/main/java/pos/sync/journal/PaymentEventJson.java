package pos.sync.journal;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import pos.contract.json.Json;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.sale.TransactionId;
import pos.sync.card.CardRef;

/**
 * The JSON form of a {@link PaymentEvent} in the journal's payload column ({@link Stored}): flat
 * fields {@code tx, kind, tillId, method, amountMinor, currency, description, createdAt, status,
 * state, reasonCode, note, at} in that order, absent values as {@code null}; instants are ISO-8601
 * strings. A bank card payment adds {@code card: {masked, bin, lastFour, token}} ({@link CardRef}:
 * never the card number; the journal's {@code journal_card_token} index, V5, is on
 * {@code $.card.token}). Fields a newer till added are ignored when reading. Thread-safe (stateless).
 */
public final class PaymentEventJson {

    private PaymentEventJson() {
    }

    /** One journaled payment event, as stored. Immutable. */
    record Stored(String tx, PaymentEventKind kind, String tillId, PaymentMethod method, long amountMinor, String currency,
            String description, String createdAt, PaymentStatus status, String state, String reasonCode, String note,
            String at, @JsonInclude(JsonInclude.Include.NON_NULL) CardRef card) {
        Stored {
            Json.required(tx, "tx");
            Json.required(kind, "kind");
            Json.required(tillId, "tillId");
            Json.required(method, "method");
            Json.required(currency, "currency");
            Json.required(description, "description");
            Json.required(createdAt, "createdAt");
            Json.required(status, "status");
            Json.required(at, "at");
        }
    }

    /** Writes an event as compact JSON. */
    public static String write(PaymentEvent event) {
        PaymentOrder order = event.order();
        return Json.write(new Stored(order.outTradeNo(), event.kind(), order.tillId(), order.method(),
                order.amount().minorUnits(), order.amount().currency().getCurrencyCode(), order.description(),
                order.createdAt().toString(), event.status(), event.state(), event.reasonCode(), event.note(),
                event.at().toString(), event.card()));
    }

    /**
     * Reads an event written by {@link #write}.
     *
     * @throws MalformedPaymentEventException if the text is not such an event
     */
    public static PaymentEvent read(String json) {
        try {
            Stored s = Json.read(Json.TOLERANT, json, Stored.class);
            PaymentOrder order = new PaymentOrder(new TransactionId(s.tx()), s.tillId(), s.method(),
                    Money.ofMinor(s.amountMinor(), s.currency()), s.description(), Instant.parse(s.createdAt()));
            return new PaymentEvent(s.kind(), order, s.status(), s.state(), s.reasonCode(), s.note(), Instant.parse(s.at()),
                    s.card());
        } catch (RuntimeException e) { // MalformedJsonException, or a value the order or the card refuses
            throw new MalformedPaymentEventException(e.getMessage() + ": " + json, e);
        }
    }
}
