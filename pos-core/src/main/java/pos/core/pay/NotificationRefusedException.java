package pos.core.pay;

/**
 * A provider notification that must be refused: its origin is not proven (missing, unknown, stale or wrong
 * signature; a body that does not decrypt; another merchant's) or it is not a notification at all. Nothing was
 * changed. The message says why, never a key or a secret.
 */
public class NotificationRefusedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean originUnproven;

    /**
     * @param originUnproven true when the signature, the encryption or the merchant failed (HTTP 401); false for a
     *                       proven body that is not a notification (HTTP 400)
     */
    public NotificationRefusedException(String message, boolean originUnproven) {
        super(message);
        this.originUnproven = originUnproven;
    }

    public NotificationRefusedException(String message, Throwable cause) {
        super(message, cause);
        this.originUnproven = false;
    }

    public NotificationRefusedException(String message, boolean originUnproven, Throwable cause) {
        super(message, cause);
        this.originUnproven = originUnproven;
    }

    /** True when the origin of the notification is not proven (answered 401); false for a malformed body (400). */
    public boolean isOriginUnproven() {
        return originUnproven;
    }
}
