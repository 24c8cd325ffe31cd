package pos.core.biometric;

/**
 * What the clerk or customer is asked to do with the finger, with the sentence to show. The retry prompts
 * follow libfprint's FpDeviceRetry codes (general, too short, centre finger, remove finger).
 */
public enum ScanPrompt {
    PLACE_FINGER("Place your finger on the reader"),
    FINGER_DETECTED("Finger detected, hold still"),
    REMOVE_FINGER("Remove your finger"),
    RETRY_GENERAL("The scan did not work, please place your finger again"),
    RETRY_TOO_SHORT("Swipe again, a little slower"),
    RETRY_CENTER_FINGER("Centre your finger on the reader and try again"),
    RETRY_REMOVE_FINGER("Remove your finger and try again"),
    /** Issue 15: the reader sent an image no fingerprint sensor makes (too small, too large); it never reached the matcher. */
    RETRY_NOT_A_FINGERPRINT("That was not a fingerprint: press again"),
    /** Issue 15: an enrolment scan without clear ridges (noise, a smear); refused, not counted as a stage. */
    RETRY_NOT_CLEAR("Press again: that was not a clear fingerprint"),
    /** Issue 15: a press too faint or too small to match (a dry or light touch), not a stranger's finger. */
    RETRY_PRESS_FIRMER("Press again, a little firmer");

    private final String sentence;

    ScanPrompt(String sentence) {
        this.sentence = sentence;
    }

    public String sentence() {
        return sentence;
    }

    /** Whether this prompt reports a failed scan that must be repeated. */
    public boolean isRetry() {
        return name().startsWith("RETRY_");
    }

    /** The prompt for libfprint's FpDeviceRetry code (0 general, 1 too short, 2 centre, 3 remove). */
    public static ScanPrompt forRetryCode(int code) {
        return switch (code) {
            case 1 -> RETRY_TOO_SHORT;
            case 2 -> RETRY_CENTER_FINGER;
            case 3 -> RETRY_REMOVE_FINGER;
            default -> RETRY_GENERAL;
        };
    }
}
