package pos.gateway.sandboxapi;

import pos.core.pay.NotificationRefusedException;


/**
 * A gateway notification the hub refuses: a missing, unknown, stale or wrong signature, or a body
 * that is not a notification. Nothing was changed. The message says why (never the secret).
 * Immutable.
 */
public class InvalidNotificationException extends NotificationRefusedException {

    private static final long serialVersionUID = 1L;

    private final boolean signature;

    public InvalidNotificationException(String message, boolean signature) {
        super(message, signature);
        this.signature = signature;
    }

    public InvalidNotificationException(String message, Throwable cause) {
        super(message, cause);
        this.signature = false;
    }

    /** True when the signature failed (HTTP 401); false for a malformed body (HTTP 400). */
    public boolean isSignatureFailure() {
        return signature;
    }
}
