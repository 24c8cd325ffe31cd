package pos.hub.archive;

import pos.hub.PosHubException;

/** A configured MariaDB address is not a {@code jdbc:mariadb://host:port/db} URL. Immutable. */
public class InvalidJdbcUrlException extends PosHubException {

    private static final long serialVersionUID = 1L;

    public InvalidJdbcUrlException(String url) {
        super("not a MariaDB JDBC URL (expected jdbc:mariadb://host:port/db): '"
                + url.replaceAll("(?i)password=[^&;]*", "password=***") + "'");
    }
}
