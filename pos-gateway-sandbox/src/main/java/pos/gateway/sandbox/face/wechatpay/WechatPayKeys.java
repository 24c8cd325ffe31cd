package pos.gateway.sandbox.face.wechatpay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;

/**
 * The test keys and ids of the WeChat Pay face, made once and kept under the sandbox's data directory (read again on a
 * restart): the merchant's RSA-2048 key pair and its API certificate serial number, WeChat Pay's platform RSA-2048 key
 * pair with its public key id (the "WeChat Pay public key" mode, {@code PUB_KEY_ID_} + digits), the 32-character
 * API v3 key, the merchant id (mchid) and the app id.
 *
 * <p>{@link #writeCredentials} writes the merchant's side, under the file names the till and the hub read (pos-gateway's
 * {@code PaymentProviders.REQUIRED_CREDENTIALS}), into a directory of mode 0700 with files of mode 0600. The face keeps
 * the merchant's public key to verify requests and the platform's private key to sign answers and notifications.
 * Immutable and thread-safe.
 */
public final class WechatPayKeys {

    /** Where the face keeps its own keys, under the data directory. */
    static final String FACE_DIR = "wechatpay-v3";
    /** The merchant's credentials, under the data directory. */
    static final String CREDENTIALS_DIR = "credentials";

    static final String MERCHANT_ID = "merchant-id";
    static final String APP_ID = "app-id";
    static final String MERCHANT_SERIAL = "merchant-serial";
    static final String MERCHANT_KEY = "merchant-key.pem";
    static final String API_V3_KEY = "api-v3-key";
    static final String PLATFORM_PUBLIC_KEY = "wechatpay-public-key.pem";
    static final String PLATFORM_PUBLIC_KEY_ID = "wechatpay-public-key-id";

    private static final String IDS = "ids.properties";
    private static final String MERCHANT_PUBLIC = "merchant-public-key.pem";
    private static final String PLATFORM_PRIVATE = "wechatpay-private-key.pem";
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final String merchantId;
    private final String appId;
    private final String merchantSerial;
    private final String publicKeyId;
    private final String apiV3Key;
    private final PrivateKey merchantPrivate;
    private final PublicKey merchantPublic;
    private final PrivateKey platformPrivate;
    private final PublicKey platformPublic;

    private WechatPayKeys(String merchantId, String appId, String merchantSerial, String publicKeyId, String apiV3Key,
            KeyPair merchant, KeyPair platform) {
        this.merchantId = merchantId;
        this.appId = appId;
        this.merchantSerial = merchantSerial;
        this.publicKeyId = publicKeyId;
        this.apiV3Key = apiV3Key;
        this.merchantPrivate = merchant.getPrivate();
        this.merchantPublic = merchant.getPublic();
        this.platformPrivate = platform.getPrivate();
        this.platformPublic = platform.getPublic();
    }

