package pos.gateway.sandbox.face.wechatpay;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pos.gateway.sandbox.face.FaceRoutes;

/**
 * WeChat Pay API v3's signatures, as the face checks and makes them (SHA256withRSA, base64):
 * <ul>
 * <li>a request carries {@code Authorization: WECHATPAY2-SHA256-RSA2048 mchid="..",nonce_str="..",signature="..",
 * timestamp="..",serial_no=".."}, signed with the merchant's key over
 * {@code METHOD\nPATH?QUERY\ntimestamp\nnonce\nbody\n}; a missing or wrong signature or a timestamp more than five
 * minutes away is {@code 401 SIGN_ERROR}, another merchant's id {@code 400 MCH_NOT_EXISTS};</li>
 * <li>an answer or a notification carries {@code Wechatpay-Timestamp}, {@code Wechatpay-Nonce},
 * {@code Wechatpay-Signature} (over {@code timestamp\nnonce\nbody\n}, with the platform key) and
 * {@code Wechatpay-Serial} (the public key id); answers also carry a {@code Request-ID}.</li>
 * </ul>
 * Timestamps are read from the signature clock, the wall clock by default: the SDK checks them against its own wall
 * clock, whatever clock the sandbox's trade rules follow. Thread-safe.
 */
final class WechatPaySignatures {

    static final String SCHEMA = "WECHATPAY2-SHA256-RSA2048";
    /** How far a request's timestamp may be from the face's clock (WeChat Pay refuses requests older than 5 min). */
    static final Duration REQUEST_WINDOW = Duration.ofMinutes(5);
    private static final Pattern PARAMETER = Pattern.compile("([a-z_]+)=\"([^\"]*)\"");
    private static final String NONCE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private final WechatPayKeys keys;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WechatPaySignatures(WechatPayKeys keys, Clock signatureClock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(signatureClock, "signatureClock");
    }

    /** The signature clock: the merchant's wall clock as far as this face knows it. */
    Clock clock() {
        return clock;
    }

    /**
     * Checks a request's Authorization header.
     *
     * @param pathAndQuery the path and query as signed ({@code /v3/pay/transactions/out-trade-no/X?mchid=Y})
     * @throws WechatPayError 401 SIGN_ERROR or 400 MCH_NOT_EXISTS
     */
    void verifyRequest(FaceRoutes.Request request, String pathAndQuery) {
        String authorization = request.header().apply("Authorization");
        if (authorization == null || !authorization.startsWith(SCHEMA + " ")) {
            throw new WechatPayError(401, "SIGN_ERROR", "the request has no " + SCHEMA + " Authorization header");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(authorization.substring(SCHEMA.length() + 1));
        while (matcher.find()) {
            parameters.put(matcher.group(1), matcher.group(2));
        }
        for (String name : new String[] {"mchid", "nonce_str", "signature", "timestamp", "serial_no"}) {
            if (parameters.get(name) == null || parameters.get(name).isEmpty()) {
                throw new WechatPayError(401, "SIGN_ERROR", "the Authorization header has no " + name);
            }
        }
        if (!keys.merchantId().equals(parameters.get("mchid"))) {
            throw new WechatPayError(400, "MCH_NOT_EXISTS", "merchant " + printable(parameters.get("mchid"))
                    + " does not exist here");
        }
        long timestamp;
        try {
            timestamp = Long.parseLong(parameters.get("timestamp"));
        } catch (NumberFormatException e) {
            throw new WechatPayError(401, "SIGN_ERROR", "the Authorization timestamp is not a number of seconds");
        }
        Duration age = Duration.between(Instant.ofEpochSecond(timestamp), clock.instant()).abs();
        if (age.compareTo(REQUEST_WINDOW) > 0) {
            throw new WechatPayError(401, "SIGN_ERROR", "the request's timestamp is " + age.toSeconds()
                    + " s away from the server's time (at most " + REQUEST_WINDOW.toSeconds() + " s)");
        }
        if (!keys.merchantSerial().equals(parameters.get("serial_no"))) {
            throw new WechatPayError(401, "SIGN_ERROR", "certificate serial " + printable(parameters.get("serial_no"))
                    + " is not this merchant's API certificate");
        }
        String message = request.method() + "\n" + pathAndQuery + "\n" + parameters.get("timestamp") + "\n"
                + parameters.get("nonce_str") + "\n" + request.text() + "\n";
        if (!verify(keys.merchantPublicKey(), message, parameters.get("signature"))) {
            throw new WechatPayError(401, "SIGN_ERROR", "the request's signature is not the merchant's");
        }
    }

    /** The headers that sign {@code body} as WeChat Pay: timestamp, nonce, signature, serial (and Request-ID). */
    Map<String, String> answerHeaders(String body) {
        Map<String, String> headers = signatureHeaders(body);
        headers.put("Request-ID", UUID.randomUUID().toString());
        return headers;
    }

    /** The four signature headers of a notification or an answer. */
    Map<String, String> signatureHeaders(String body) {
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        String nonce = nonce(32);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Wechatpay-Timestamp", timestamp);
        headers.put("Wechatpay-Nonce", nonce);
        headers.put("Wechatpay-Signature", sign(keys.platformPrivateKey(), timestamp + "\n" + nonce + "\n" + body
                + "\n"));
        headers.put("Wechatpay-Serial", keys.publicKeyId());
        return headers;
    }

    /** A random string of capitals and digits, for nonces. */
    String nonce(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(NONCE_CHARS.charAt(random.nextInt(NONCE_CHARS.length())));
        }
        return text.toString();
    }

    /** SHA256withRSA of {@code message} (UTF-8), base64. */
    static String sign(PrivateKey key, String message) {
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with SHA256withRSA", e);
        }
    }

    static boolean verify(PublicKey key, String message, String signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // not base64, not a signature of this key's size: not the merchant's
        }
    }

    private static String printable(String value) {
        String shortened = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + shortened.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
