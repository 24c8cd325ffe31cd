package pos.core.pay;

import java.util.Optional;
import java.util.function.Function;

/**
 * One provider's asynchronous notifications, for the store hub's {@code POST /notify/{provider}} route: proves where
 * a notification came from (its signature, its encryption, its merchant), reads it into a {@link PaymentNotice}, and
 * says how the provider wants to be answered. The route itself has no provider code in it. Implementations are
 * thread-safe and never log keys, secrets or decrypted bodies.
 */
public interface PaymentNotifications {

    /** The provider's name, the last part of the route: {@code sandbox}, {@code wechatpay}, {@code alipay}. */
    String provider();

    /**
     * Proves and reads one notification.
     *
     * @param header      the request's header by name (case-insensitive), null when absent
     * @param contentType the request's content type, or null
     * @param body        the raw body bytes, exactly as received
     * @return the notice; empty for a proven notification that is about no payment state (for example a refund's
     *         notice, which the hub acknowledges and otherwise ignores)
     * @throws NotificationRefusedException when it must be refused; nothing was changed
     */
    Optional<PaymentNotice> read(Function<String, String> header, String contentType, byte[] body);

    /** The answer that tells the provider the notification was taken (it stops retrying). */
    Reply accepted();

    /**
     * The answer that tells the provider the notification was not taken: it will send it again (for a notification
     * that could not be stored) or it was refused.
     *
     * @param status  the HTTP status the hub chose (400, 401, 503, ...)
     * @param code    the hub's word for why ({@code bad_signature}, {@code malformed})
     * @param message why, for the provider's log (never a secret)
     */
    Reply refused(int status, String code, String message);

    /**
     * An HTTP answer to a notification. Immutable.
     *
     * @param status      the HTTP status
     * @param contentType the body's content type, or null for no body
     * @param body        the body, or "" for none
     */
    record Reply(int status, String contentType, String body) {
        public Reply {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
            body = body == null ? "" : body;
        }
    }
}
