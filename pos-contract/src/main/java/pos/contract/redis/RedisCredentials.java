package pos.contract.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An ACL user name and its password for Redis. The password comes from an environment variable
 * or from a file only its owner may read (mode 0600), never from a URI typed on a command line
 * (it would show in {@code ps} and in shell history); it never appears in {@link #toString()},
 * in logs or in exception messages. Immutable and thread-safe.
 */
public final class RedisCredentials {

    /** The ACL user, e.g. {@code pos-till}. */
    public static final String USER_VARIABLE = "POS_REDIS_USER";
    /** A file holding the password (mode 0600); preferred. */
    public static final String PASSWORD_FILE_VARIABLE = "POS_REDIS_PASSWORD_FILE";
    /** The password itself; for service managers that inject secrets into the environment. */
    public static final String PASSWORD_VARIABLE = "POS_REDIS_PASSWORD";

    private static final Set<PosixFilePermission> OTHERS_MAY_TOUCH = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    private final String username;
    private final char[] password;

    private RedisCredentials(String username, char[] password) {
        this.username = username;
        this.password = password;
    }

    /**
     * @param username the ACL user
     * @param password its password; copied
     */
    public static RedisCredentials of(String username, char[] password) {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isBlank() || username.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidRedisCredentialsException("not a Redis ACL user name: '" + username + "'");
        }
        if (password.length == 0) {
            throw new InvalidRedisCredentialsException("the password for Redis user '" + username + "' is empty");
        }
        return new RedisCredentials(username, password.clone());
    }

    /**
     * Reads the password from {@code passwordFile}: the whole file, without a trailing newline.
     *
     * @throws InvalidRedisCredentialsException when the file is missing, empty, or readable or
     *     writable by its group or others (the message says which file and to {@code chmod 600} it)
     */
    public static RedisCredentials fromFile(String username, Path passwordFile) {
        Objects.requireNonNull(passwordFile, "passwordFile");
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(passwordFile);
        } catch (NoSuchFileException e) {
            throw new InvalidRedisCredentialsException("the Redis password file " + passwordFile + " does not exist", e);
        } catch (UnsupportedOperationException e) {
            throw new InvalidRedisCredentialsException("cannot check who may read the Redis password file " + passwordFile
                    + " (no POSIX permissions on this file system)", e);
        } catch (IOException e) {
            throw new InvalidRedisCredentialsException("cannot read the Redis password file " + passwordFile, e);
        }
        Set<PosixFilePermission> tooOpen = EnumSet.noneOf(PosixFilePermission.class);
        tooOpen.addAll(permissions);
        tooOpen.retainAll(OTHERS_MAY_TOUCH);
        if (!tooOpen.isEmpty()) {
            throw new InvalidRedisCredentialsException("the Redis password file " + passwordFile
                    + " may be read or changed by other users (mode " + PosixFilePermissions.toString(permissions)
                    + "); run chmod 600 " + passwordFile + " and try again");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(passwordFile);
        } catch (IOException e) {
            throw new InvalidRedisCredentialsException("cannot read the Redis password file " + passwordFile, e);
        }
        try {
            String text = new String(bytes, StandardCharsets.UTF_8);
            String stripped = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                    : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            if (stripped.isEmpty()) {
                throw new InvalidRedisCredentialsException("the Redis password file " + passwordFile + " is empty");
            }
            return of(username, stripped.toCharArray());
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** {@link #fromEnvironment(Map)} with the process environment. */
    public static Optional<RedisCredentials> fromEnvironment() {
        return fromEnvironment(System.getenv());
    }

    /**
     * Reads {@value #USER_VARIABLE} and the password from the file named by
     * {@value #PASSWORD_FILE_VARIABLE} or else from {@value #PASSWORD_VARIABLE}.
     *
     * @return empty when {@value #USER_VARIABLE} is not set (Redis without ACL users)
     * @throws InvalidRedisCredentialsException when the user is set but no usable password is
     */
    public static Optional<RedisCredentials> fromEnvironment(Map<String, String> environment) {
        String user = environment.get(USER_VARIABLE);
        if (user == null || user.isBlank()) {
            return Optional.empty();
        }
        String file = environment.get(PASSWORD_FILE_VARIABLE);
        if (file != null && !file.isBlank()) {
            return Optional.of(fromFile(user, Path.of(file)));
        }
        String password = environment.get(PASSWORD_VARIABLE);
        if (password != null && !password.isEmpty()) {
            return Optional.of(of(user, password.toCharArray()));
        }
        throw new InvalidRedisCredentialsException(USER_VARIABLE + " is " + user + " but neither "
                + PASSWORD_FILE_VARIABLE + " nor " + PASSWORD_VARIABLE + " gives its password");
    }

    /** @return the ACL user name */
    public String username() {
        return username;
    }

    /** @return a copy of the password; the caller should clear it when done */
    char[] password() {
        return password.clone();
    }

    /** @return {@code user 'pos-till' (password hidden)} */
    @Override
    public String toString() {
        return "user '" + username + "' (password hidden)";
    }
}
