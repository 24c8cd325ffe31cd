package pos.sync.card;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import pos.core.card.CardNumber;

/**
 * The till's card tokens: HMAC-SHA256 of the card number under a secret key that never leaves
 * the till. The key is {@value #FILE_NAME} in the till's data directory: 32 random bytes, made
 * once on first use with file mode 600 (owner read/write only, on POSIX file systems), kept
 * across restarts so that a card's token stays the same (the daily card limit depends on it).
 * Losing the file only means earlier payments are no longer recognised. Thread-safe (immutable).
 */
public final class CardTokens {

    /** The key file's name inside the data directory. */
    public static final String FILE_NAME = "card-token.key";
    private static final int KEY_BYTES = 32;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final byte[] key;

    private CardTokens(byte[] key) {
        this.key = key;
    }

    /**
     * Reads the key in {@code dataDir}, creating it (mode 600) if there is none yet.
     *
     * @throws UnableToReadCardKeyException if the file cannot be created or read, or is damaged
     */
    public static CardTokens openIn(Path dataDir) {
        Objects.requireNonNull(dataDir, "dataDir");
        Path file = dataDir.toAbsolutePath().resolve(FILE_NAME);
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                create(file);
            } else if (Files.getFileStore(file).supportsFileAttributeView("posix")
                    && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY); // a copied-in key keeps the till's rule: 600
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != KEY_BYTES) {
                throw new UnableToReadCardKeyException("the till's card token key " + file + " has " + key.length
                        + " bytes instead of " + KEY_BYTES + "; it is damaged (restore it from a backup, or delete it"
                        + " to start a new one: earlier card payments then no longer count towards daily limits)", null);
            }
            return new CardTokens(key);
        } catch (IOException e) {
            throw new UnableToReadCardKeyException("cannot create or read the till's card token key " + file + ": " + e,
                    e);
        }
    }

    /** A new key, written in full under a temporary name and then moved into place, so no one reads half a key. */
    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
        Path temporary = Files.createTempFile(file.getParent(), FILE_NAME, ".new", attributes);
        try {
            Files.write(temporary, key);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file);
            }
        } catch (FileAlreadyExistsException e) {
            // another process made it first: use theirs
        } finally {
            Arrays.fill(key, (byte) 0);
            Files.deleteIfExists(temporary);
        }
    }

    /** The card's token: lowercase hex HMAC-SHA256 of its digits under the till's key. */
    public String tokenOf(CardNumber card) {
        Objects.requireNonNull(card, "card");
        byte[] digits = card.revealForGateway().getBytes(StandardCharsets.US_ASCII);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(digits));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute " + ALGORITHM + " for a card token", e);
        } finally {
            Arrays.fill(digits, (byte) 0);
        }
    }

    /** What the journal keeps of the card: masked number, BIN, last four, token. */
    public CardRef refOf(CardNumber card) {
        return new CardRef(card.masked(), card.bin(), card.lastFour(), tokenOf(card));
    }

    @Override
    public String toString() {
        return "CardTokens[key hidden]";
    }
}
