package pos.device.wedge;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link WedgeBurstDetector} decided about one input. Immutable.
 *
 * <p>Apply it in this order: first the characters held before this input ({@link #releasedText()}
 * are given back as typing, or {@link #discardedCount()} of them are swallowed), then the key just
 * fed ({@link #key()}), then {@link #scannedCode()} / {@link #rejection()}. The detector always
 * releases or discards <em>all</em> it held, so a caller keeping its own queue of held keystrokes
 * empties it whenever either is non-zero.
 *
 * @param releasedText   characters held earlier, now to be delivered to the focused control as a
 *                       person's typing, oldest first; empty if none
 * @param discardedCount how many characters held earlier were swallowed as part of a scan or of a
 *                       rejected burst; 0 if none
 * @param key            what to do with the key just fed
 * @param scannedCode    the completed scan, stripped of prefix, suffix and terminator, if any
 * @param rejection      the scanner burst that was swallowed without becoming a scan, if any
 */
public record WedgeDecision(
        String releasedText,
        int discardedCount,
        KeyAction key,
        Optional<String> scannedCode,
        Optional<Rejection> rejection) {

    /** What happens to the key that was just fed to the detector. */
    public enum KeyAction {
        /** Keep it back: it may be part of a scanner burst. It will be released or discarded later. */
        HOLD,
        /** Deliver it now, after {@link #releasedText()}: it is a person's keystroke. */
        PASS,
        /** Swallow it: it belongs to a scan or to a rejected burst. */
        CONSUME,
        /** No key was fed (a timer expiry or a flush). */
        NONE
    }

    /**
     * A scanner burst swallowed without becoming a scan.
     *
     * @param reason why
     * @param length how many characters the burst had, prefix and suffix included
     */
    public record Rejection(RejectReason reason, int length) {
        public Rejection {
            Objects.requireNonNull(reason, "reason");
        }
    }

    public WedgeDecision {
        Objects.requireNonNull(releasedText, "releasedText");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(scannedCode, "scannedCode");
        Objects.requireNonNull(rejection, "rejection");
        if (discardedCount < 0) {
            throw new IllegalArgumentException("discardedCount must not be negative, was " + discardedCount);
        }
        if (!releasedText.isEmpty() && discardedCount > 0) {
            throw new IllegalArgumentException("held characters are either released or discarded, not both");
        }
    }

    /** True if this decision completes a scan. */
    public boolean isScan() {
        return scannedCode.isPresent();
    }
}
