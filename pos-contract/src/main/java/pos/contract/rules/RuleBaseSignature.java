package pos.contract.rules;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import pos.contract.auth.Ed25519;
import pos.core.rules.RuleBaseDefinition;

/**
 * The store owner's signature on a rule base (issue 10, docs/signed-rules.md): Ed25519 over the
 * UTF-8 text {@code pos-rules-v1|<storeId>|<version>|<sha256 hex of the exact body bytes>}. The
 * version is the hub's next number, asked for before signing, and the body carries the same
 * number in its "version" field, so neither the number nor the data can be changed after signing.
 * Defined once here; the publisher, the hub and every till use it. Stateless and thread-safe.
 */
public final class RuleBaseSignature {

    /** The first field of the signed text: changes only when the signed text changes. */
    public static final String FORMAT = "pos-rules-v1";

    private RuleBaseSignature() {
    }

    /**
     * A rule base ready to publish: its exact body text, the version it carries and the owner's signature.
     * Immutable.
     */
    public record Signed(long version, String body, String signature) {
        public Signed {
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(signature, "signature");
        }

        @Override
        public String toString() {
            return "Signed[version=" + version + ", sha256=" + RuleBaseJson.sha256(body) + "]";
        }
    }

    /** The bytes that are signed. */
    public static byte[] signedText(String storeId, long version, String bodySha256Hex) {
        requireStoreId(storeId);
        return (FORMAT + "|" + storeId + "|" + version + "|" + bodySha256Hex).getBytes(StandardCharsets.UTF_8);
    }

    /** The owner's signature of {@code body} as version {@code version} of {@code storeId}'s rule base. */
    public static String sign(PrivateKey ownerKey, String storeId, long version, String body) {
        return Ed25519.sign(ownerKey, signedText(storeId, version, RuleBaseJson.sha256(body)));
    }

    /**
     * {@code definition} written canonically as version {@code version} ({@link RuleBaseJson#write}) and signed.
     */
    public static Signed sign(PrivateKey ownerKey, String storeId, long version, RuleBaseDefinition definition) {
        String body = RuleBaseJson.write(definition.withVersion(version));
        return new Signed(version, body, sign(ownerKey, storeId, version, body));
    }

    /**
     * True when {@code signature} is the owner's over exactly {@code body} as version {@code version}
     * of {@code storeId}'s rule base; false for anything else (null, malformed, another key), never an exception.
     */
    public static boolean verify(PublicKey ownerKey, String storeId, long version, String body, String signature) {
        if (ownerKey == null || body == null || signature == null || storeId == null || storeId.isBlank()) {
            return false;
        }
        return Ed25519.verify(ownerKey, signedText(storeId, version, RuleBaseJson.sha256(body)), signature);
    }

    /**
     * The store owner's public key from a setting: the path of a file holding it ({@code owner.pub}),
     * or the key itself in base64 (X.509).
     *
     * @param what the setting's name, for the message ("--owner-public-key")
     * @throws IllegalArgumentException naming the setting when it is neither
     */
    public static PublicKey ownerPublicKey(String fileOrBase64, String what) {
        if (fileOrBase64 == null || fileOrBase64.isBlank()) {
            throw new IllegalArgumentException(what + " is empty: give the file owner.pub or the key in base64");
        }
        String text = fileOrBase64.strip();
        java.nio.file.Path file;
        try {
            file = java.nio.file.Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            file = null;
        }
        if (file != null && java.nio.file.Files.isRegularFile(file)) {
            try {
                if (java.nio.file.Files.size(file) > 4096) {
                    throw new IllegalArgumentException(what + ": " + file + " is too large for a public key file");
                }
                return Ed25519.parsePublicKey(java.nio.file.Files.readString(file, StandardCharsets.UTF_8),
                        what + " (the file " + file + ")");
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException(what + ": cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        if (text.contains("/") && !text.matches("[A-Za-z0-9+/=]+")) {
            throw new IllegalArgumentException(what + ": there is no file " + text);
        }
        return Ed25519.parsePublicKey(text, what);
    }

    private static void requireStoreId(String storeId) {
        if (storeId == null || storeId.isBlank() || storeId.indexOf('|') >= 0) {
            throw new IllegalArgumentException("a store id is 1 or more characters without '|': '" + storeId + "'");
        }
    }
}
