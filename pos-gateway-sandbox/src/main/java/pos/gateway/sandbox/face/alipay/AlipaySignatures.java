package pos.gateway.sandbox.face.alipay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Alipay's RSA2 signatures (SHA256withRSA, base64) over the text Alipay signs: the parameters sorted by name, those
 * with an empty value and the excluded ones left out, joined as {@code name=value&...} with the raw (not URL-encoded)
 * values. Thread-safe (stateless).
 */
public final class AlipaySignatures {

    /** A request of the app: everything but {@code sign} is signed (the SDK signs {@code sign_type} too). */
    public static final Set<String> REQUEST_UNSIGNED = Set.of("sign");
    /** A notification: {@code sign} and {@code sign_type} are not signed (Alipay's "V1" check). */
    public static final Set<String> NOTIFICATION_UNSIGNED = Set.of("sign", "sign_type");

    private AlipaySignatures() {
    }

    /** The text that is signed. */
    public static String content(Map<String, String> params, Set<String> unsigned) {
        StringBuilder text = new StringBuilder();
        for (Map.Entry<String, String> param : new TreeMap<>(params).entrySet()) {
            if (unsigned.contains(param.getKey()) || param.getValue() == null || param.getValue().isEmpty()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append('&');
            }
            text.append(param.getKey()).append('=').append(param.getValue());
        }
        return text.toString();
    }

    /** The RSA2 signature of {@code content}, base64. */
    public static String sign(String content, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(content.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with RSA2", e);
        }
    }

    /** True when {@code sign} (base64) is {@code key}'s RSA2 signature of {@code content}; false for anything else. */
    public static boolean verify(String content, String sign, PublicKey key) {
        if (sign == null || sign.isBlank()) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(content.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(sign.strip()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false; // not base64, not a signature of this key's size: not this key's signature
        }
    }
}
