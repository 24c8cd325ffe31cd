package pos.core.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A buried-point event from the cashier's screens (R19): a page shown or an element clicked, by
 * which till, when. The receiving end counts them against payment results to get conversion
 * rates (tender opened → paid, QR shown → paid).
 *
 * @param id       a client-made unique id (ULID), the idempotency key when events are synced
 * @param kind     page shown or element clicked
 * @param clientId the till that saw it
 * @param targetId the page id ("tender.card") or element id ("card.pay")
 * @param at       when it happened
 */
public record UiEvent(String id, Kind kind, String clientId, String targetId, Instant at) {

    public enum Kind { PAGE_SHOWN, ELEMENT_CLICKED }

    public UiEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(targetId, "targetId");
        Objects.requireNonNull(at, "at");
    }
}
