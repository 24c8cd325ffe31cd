package pos.gateway.sandbox.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The four headers that sign one notification delivery.
 *
 * <p>Immutable and thread-safe.
 *
 * @param keyId goes in {@value NotificationSignature#KEY_ID_HEADER}
 * @param timestamp epoch seconds, goes in {@value NotificationSignature#TIMESTAMP_HEADER}
 * @param nonce goes in {@value NotificationSignature#NONCE_HEADER}
 * @param signature Base64 HMAC-SHA256, goes in {@value NotificationSignature#SIGNATURE_HEADER}
 */
public record SignedHeaders(String keyId, long timestamp, String nonce, String signature) {

    /**
     * The headers by name, in a stable order.
     *
     * @return header name to value
     */
    public Map<String, String> asMap() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(NotificationSignature.KEY_ID_HEADER, keyId);
        headers.put(NotificationSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        headers.put(NotificationSignature.NONCE_HEADER, nonce);
        headers.put(NotificationSignature.SIGNATURE_HEADER, signature);
        return Map.copyOf(headers);
    }
}
