package pos.core.biometric;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the reader stands, for settings and the sign-in screen: a state and a sentence for the clerk.
 * Immutable.
 *
 * @param device the reader in use when {@link State#READY}, else null
 */
public record ReaderStatus(State state, String sentence, ReaderDevice device) {

    /** The reader's states. */
    public enum State {
        /** Not started yet. */
        STOPPED,
        /** libfprint is not installed or no reader is plugged in: sign in with the PIN. */
        NO_READER,
        /** A reader is open and waiting for work. */
        READY,
        /** The driver failed; the next call restarts it. */
        ERROR
    }

    public ReaderStatus {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(sentence, "sentence");
    }

    /** The "no fingerprint reader" status with the reason for IT (e.g. "libfprint-2 is not installed"). */
    public static ReaderStatus noReader(String reason) {
        return new ReaderStatus(State.NO_READER, "No fingerprint reader (" + reason + ")", null);
    }

    public static ReaderStatus ready(ReaderDevice device) {
        return new ReaderStatus(State.READY, "Fingerprint reader ready: " + device.name(), device);
    }

    /**
     * Why there is no reader, for IT (e.g. "libfprint-2 is not installed"), without the words around it, so the till
     * can say "no fingerprint reader" in its own language (issue 14.3); for the other states, the sentence.
     */
    public String reason() {
        // issue 16: the face reader words its status "No face recognition (...)"
        for (String prefix : new String[] {"No fingerprint reader (", "No face recognition ("}) {
            if (state == State.NO_READER && sentence.startsWith(prefix) && sentence.endsWith(")")) {
                return sentence.substring(prefix.length(), sentence.length() - 1);
            }
        }
        return sentence;
    }

    public boolean isReady() {
        return state == State.READY;
    }

    public Optional<ReaderDevice> readerDevice() {
        return Optional.ofNullable(device);
    }
}
