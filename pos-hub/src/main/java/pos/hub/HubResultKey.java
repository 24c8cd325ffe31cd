package pos.hub;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.auth.Ed25519;
import pos.contract.pay.ResultSignature;
import pos.core.pay.PaymentResult;

/**
 * The hub's result signing key ({@link ResultSignature}): the configured one ({@code --hub-key-file}
 * or {@code POS_HUB_KEY}), or, on a loopback address only, a throw-away key made for this run (tests
 * and the demo; its public key is logged so a till can be given it). A hub bound to any other address
 * without a key refuses to start. Immutable; thread-safe.
 *
 * <p>Whether a stored result carries this hub's signature is checked by signing it again: Ed25519
 * signatures are deterministic (RFC 8032), so the same key over the same text gives the same
 * signature, and the hub needs no public key of its own.
 */
final class HubResultKey {

    private static final Logger log = LoggerFactory.getLogger(HubResultKey.class);

    private final PrivateKey privateKey;
    private final PublicKey generatedPublicKey; // null for a configured key

    private HubResultKey(PrivateKey privateKey, PublicKey generatedPublicKey) {
        this.privateKey = privateKey;
        this.generatedPublicKey = generatedPublicKey;
    }

    /**
     * The key the hub signs results with.
     *
     * @throws UnableToStartHubException when no key is configured and {@code listenHost} is not a loopback address
     */
    static HubResultKey resolve(PrivateKey configured, String listenHost) {
        if (configured != null) {
            return new HubResultKey(configured, null);
        }
        if (!isLoopback(listenHost)) {
            throw new UnableToStartHubException("the hub listens on " + listenHost + " without a result signing key: give"
                    + " --hub-key-file FILE (made by './pos hub keys init --out DIR') or set POS_HUB_KEY, so that the tills"
                    + " can tell the hub's payment results from anyone else's", null);
        }
        KeyPair pair = Ed25519.generate();
        log.warn("No result signing key configured (--hub-key-file): signing payment results with a throw-away key for"
                + " this run only (loopback). Its public key, for a till's pos.hub.publicKey: {}",
                Ed25519.publicKeyText(pair.getPublic()));
        return new HubResultKey(pair.getPrivate(), pair.getPublic());
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false; // an address we cannot resolve is not known to be loopback
        }
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    /** The public key of a throw-away key; empty for a configured one (its public key is in hub.pub). */
    Optional<PublicKey> generatedPublicKey() {
        return Optional.ofNullable(generatedPublicKey);
    }

    /** True when {@code signature} is this hub's signature of exactly {@code result}. */
    boolean signed(PaymentResult result, String signature) {
        Objects.requireNonNull(result, "result");
        if (signature == null) {
            return false;
        }
        String mine = ResultSignature.sign(privateKey, result); // remembered: a repeat costs a look-up
        return MessageDigest.isEqual(mine.getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.UTF_8));
    }
}
