package pos.contract.auth;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.PublicKeyFactory;

/**
 * Ed25519 signatures (the JDK's own, RFC 8032) for what one party publishes and many must be able to
 * check without being able to forge: the hub signs payment results, the store owner signs rule bases.
 * Keys travel as text: a private key is base64 of its PKCS#8 form, kept in a file only its owner
 * may read ({@link SecretFiles}); a public key is base64 of its X.509 form, which may be shown and
 * copied anywhere. Signatures are base64url without padding. Stateless and thread-safe.
 */
public final class Ed25519 {

    private static final java.util.Map<PrivateKey, Ed25519PrivateKeyParameters> PRIVATE = new java.util.WeakHashMap<>();
    private static final java.util.Map<PublicKey, Ed25519PublicKeyParameters> PUBLIC = new java.util.WeakHashMap<>();

    private Ed25519() {
    }

    /** A new key pair. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is missing from this Java runtime (Java 15 or newer has it)", e);
        }
    }

    /** The text form of a private key (keep it secret). */
    public static String privateKeyText(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** The text form of a public key (shareable). */
    public static String publicKeyText(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * Reads a private key from a 0600 file.
     *
     * @throws UnableToReadSecretException if the file is unsafe or holds no Ed25519 private key
     */
    public static PrivateKey readPrivateKey(Path file, String what) {
        String text = SecretFiles.read(file, what);
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new UnableToReadSecretException(what + ": " + file + " does not hold an Ed25519 private key"
                    + " (base64 of PKCS#8, as written by the key generator)", e);
        }
    }

    /**
     * Reads a private key's text form (from an environment variable, say); the text never appears in a message.
     *
     * @throws UnableToReadSecretException if it is not an Ed25519 private key in base64 of PKCS#8
     */
    public static PrivateKey parsePrivateKey(String text, String what) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(text.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new UnableToReadSecretException(what + " is not an Ed25519 private key (base64 of PKCS#8, as written by"
                    + " the key generator)", e);
        }
    }

    /**
     * Reads a public key's text form.
     *
     * @throws IllegalArgumentException if it is not an Ed25519 public key in base64 of X.509
     */
    public static PublicKey parsePublicKey(String text, String what) {
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException(what + " is not an Ed25519 public key (base64 of X.509, 44 bytes)", e);
        }
    }

    /**
     * The signature of {@code data} under {@code key}, base64url. Computed with BouncyCastle's
     * Ed25519 (RFC 8032, the same deterministic signature the JDK makes, about fifteen times faster
     * than the JDK 17 provider's); the keys stay the JDK's.
     */
    public static String sign(PrivateKey key, byte[] data) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, privateParameters(key));
        signer.update(data, 0, data.length);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(signer.generateSignature());
    }

    /** True when {@code signatureText} is {@code key}'s signature of {@code data}; false for anything else, never an exception. */
    public static boolean verify(PublicKey key, byte[] data, String signatureText) {
        if (signatureText == null || signatureText.length() > 128) {
            return false;
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(signatureText);
        } catch (IllegalArgumentException e) {
            return false; // not base64url: not a signature by this key
        }
        if (signature.length != Ed25519PublicKeyParameters.KEY_SIZE * 2) {
            return false;
        }
        Ed25519Signer verifier = new Ed25519Signer();
        verifier.init(false, publicParameters(key));
        verifier.update(data, 0, data.length);
        return verifier.verifySignature(signature);
    }

    /** BouncyCastle's form of a JDK Ed25519 private key (from its PKCS#8 encoding), remembered per key. */
    private static Ed25519PrivateKeyParameters privateParameters(PrivateKey key) {
        synchronized (PRIVATE) {
            return PRIVATE.computeIfAbsent(key, k -> {
                try {
                    return (Ed25519PrivateKeyParameters) PrivateKeyFactory.createKey(k.getEncoded());
                } catch (java.io.IOException | ClassCastException e) {
                    throw new IllegalArgumentException("not an Ed25519 private key: " + k.getAlgorithm(), e);
                }
            });
        }
    }

    /** BouncyCastle's form of a JDK Ed25519 public key (from its X.509 encoding), remembered per key. */
    private static Ed25519PublicKeyParameters publicParameters(PublicKey key) {
        synchronized (PUBLIC) {
            return PUBLIC.computeIfAbsent(key, k -> {
                try {
                    return (Ed25519PublicKeyParameters) PublicKeyFactory.createKey(k.getEncoded());
                } catch (java.io.IOException | ClassCastException e) {
                    throw new IllegalArgumentException("not an Ed25519 public key: " + k.getAlgorithm(), e);
                }
            });
        }
    }
}
