package pos.contract.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets (passwords, tokens, keys) come from a file only its owner may read, or from an
 * environment variable; never from a command line, where {@code ps} shows them to every user of
 * the machine. A file that the group or others may read is refused with a sentence saying how to
 * fix it. The secret's value never appears in a message. Stateless.
 */
public final class SecretFiles {

    /** Larger than any secret we use: a bigger file is not a secret file (a wrong path, say). */
    static final int MAX_BYTES = 64 * 1024;

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private SecretFiles() {
    }

    /**
     * The secret in {@code file}, without a trailing newline.
     *
     * @param what what the secret is, for messages ("the hub's result signing key")
     * @throws UnableToReadSecretException if the file is missing, readable by others, empty or too large
     */
    public static String read(Path file, String what) {
        try {
            requireOwnerOnly(file, what);
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new UnableToReadSecretException(what + ": " + file + " is " + size + " bytes; a secret file holds"
                        + " at most " + MAX_BYTES + " bytes. Is this the right file?");
            }
            String value = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (value.isEmpty()) {
                throw new UnableToReadSecretException(what + ": " + file + " is empty");
            }
            return value;
        } catch (NoSuchFileException e) {
            throw new UnableToReadSecretException(what + ": " + file + " does not exist", e);
        } catch (IOException e) {
            throw new UnableToReadSecretException(what + ": cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The secret from {@code file} if given, else from the environment variable {@code variable},
     * else empty.
     */
    public static Optional<String> fromFileOrEnvironment(Path file, String variable, Map<String, String> environment,
            String what) {
        if (file != null) {
            return Optional.of(read(file, what));
        }
        String value = environment.get(variable);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Writes {@code secret} to a new file that only its owner may read (mode 0600 from the start). */
    public static void write(Path file, String secret, String what) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.deleteIfExists(file);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            }
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UnableToReadSecretException(what + ": cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Refuses a file that the group or others may read or write.
     *
     * @throws UnableToReadSecretException naming the file and the {@code chmod} that fixes it
     */
    public static void requireOwnerOnly(Path file, String what) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // not a POSIX file system (Windows): its ACLs are the administrator's business
        }
        Set<PosixFilePermission> open = EnumSet.noneOf(PosixFilePermission.class);
        open.addAll(permissions);
        open.retainAll(OTHERS);
        if (!open.isEmpty()) {
            throw new UnableToReadSecretException(what + ": " + file + " may be read by others (mode "
                    + PosixFilePermissions.toString(permissions) + "); a secret file must be readable by its owner only:"
                    + " chmod 600 " + file);
        }
    }
}
