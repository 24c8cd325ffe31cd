package pos.device.wedge;

import java.time.Instant;
import java.util.Objects;

/**
 * A scanner burst that was swallowed without becoming a scan. Immutable.
 *
 * @param reason     why it was rejected, for the app to translate
 * @param length     how many characters the burst had, prefix and suffix included
 * @param source     the {@link KeyboardWedgeScanner#name()} of the scanner
 * @param rejectedAt when the rejection was decided
 */
public record RejectedScan(RejectReason reason, int length, String source, Instant rejectedAt) {
    public RejectedScan {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rejectedAt, "rejectedAt");
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative, was " + length);
        }
    }
}
