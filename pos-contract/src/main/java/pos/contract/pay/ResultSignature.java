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
 * empty. Thread-safe.
 *
 * <p>Ed25519 in the JDK costs a few hundred microseconds per signature and per check, and the same
 * result is asked for again and again (every till polls its payment every 2 s, the customer's page
 * too). Ed25519 signatures are deterministic, so the hub's signatures and the checks that passed
 * are remembered (the {@value #MEMO_SIZE} most recent of each): a repeat costs a map look-up, and a
 * forged or changed result still costs a full check, since only what passed is remembered.
 */
public final class ResultSignature {

    /** The first part of the signed text; a new format gets a new version. */
    public static final String VERSION = "pos-result-v1";

    /** Signatures and passed checks remembered, each. */
    static final int MEMO_SIZE = 50_000;

    private record Remembered(java.security.Key key, String text) {
    }

    private static final java.util.Map<Remembered, String> SIGNED = lru();
    private static final java.util.Map<Remembered, String> VERIFIED = lru();

    private ResultSignature() {
    }

    private static java.util.Map<Remembered, String> lru() {
        return java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(1_024, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(java.util.Map.Entry<Remembered, String> eldest) {
                return size() > MEMO_SIZE;
            }
        });
    }

    /** The exact text the hub signs for {@code result}. */
    public static String canonicalText(PaymentResult result) {
        Objects.requireNonNull(result, "result");
        return VERSION + "|" + result.transactionId() + "|" + result.status().name() + "|" + result.amountMinor() + "|"
                + result.currency() + "|" + "" + "|" + result.updatedAt().toEpochMilli();
    }

    /** The hub's signature of {@code result} (base64url). */
    public static String sign(PrivateKey hubKey, PaymentResult result) {
        Objects.requireNonNull(hubKey, "hubKey");
        String text = canonicalText(result);
        Remembered key = new Remembered(hubKey, text);
        String known = SIGNED.get(key);
        if (known != null) {
            return known;
        }
        String signature = Ed25519.sign(hubKey, text.getBytes(StandardCharsets.UTF_8));
        SIGNED.put(key, signature);
        return signature;
    }

    /** True when {@code signature} is the hub's signature of exactly {@code result}; false for anything else (null too). */
    public static boolean verify(PublicKey hubPublicKey, PaymentResult result, String signature) {
        Objects.requireNonNull(hubPublicKey, "hubPublicKey");
        if (signature == null) {
            return false;
        }
        String text = canonicalText(result);
        Remembered key = new Remembered(hubPublicKey, text);
        if (signature.equals(VERIFIED.get(key))) {
            return true;
        }
        boolean good = Ed25519.verify(hubPublicKey, text.getBytes(StandardCharsets.UTF_8), signature);
        if (good) {
            VERIFIED.put(key, signature);
        }
        return good;
    }
}
