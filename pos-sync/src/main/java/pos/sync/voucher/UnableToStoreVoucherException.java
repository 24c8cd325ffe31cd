package pos.sync.voucher;

import pos.sync.PosSyncException;

/**
 * MariaDB (or Redis, while issuing) could not store or read vouchers; the message names the server
 * and says what was and was not done. Immutable.
 */
public class UnableToStoreVoucherException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public UnableToStoreVoucherException(String message, Throwable cause) {
        super(message, cause);
    }
}