    /**
     * Reads the face's keys from {@code dataDir}, or makes them there the first time.
     *
     * @throws UncheckedIOException naming the file when they cannot be read or written
     */
    public static WechatPayKeys openOrCreate(Path dataDir) {
        Path dir = dataDir.resolve(FACE_DIR);
        try {
            if (Files.exists(dir.resolve(IDS))) {
                return read(dir);
            }
            WechatPayKeys made = generate(new SecureRandom());
            made.write(dir);
            return made;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the WeChat Pay face's test keys in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Fresh keys and ids, kept nowhere (a test's second merchant). */
    public static WechatPayKeys generate(SecureRandom random) {
        return new WechatPayKeys("19" + digits(random, 8), "wx" + hex(random, 8), hex(random, 20).toUpperCase(java.util.Locale.ROOT),
                "PUB_KEY_ID_" + digits(random, 28), alphanumeric(random, 32), rsa(random), rsa(random));
    }

    /**
     * Writes the merchant's side into {@code dir} (made with mode 0700; files of mode 0600), under the names the till
     * and the hub read: merchant-id, app-id, merchant-serial, merchant-key.pem (PKCS#8), api-v3-key,
     * wechatpay-public-key.pem (X.509 SubjectPublicKeyInfo) and wechatpay-public-key-id.
     */
    public void writeCredentials(Path dir) {
        try {
            ownerOnlyDirectory(dir);
            writeSecret(dir.resolve(MERCHANT_ID), merchantId);
            writeSecret(dir.resolve(APP_ID), appId);
            writeSecret(dir.resolve(MERCHANT_SERIAL), merchantSerial);
            writeSecret(dir.resolve(MERCHANT_KEY), pem("PRIVATE KEY", merchantPrivate.getEncoded()));
            writeSecret(dir.resolve(API_V3_KEY), apiV3Key);
            writeSecret(dir.resolve(PLATFORM_PUBLIC_KEY), pem("PUBLIC KEY", platformPublic.getEncoded()));
            writeSecret(dir.resolve(PLATFORM_PUBLIC_KEY_ID), publicKeyId);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the WeChat Pay merchant credentials into " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    public String merchantId() {
        return merchantId;
    }

    public String appId() {
        return appId;
    }

    public String merchantSerial() {
        return merchantSerial;
    }

    /** The id of WeChat Pay's public key: the {@code Wechatpay-Serial} of every answer and notification. */
    public String publicKeyId() {
        return publicKeyId;
    }

    /** The API v3 key: the AES-256-GCM key of notifications. Never logged. */
    public String apiV3Key() {
        return apiV3Key;
    }

    /** The merchant's private key (a test signs a request of its own with it). */
    public PrivateKey merchantPrivateKey() {
        return merchantPrivate;
    }

    public PublicKey merchantPublicKey() {
        return merchantPublic;
    }

    /** WeChat Pay's platform private key, which signs answers and notifications. */
    public PrivateKey platformPrivateKey() {
        return platformPrivate;
    }

    public PublicKey platformPublicKey() {
        return platformPublic;
    }

    @Override
    public String toString() {
        return "WechatPayKeys[mchid=" + merchantId + ", appid=" + appId + ", publicKeyId=" + publicKeyId + "]";
    }

    private void write(Path dir) throws IOException {
        ownerOnlyDirectory(dir);
        writeSecret(dir.resolve(MERCHANT_KEY), pem("PRIVATE KEY", merchantPrivate.getEncoded()));
        writeSecret(dir.resolve(MERCHANT_PUBLIC), pem("PUBLIC KEY", merchantPublic.getEncoded()));
        writeSecret(dir.resolve(PLATFORM_PRIVATE), pem("PRIVATE KEY", platformPrivate.getEncoded()));
        writeSecret(dir.resolve(PLATFORM_PUBLIC_KEY), pem("PUBLIC KEY", platformPublic.getEncoded()));
        Properties ids = new Properties();
        ids.setProperty(MERCHANT_ID, merchantId);
        ids.setProperty(APP_ID, appId);
        ids.setProperty(MERCHANT_SERIAL, merchantSerial);
        ids.setProperty(PLATFORM_PUBLIC_KEY_ID, publicKeyId);
        ids.setProperty(API_V3_KEY, apiV3Key);
        java.io.StringWriter text = new java.io.StringWriter();
        ids.store(text, "the WeChat Pay face's test merchant (sandbox only)");
        writeSecret(dir.resolve(IDS), text.toString()); // last: its presence means the others are there
    }

    private static WechatPayKeys read(Path dir) throws IOException {
        Properties ids = new Properties();
        try (var reader = Files.newBufferedReader(dir.resolve(IDS), StandardCharsets.UTF_8)) {
            ids.load(reader);
        }
        KeyPair merchant = new KeyPair(publicKey(dir.resolve(MERCHANT_PUBLIC)), privateKey(dir.resolve(MERCHANT_KEY)));
        KeyPair platform = new KeyPair(publicKey(dir.resolve(PLATFORM_PUBLIC_KEY)),
                privateKey(dir.resolve(PLATFORM_PRIVATE)));
        return new WechatPayKeys(required(ids, MERCHANT_ID, dir), required(ids, APP_ID, dir),
                required(ids, MERCHANT_SERIAL, dir), required(ids, PLATFORM_PUBLIC_KEY_ID, dir),
                required(ids, API_V3_KEY, dir), merchant, platform);
    }

    private static String required(Properties ids, String name, Path dir) throws IOException {
        String value = ids.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IOException(dir.resolve(IDS) + " has no " + name);
        }
        return value.strip();
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    static byte[] der(String pem) {
        String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }

    private static PrivateKey privateKey(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(readText(file))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an RSA private key in PKCS#8 PEM", e);
        }
    }

    private static PublicKey publicKey(Path file) throws IOException {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der(readText(file))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IOException(file + " is not an RSA public key in X.509 PEM", e);
        }
    }

    private static String readText(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    private static void ownerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // a file system without POSIX modes: its ACLs are the operator's to set
        }
    }

    /** Written to a temporary file of mode 0600 first, then moved in place: never readable by others, not even briefly. */
    private static void writeSecret(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        try {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(ownerOnly));
        } catch (UnsupportedOperationException e) {
            Files.createFile(temporary);
        }
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static KeyPair rsa(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make RSA-2048 keys", e);
        }
    }

    private static String digits(SecureRandom random, int count) {
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append((char) ('0' + random.nextInt(10)));
        }
        return text.toString();
    }

    private static String hex(SecureRandom random, int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return java.util.HexFormat.of().formatHex(raw);
    }

    static String alphanumeric(SecureRandom random, int count) {
        Objects.checkIndex(count - 1, 64);
        StringBuilder text = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            text.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return text.toString();
    }
}
