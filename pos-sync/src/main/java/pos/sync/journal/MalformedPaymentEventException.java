package pos.sync.journal;

import pos.sync.PosSyncException;

/** A journal payload is not a valid payment event in JSON. Immutable. */
public class MalformedPaymentEventException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public MalformedPaymentEventException(String reason, Throwable cause) {
        super("not a payment event: " + reason, cause);
    }
}
