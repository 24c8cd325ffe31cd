package pos.hub.archive;

import pos.hub.PosHubException;

/**
 * Sales could not be written to MariaDB (unreachable, or the write failed). The message reads
 * like {@code "mariadb 10.0.0.7:3306/pos: connection refused (batch of 500 sales)"}. Immutable.
 */
public class UnableToArchiveException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public UnableToArchiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
