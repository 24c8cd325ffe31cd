package pos.contract.pay;

import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import pos.contract.auth.Ed25519;
import pos.core.pay.PaymentResult;

/**
 * The store hub's word that a payment result is final: an Ed25519 signature ({@link Ed25519}) by the
 * hub's key over one canonical text, defined here once for the hub (which signs) and the tills
 * (which check):
 *
 * <pre>pos-result-v1|&lt;tx&gt;|&lt;status&gt;|&lt;amountMinor&gt;|&lt;currency&gt;|&lt;gateway trade no or empty&gt;|&lt;updatedAt epoch ms&gt;</pre>
 *
 * The signature is stored as the field {@code sig} of the result hash, written by the same Lua call
 * as the result ({@link RedisResultBoard}), so it always travels with the value it signs. A
 * signature copied to another transaction, another status or another amount does not verify: each
 * of them is in the text. The board does not keep the gateway's trade number yet, so that part is
 * empty. Stateless and thread-safe.
 */
public final class ResultSignature {

    /** The first part of the signed text; a new format gets a new version. */
    public static final String VERSION = "pos-result-v1";

    private ResultSignature() {
    }

    /** The exact text the hub signs for {@code result}. */
    public static String canonicalText(PaymentResult result) {
        Objects.requireNonNull(result, "result");
        return VERSION + "|" + result.transactionId() + "|" + result.status().name() + "|" + result.amountMinor() + "|"
                + result.currency() + "|" + "" + "|" + result.updatedAt().toEpochMilli();
    }

    /** The hub's signature of {@code result} (base64url). */
    public static String sign(PrivateKey hubKey, PaymentResult result) {
        return Ed25519.sign(Objects.requireNonNull(hubKey, "hubKey"), canonicalText(result).getBytes(StandardCharsets.UTF_8));
    }

    /** True when {@code signature} is the hub's signature of exactly {@code result}; false for anything else (null too). */
    public static boolean verify(PublicKey hubPublicKey, PaymentResult result, String signature) {
        Objects.requireNonNull(hubPublicKey, "hubPublicKey");
        return signature != null && Ed25519.verify(hubPublicKey, canonicalText(result).getBytes(StandardCharsets.UTF_8),
                signature);
    }
}
