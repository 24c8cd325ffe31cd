package pos.core.pay;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A PIN block: what the till sends to the gateway instead of the PIN (the scheme is on
 * {@link PinKey}). Made with {@link PinKey#blockFor}; bound to one card and one payment attempt.
 * It is never journaled, published or logged: {@link #toString()} hides it. Immutable and
 * thread-safe.
 */
public final class PinBlock {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");

    private final String hex;

    PinBlock(String hex) {
        Objects.requireNonNull(hex, "hex");
        if (!HEX_SHA256.matcher(hex).matches()) {
            throw new IllegalArgumentException("a PIN block is 64 lowercase hex digits");
        }
        this.hex = hex;
    }

    /**
     * The block for the one place that sends it: the gateway request. Callers must never log,
     * journal or display the result.
     */
    public String revealForGateway() {
        return hex;
    }

    /** Hidden: a PIN block never reaches a log by accident. */
    @Override
    public String toString() {
        return "PinBlock[hidden]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PinBlock other && hex.equals(other.hex);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }
}
