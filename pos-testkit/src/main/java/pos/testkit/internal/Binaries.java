package pos.testkit.internal;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import pos.testkit.MissingServerBinaryException;

/** Finds server programs on {@code PATH} and in the usual system directories. Stateless, thread-safe. */
public final class Binaries {

    /** Searched after {@code PATH}: Debian puts daemons in sbin, which a non-root PATH often lacks. */
    private static final List<Path> SYSTEM_DIRS = List.of(
            Path.of("/usr/bin"), Path.of("/usr/sbin"), Path.of("/usr/local/bin"), Path.of("/usr/local/sbin"),
            Path.of("/bin"), Path.of("/sbin"));

    private Binaries() {
    }

    /**
     * Finds the first of {@code names} that exists as an executable file.
     *
     * @param debianPackage the package to name in the error when none is found
     * @param names program names in order of preference, e.g. {@code mariadbd}, {@code mysqld}
     * @return the absolute path of the program
     * @throws MissingServerBinaryException when none of the names is installed
     */
    public static Path find(String debianPackage, String... names) {
        return find(searchPath(), debianPackage, names);
    }

    /**
     * Finds the first of {@code names} in {@code dirs}, names taking precedence over directories.
     *
     * @throws MissingServerBinaryException when none of the names is found
     */
    public static Path find(List<Path> dirs, String debianPackage, String... names) {
        for (String name : names) {
            for (Path dir : dirs) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toAbsolutePath();
                }
            }
        }
        throw new MissingServerBinaryException(names[0], debianPackage, dirs);
    }

    /** @return the directories of {@code PATH} followed by the system directories, without duplicates */
    public static List<Path> searchPath() {
        Set<Path> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String entry : path.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    dirs.add(Path.of(entry));
                }
            }
        }
        dirs.addAll(SYSTEM_DIRS);
        return new ArrayList<>(dirs);
    }
}
