package pos.sync.archive;

import pos.sync.PosSyncException;

/** A configured MariaDB address is not a {@code jdbc:mariadb://host:port/db} URL. Immutable. */
public class InvalidJdbcUrlException extends PosSyncException {

    private static final long serialVersionUID = 1L;

    public InvalidJdbcUrlException(String url) {
        super("not a MariaDB JDBC URL (expected jdbc:mariadb://host:port/db): '"
                + url.replaceAll("(?i)password=[^&;]*", "password=***") + "'");
    }
}
