package pos.gateway.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where a provider's merchant ids, keys and certificates come from: the environment first, then a file in the
 * credentials directory. For provider {@code wechatpay} and name {@code merchant-key.pem} that is the variable
 * {@code POS_WECHATPAY_MERCHANT_KEY} (the whole PEM text) or the file {@code <dir>/merchant-key.pem}.
 *
 * <p>A file must be readable by its owner only (mode 0600 or 0400): a key that the group or others can read is
 * refused with a sentence that says how to fix it ({@code chmod 600 FILE}). Values are never logged; messages name
 * the file and the variable, never what they hold. Immutable and thread-safe.
 */
public final class Secrets {

    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final long MAX_BYTES = 64 * 1024;

    private final String provider;
    private final Path dir;
    private final Map<String, String> environment;

    /**
     * @param provider    the provider's name ({@code wechatpay}), the middle of the variable names
     * @param dir         the credentials directory, or null when only the environment holds them
     * @param environment the process environment (tests pass their own)
     */
    public Secrets(String provider, Path dir, Map<String, String> environment) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.dir = dir;
        this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
    }

    /** The environment variable for {@code name}: {@code POS_<PROVIDER>_<NAME>}, without a file extension. */
    public String variable(String name) {
        String bare = name.replaceFirst("\\.(pem|txt|key|crt|p12)$", "");
        return ("POS_" + provider + "_" + bare).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The file for {@code name}, or null when no credentials directory is configured. */
    public Path file(String name) {
        return dir == null ? null : dir.resolve(name);
    }

    /**
     * The credential {@code name}, stripped of surrounding white space.
     *
     * @throws MissingCredentialsException naming the file and the variable when neither holds it, or when the file
     *                                     may be read by others
     */
    public String require(String name) {
        return optional(name).orElseThrow(() -> new MissingCredentialsException(provider + " credential '" + name
                + "' is missing: " + where(name)));
    }

    /** The credential {@code name}, or empty when neither the variable nor the file exists. */
    public Optional<String> optional(String name) {
        String fromEnv = environment.get(variable(name));
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        Path file = file(name);
        if (file == null) {
            return Optional.empty();
        }
        try {
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
                return Optional.empty();
            }
            checkOwnerOnly(file);
            if (Files.size(file) > MAX_BYTES) {
                throw new MissingCredentialsException(provider + " credential file " + file + " is larger than "
                        + MAX_BYTES + " bytes: not a key or an id");
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                throw new MissingCredentialsException(provider + " credential file " + file + " is empty");
            }
            return Optional.of(text);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new MissingCredentialsException(provider + " credential file " + file + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    /** "set POS_X_Y or put it in the file F (mode 0600)" */
    public String where(String name) {
        Path file = file(name);
        return file == null ? "set " + variable(name) + " (no credentials directory is configured)"
                : "put it in " + file + " (mode 0600) or set " + variable(name);
    }

    private void checkOwnerOnly(Path file) throws IOException {
        Set<PosixFilePermission> mode;
        try {
            mode = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException e) {
            return; // a file system without POSIX modes (Windows): its ACLs are the installer's to set
        }
        if (mode.stream().anyMatch(OTHERS::contains)) {
            throw new MissingCredentialsException(provider + " credential file " + file + " can be read by others"
                    + " (mode " + java.nio.file.attribute.PosixFilePermissions.toString(mode) + "): run chmod 600 "
                    + file);
        }
    }
}
