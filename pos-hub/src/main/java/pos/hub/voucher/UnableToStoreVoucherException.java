package pos.hub.voucher;

import pos.hub.PosHubException;

/**
 * MariaDB (or Redis, while issuing) could not store or read vouchers; the message names the server
 * and says what was and was not done. Immutable.
 */
public class UnableToStoreVoucherException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public UnableToStoreVoucherException(String message, Throwable cause) {
        super(message, cause);
    }
}
