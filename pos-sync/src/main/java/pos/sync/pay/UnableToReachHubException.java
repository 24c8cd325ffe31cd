package pos.sync.pay;

import pos.sync.PosSyncException;

/** The store hub could not be asked about a payment, or answered nonsense; the message names the hub and the payment. Immutable. */
public class UnableToReachHubException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToReachHubException(String message, Throwable cause) {
        super(message, cause);
    }
}
