package pos.testkit;

import java.nio.file.Path;
import java.util.List;

/**
 * A server program the harness needs (redis-server, mariadbd, mariadb-install-db) is not
 * installed; the message names the Debian package that provides it.
 *
 * <p>Immutable and thread-safe.
 */
public class MissingServerBinaryException extends TestkitException {

    /** The program that was looked for. */
    private final String binary;
    /** The Debian package that provides it. */
    private final String debianPackage;

    /**
     * Creates the exception.
     *
     * @param binary the program looked for, e.g. {@code redis-server}
     * @param debianPackage the Debian package that installs it, e.g. {@code redis-server}
     * @param searched the directories that were searched, in order
     */
    public MissingServerBinaryException(String binary, String debianPackage, List<Path> searched) {
        super(binary + " not found on PATH or in " + searched
                + "; install the Debian package '" + debianPackage
                + "' (apt-get install " + debianPackage + ") to run tests against a real server");
        this.binary = binary;
        this.debianPackage = debianPackage;
    }

    /** @return the program that was looked for, e.g. {@code mariadbd} */
    public String binary() {
        return binary;
    }

    /** @return the Debian package that provides the program, e.g. {@code mariadb-server} */
    public String debianPackage() {
        return debianPackage;
    }
}
