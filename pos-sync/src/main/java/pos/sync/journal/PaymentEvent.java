package pos.sync.journal;

import java.time.Instant;
import java.util.Objects;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.sync.card.CardRef;

/**
 * One journaled step of a payment. Immutable.
 *
 * @param kind       which step
 * @param order      the payment's order (the same in every event of a transaction)
 * @param status     where the payment stood at this step
 * @param state      the till session's state name at this step (e.g. WAITING_FOR_CUSTOMER), or null
 * @param reasonCode the gateway's reason code or a short technical reason, or null
 * @param note       free text for people (e.g. the code_url, "refund R01H…"), or null
 * @param at         when the step happened (the desk's clock)
 * @param card       for a bank card payment, the masked card and its token (never the number); else null
 */
public record PaymentEvent(PaymentEventKind kind, PaymentOrder order, PaymentStatus status, String state,
        String reasonCode, String note, Instant at, CardRef card) {

    /** A step of a payment without a card (QR, pay-code). */
    public PaymentEvent(PaymentEventKind kind, PaymentOrder order, PaymentStatus status, String state,
            String reasonCode, String note, Instant at) {
        this(kind, order, status, state, reasonCode, note, at, null);
    }

    public PaymentEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(order, "order");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(at, "at");
    }

    /** The transaction id (out_trade_no). */
    public String transactionId() {
        return order.outTradeNo();
    }
}
