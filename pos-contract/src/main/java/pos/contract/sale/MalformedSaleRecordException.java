package pos.contract.sale;

import pos.contract.PosContractException;

/** A payload is not a valid {@code SaleRecord} in JSON. Immutable. */
public class MalformedSaleRecordException extends PosContractException {

    private static final long serialVersionUID = 1L;

    public MalformedSaleRecordException(String reason, Throwable cause) {
        super("not a sale record: " + reason, cause);
    }
}
