package pos.gateway.sandbox.face.alipay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The Alipay face's identities: the merchant app's RSA-2048 key pair (the app signs requests; the face keeps its public
 * key to verify them), Alipay's own RSA-2048 key pair (answers and notifications are signed with it), the app id (16
 * digits) and the seller (partner) id ({@code 2088} + 12 digits). Made once and kept under {@code <dataDir>/alipay}
 * (directory 0700, files 0600), read again on every restart, so the till's and the hub's credentials stay valid.
 * Immutable and thread-safe.
 */
public final class AlipayKeys {

    /** The credential file names, as {@code pos.gateway.provider.PaymentProviders.REQUIRED_CREDENTIALS} names them. */
    public static final String APP_ID = "app-id";
    public static final String APP_PRIVATE_KEY = "app-private-key.pem";
    public static final String ALIPAY_PUBLIC_KEY = "alipay-public-key.pem";
    public static final String SELLER_ID = "seller-id";

    private static final String OWN_DIR = "alipay";
    private static final String IDS = "ids.properties";
    private static final String OWN_APP_KEY = "app-private-key.pem";
    private static final String OWN_ALIPAY_KEY = "alipay-private-key.pem";
    private static final int KEY_BITS = 2048;

    private final String appId;
    private final String sellerId;
    private final PrivateKey appPrivate;
    private final PublicKey appPublic;
    private final PrivateKey alipayPrivate;
    private final PublicKey alipayPublic;

    private AlipayKeys(String appId, String sellerId, PrivateKey appPrivate, PrivateKey alipayPrivate) {
        this.appId = appId;
        this.sellerId = sellerId;
        this.appPrivate = appPrivate;
        this.appPublic = publicOf(appPrivate);
        this.alipayPrivate = alipayPrivate;
        this.alipayPublic = publicOf(alipayPrivate);
    }

    /**
     * Reads the keys and ids kept under {@code dataDir}, or makes and keeps them the first time.
     *
     * @throws UncheckedIOException when the directory cannot be written or read, naming it
     */
    public static AlipayKeys openOrCreate(Path dataDir) {
        Path dir = dataDir.resolve(OWN_DIR);
        try {
            if (Files.isRegularFile(dir.resolve(IDS))) {
                Properties ids = new Properties();
                try (var in = Files.newBufferedReader(dir.resolve(IDS), StandardCharsets.UTF_8)) {
                    ids.load(in);
                }
                return new AlipayKeys(required(ids, "app_id", dir), required(ids, "seller_id", dir),
                        readPrivate(dir.resolve(OWN_APP_KEY)), readPrivate(dir.resolve(OWN_ALIPAY_KEY)));
            }
            SecureRandom random = new SecureRandom();
            AlipayKeys made = new AlipayKeys("2021" + digits(random, 12), "2088" + digits(random, 12),
                    generate(random).getPrivate(), generate(random).getPrivate());
            ownerOnlyDirectory(dir);
            writeOwnerOnly(dir.resolve(OWN_APP_KEY), pem("PRIVATE KEY", made.appPrivate.getEncoded()));
            writeOwnerOnly(dir.resolve(OWN_ALIPAY_KEY), pem("PRIVATE KEY", made.alipayPrivate.getEncoded()));
            // the ids last: their file's presence says the keys are complete
            writeOwnerOnly(dir.resolve(IDS), "app_id=" + made.appId + "\nseller_id=" + made.sellerId + "\n");
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("the Alipay face cannot keep its keys in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the merchant's side into {@code credentialsDir} (directory 0700, files 0600): the app id, the app's
     * private key (PKCS#8 PEM), Alipay's public key (X.509 PEM) and the seller id.
     */
    public void writeCredentials(Path credentialsDir) {
        try {
            ownerOnlyDirectory(credentialsDir);
            writeOwnerOnly(credentialsDir.resolve(APP_ID), appId + "\n");
            writeOwnerOnly(credentialsDir.resolve(APP_PRIVATE_KEY), pem("PRIVATE KEY", appPrivate.getEncoded()));
            writeOwnerOnly(credentialsDir.resolve(ALIPAY_PUBLIC_KEY), pem("PUBLIC KEY", alipayPublic.getEncoded()));
            writeOwnerOnly(credentialsDir.resolve(SELLER_ID), sellerId + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("the Alipay face cannot write the merchant's credentials to " + credentialsDir
                    + ": " + e.getMessage(), e);
        }
    }

    public String appId() {
        return appId;
    }

    public String sellerId() {
        return sellerId;
    }

    /** Verifies the app's requests. */
    public PublicKey appPublic() {
        return appPublic;
    }

    /** Signs answers and notifications as Alipay. */
    PrivateKey alipayPrivate() {
        return alipayPrivate;
    }

    /** Alipay's public key, for tests that check what the face signed. */
    public PublicKey alipayPublic() {
        return alipayPublic;
    }

    /** A PEM text block of {@code der}, 64 characters a line. */
    public static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** The DER bytes of a PEM text (or of bare base64). */
    static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    /** A public key from its X.509 PEM or base64 text, for tests and the face's verifier. */
    public static PublicKey publicKey(String pem) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(pem)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an RSA public key in X.509 PEM", e);
        }
    }

    private static PrivateKey readPrivate(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(file))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    private static PublicKey publicOf(PrivateKey key) {
        RSAPrivateCrtKey crt = (RSAPrivateCrtKey) key;
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(crt.getModulus(),
                    crt.getPublicExponent()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make RSA public keys", e);
        }
    }

    private static KeyPair generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make RSA keys", e);
        }
    }

    private static String digits(SecureRandom random, int count) {
        String text = new BigInteger(64, random).mod(BigInteger.TEN.pow(count)).toString();
        return "0".repeat(count - text.length()) + text;
    }

    private static String required(Properties ids, String name, Path dir) throws IOException {
        String value = ids.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IOException(dir.resolve(IDS) + " has no " + name);
        }
        return value.strip();
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: its ACLs are the operator's to set
        }
    }

    /** Writes {@code text} to a file that only its owner may read, from its first byte. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Objects.requireNonNull(text, "text");
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (Files.getFileStore(file).supportsFileAttributeView("posix")) {
            Set<java.nio.file.attribute.PosixFilePermission> mode = PosixFilePermissions.fromString("rw-------");
            Files.setPosixFilePermissions(file, mode);
        }
    }
}
