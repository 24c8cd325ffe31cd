package pos.gateway.sandbox.face;

import java.util.Map;
import java.util.Objects;
import pos.gateway.sandbox.ledger.NotificationRow;

/**
 * How one protocol puts a stored notification event on the wire and how it reads the receiver's answer. The ledger
 * keeps every event in the sandbox's own JSON ({@code pos.gateway.sandbox.api.Notification}); a face turns it into
 * its provider's format afresh for every attempt (a new timestamp, nonce and signature, the same notification id).
 * Implementations are thread-safe.
 */
public interface NotificationWire {

    /** One delivery attempt of {@code event}. */
    Delivery render(NotificationRow event);

    /**
     * True when the receiver's answer means "taken": the provider stops retrying. WeChat Pay v3 goes by the HTTP
     * status alone; Alipay by the literal body {@code success}.
     */
    boolean acknowledged(int status, String body);

    /**
     * What is sent. Immutable.
     *
     * @param contentType the Content-Type header
     * @param headers     the other headers (signature, timestamp, nonce, ...)
     * @param body        the exact body bytes
     */
    record Delivery(String contentType, Map<String, String> headers, byte[] body) {
        public Delivery {
            Objects.requireNonNull(contentType, "contentType");
            headers = Map.copyOf(headers);
            Objects.requireNonNull(body, "body");
        }
    }
}
