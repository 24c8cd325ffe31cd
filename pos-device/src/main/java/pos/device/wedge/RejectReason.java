package pos.device.wedge;

/**
 * Why a burst that came from the scanner was not accepted as a scan. The app translates these into a
 * sentence for the clerk; the rejected characters are swallowed, never typed into a field. Immutable.
 */
public enum RejectReason {
    /** The burst was longer than {@link WedgeScannerSettings#maxLength()} (plus prefix and suffix). */
    TOO_LONG,
    /** The burst began with the configured prefix but its code was shorter than {@link WedgeScannerSettings#minLength()}. */
    TOO_SHORT,
    /** The burst began with the configured prefix but did not end with the configured suffix. */
    MISSING_SUFFIX
}
