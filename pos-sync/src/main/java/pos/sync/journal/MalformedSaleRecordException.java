package pos.sync.journal;

import pos.sync.PosSyncException;

/** A payload is not a valid {@code SaleRecord} in JSON. Immutable. */
public class MalformedSaleRecordException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public MalformedSaleRecordException(String reason, Throwable cause) {
        super("not a sale record: " + reason, cause);
    }
}
