package pos.sync.people;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that seal fingerprint templates, by key id, and which one seals new records
 * (the first). Rotation: put a new key first and keep the old ones after it; records sealed
 * under an old key still open, and {@link TillPeople#resealAll()} moves them to the new key.
 *
 * <p>Where the keys come from, in order:
 * <ol>
 *   <li>configuration ({@code pos.people.printKeys} / {@code POS_PEOPLE_PRINT_KEYS}):
 *       {@code keyId:base64,keyId:base64}, each key 32 random bytes, the first sealing. Every till of
 *       a store needs the same keys to open the prints the others enrolled; the hub needs none (it
 *       only moves ciphertext);</li>
 *   <li>else the key file {@value #FILE_NAME} in the till's data directory, created on first use
 *       with one random key and file mode 600; same format, one {@code keyId:base64} per line. Copy it
 *       to the store's other tills (or put its line into their configuration).</li>
 * </ol>
 * The OS keyring (Secret Service, Windows DPAPI, macOS Keychain) is not wired yet. Immutable; thread-safe.
 */
public final class PrintKeys {

    /** The key file's name in the data directory. */
    public static final String FILE_NAME = "print-keys";
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Map<String, SecretKey> keys; // insertion order: the first seals
    private final String sealingKeyId;

    private PrintKeys(Map<String, SecretKey> keys) {
        if (keys.isEmpty()) {
            throw new UnableToReadPrintKeyException("no print encryption key", null);
        }
        this.keys = Map.copyOf(keys);
        this.sealingKeyId = keys.keySet().iterator().next();
    }

    /**
     * Keys from configuration text {@code keyId:base64[,keyId:base64…]}; {@code where} names the
     * setting or file in messages.
     *
     * @throws UnableToReadPrintKeyException if the text is malformed or a key is not 32 bytes
     */
    public static PrintKeys parse(String spec, String where) {
        Objects.requireNonNull(spec, "spec");
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        List<String> items = spec.lines().map(String::strip).filter(l -> !l.startsWith("#"))
                .flatMap(l -> java.util.Arrays.stream(l.split(","))).map(String::strip).filter(i -> !i.isEmpty()).toList();
        for (String item : items) {
            int colon = item.indexOf(':');
            if (colon < 1) {
                throw new UnableToReadPrintKeyException(where + ": a print key is written keyId:base64 (32 bytes); one entry"
                        + " has no key id", null);
            }
            String id = item.substring(0, colon);
            if (!id.matches("[0-9A-Za-z_-]{1,40}")) {
                throw new UnableToReadPrintKeyException(where + ": print key id '" + id + "' is not 1-40 of [0-9A-Za-z_-]",
                        null);
            }
            byte[] raw;
            try {
                raw = Base64.getDecoder().decode(item.substring(colon + 1).strip());
            } catch (IllegalArgumentException e) {
                throw new UnableToReadPrintKeyException(where + ": print key " + id + " is not base64", e);
            }
            if (raw.length != KEY_BYTES) {
                throw new UnableToReadPrintKeyException(where + ": print key " + id + " has " + raw.length + " bytes, not "
                        + KEY_BYTES, null);
            }
            if (keys.putIfAbsent(id, new SecretKeySpec(raw, "AES")) != null) {
                throw new UnableToReadPrintKeyException(where + ": print key id " + id + " appears twice", null);
            }
        }
        return new PrintKeys(keys);
    }

    /**
     * The configured keys if {@code configured} is present and not blank, else the key file in
     * {@code dataDir} (created with one random key, mode 600, if there is none).
     *
     * @throws UnableToReadPrintKeyException if the configuration is malformed or the file cannot be made or read
     */
    public static PrintKeys configuredOrIn(Optional<String> configured, Path dataDir) {
        if (configured.isPresent() && !configured.get().isBlank()) {
            return parse(configured.get(), "setting pos.people.printKeys");
        }
        return openIn(dataDir);
    }

    /**
     * The key file in {@code dataDir}, created with one new random key (mode 600) if absent.
     *
     * @throws UnableToReadPrintKeyException if it cannot be created or read, or is malformed
     */
    public static PrintKeys openIn(Path dataDir) {
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                create(file);
            }
            return parse(Files.readString(file, StandardCharsets.US_ASCII), "key file " + file);
        } catch (IOException e) {
            throw new UnableToReadPrintKeyException("cannot create or read the print key file " + file + ": " + e, e);
        }
    }

    /** A new random key line {@code keyId:base64}, e.g. for configuration or rotation. */
    public static String newKeyLine(String keyId) {
        byte[] raw = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(raw);
        return keyId + ":" + Base64.getEncoder().encodeToString(raw);
    }

    private static void create(Path file) throws IOException {
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".new", attributes);
        Files.writeString(temporary, "# print encryption keys: keyId:base64, the first seals new prints\n"
                + newKeyLine("k" + System.currentTimeMillis()) + "\n", StandardCharsets.US_ASCII);
        Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** The id of the key that seals new records. */
    public String sealingKeyId() {
        return sealingKeyId;
    }

    SecretKey sealingKey() {
        return keys.get(sealingKeyId);
    }

    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** The ids of every key held. */
    public List<String> keyIds() {
        return List.copyOf(keys.keySet());
    }

    @Override
    public String toString() { // never a key
        return "PrintKeys[sealing " + sealingKeyId + ", ids " + keys.keySet() + "]";
    }
}
