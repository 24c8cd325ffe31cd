package pos.contract.redis;

/**
 * The TLS handshake with Redis failed; the message names the certificate problem (not signed by
 * a trusted CA, issued for another host, expired) or says the port does not speak TLS. Immutable.
 */
public class RedisTlsHandshakeException extends UnableToReachRedisException {

    private static final long serialVersionUID = 1L;

    public RedisTlsHandshakeException(String endpoint, String reason, Throwable cause) {
        super(endpoint, reason, "redis at " + endpoint + ": TLS handshake failed: " + reason, cause);
    }
}
