package pos.gateway.sandbox.api;

/**
 * What {@link NotificationSignature#verify} found. Only {@link #VALID} means the body came from
 * the gateway that holds the secret; anything else must be answered with a 4xx and ignored.
 *
 * <p>Immutable and thread-safe.
 */
public enum SignatureVerdict {
    /** Signed with our key and secret, inside the allowed clock skew. */
    VALID,
    /** A header is missing, the timestamp is not a number, the nonce or signature is ill-formed. */
    MALFORMED,
    /** Signed with a key id we do not hold. */
    UNKNOWN_KEY,
    /** The timestamp is further from our clock than the allowed skew (a replay, or a wrong clock). */
    STALE_TIMESTAMP,
    /** The signature does not match: the body or headers were changed, or the secret differs. */
    BAD_SIGNATURE;

    /**
     * Tells whether the notification may be trusted.
     *
     * @return {@code true} only for {@link #VALID}
     */
    public boolean isValid() {
        return this == VALID;
    }
}
