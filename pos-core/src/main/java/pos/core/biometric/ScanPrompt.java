package pos.core.biometric;

/**
 * What the clerk or customer is asked to do with the finger or the face, with the sentence to show. The finger's
 * retry prompts follow libfprint's FpDeviceRetry codes (general, too short, centre finger, remove finger); the
 * {@code FACE}/{@code LOOK}/{@code RETRY_FACE_…} prompts are the webcam face reader's (issue 16).
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
    RETRY_PRESS_FIRMER("Press again, a little firmer"),
    /** Issue 16: the face reader waits for a face in front of the webcam. */
    LOOK_AT_CAMERA("Look at the camera"),
    /** Issue 16: a usable face is in view; the reader is taking its pictures. */
    FACE_DETECTED("Face found, hold still"),
    /** Issue 16, enrolment: the next picture should show the face turned a little (variety makes recognition robust). */
    TURN_HEAD_A_LITTLE("Good. Now turn your head a little"),
    /** Issue 16: no face in the picture (nobody there, or a face turned too far away). */
    RETRY_FACE_NOT_FOUND("No face seen: look straight at the camera"),
    /** Issue 16: two or more faces in the picture: the reader will not guess whose to take. */
    RETRY_FACE_ONE_ONLY("More than one face in view: only one person in front of the camera, please"),
    /** Issue 16: the face is too small in the picture to be recognised. */
    RETRY_FACE_COME_CLOSER("Come a little closer to the camera"),
    /** Issue 16: the face fills more than the picture (cut off at an edge). */
    RETRY_FACE_TOO_CLOSE("Move back a little: the whole face must be in the picture"),
    /** Issue 16: the picture of the face is blurred (moving, out of focus). */
    RETRY_FACE_HOLD_STILL("Hold still: the picture was blurred"),
    /** Issue 16: the face is too dark or too bright to be read. */
    RETRY_FACE_LIGHT("The face is too dark or too bright: face the light, or turn the light on"),
    /** Issue 16: the head is tilted (eyes not level) or turned too far. */
    RETRY_FACE_LOOK_STRAIGHT("Keep your head level and look straight at the camera");

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
