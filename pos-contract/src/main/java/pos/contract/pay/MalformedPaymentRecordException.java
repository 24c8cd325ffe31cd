package pos.contract.pay;

import pos.contract.PosContractException;

/**
 * A payment hash in Redis does not hold what {@link PaymentKeys} documents (a missing field, an
 * unknown status, a number that is not one). The message names the key. Immutable.
 */
public class MalformedPaymentRecordException extends PosContractException {

    private static final long serialVersionUID = 1L;

    public MalformedPaymentRecordException(String key, String problem, Throwable cause) {
        super("redis key " + key + ": " + problem, cause);
    }
}
