package pos.testkit.mariadb;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * A fresh, empty database on a test MariaDB, with everything needed to connect to it.
 * Immutable and thread-safe.
 *
 * <p>The URL carries no credentials; pass {@link #user()} and {@link #password()} to the pool
 * or to Jdbi, or use {@link #openConnection()}.
 *
 * @param name the database (schema) name, e.g. {@code t_k3x9q2m7a0bc}
 * @param jdbcUrl the JDBC URL, e.g. {@code jdbc:mariadb://127.0.0.1:24511/t_k3x9q2m7a0bc}
 * @param user the user name, {@code root}
 * @param password the password, empty
 */
public record TestDatabase(String name, String jdbcUrl, String user, String password) {

    /**
     * Opens a new connection to this database; the caller closes it.
     *
     * @return an open connection with the database selected
     * @throws SQLException when the server does not accept the connection
     */
    public Connection openConnection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, user, password);
    }
}
