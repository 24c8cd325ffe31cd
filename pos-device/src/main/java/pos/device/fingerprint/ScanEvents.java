package pos.device.fingerprint;

import pos.core.biometric.ScanPrompt;

/**
 * What a scan in progress reports: prompts for the person at the reader and completed enrolment stages.
 * Called on the thread that drives libfprint; implementations must be quick.
 */
public interface ScanEvents {

    /** Ignores every event. */
    ScanEvents NONE = new ScanEvents() {
    };

    /** The person at the reader should do {@code prompt}. */
    default void prompt(ScanPrompt prompt) {
    }

    /** {@code completed} of {@code stages} enrolment scans are done. */
    default void stage(int completed, int stages) {
    }
}
