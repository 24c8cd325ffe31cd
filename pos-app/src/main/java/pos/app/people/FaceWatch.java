package pos.app.people;

import java.util.Objects;
import javafx.beans.property.StringProperty;
import pos.app.ui.UiThread;
import pos.core.biometric.ScanPrompt;
import pos.core.people.PersonKind;

/**
 * Issue 16: the webcam's face reader watching while an overlay wants a face (sign-in, approval, member pay), over a
 * {@link ScanLoop}, with the overlay's one face line: the overlay's own sentence while the reader waits ("Look at the
 * camera to sign in"), the reader's other prompts as they come, and "" whenever face cannot be used (switched off, no
 * camera, nobody's face enrolled), so that nothing about face shows then. UI thread only, except {@link #prompt}.
 */
final class FaceWatch {

    private final Fingerprints faces;
    private final PersonKind kind;
    private final PeopleText words;
    private final String readyKey;
    private final UiThread ui;
    private final StringProperty line;
    private final ScanLoop loop;
    /** Whether a face could be recognised at the last {@link #watch}: the overlay's other lines name the face then. */
    private boolean usable;

    /** Watches for {@code kind}'s faces with {@code faces}; {@code line} is the overlay's face line, {@code readyKey} its sentence. */
    FaceWatch(Fingerprints faces, PersonKind kind, PeopleText words, String readyKey, UiThread ui, StringProperty line,
            ScanLoop.Listener listener) {
        this.faces = Objects.requireNonNull(faces, "faces");
        this.kind = kind;
        this.words = words;
        this.readyKey = readyKey;
        this.ui = ui;
        this.line = line;
        this.loop = new ScanLoop(faces, kind, ui, listener);
    }

    /** Watches when the overlay {@code wants} a face and one can be recognised; otherwise stops and shows nothing. */
    void watch(boolean wants) {
        usable = wants && faces.isReady() && faces.anyEnrolled(kind);
        if (usable) {
            if (!loop.isScanning()) {
                line.set(words.format(readyKey));
            }
            loop.start();
        } else {
            stop();
        }
    }

    /** Whether a face could be recognised at the last {@link #watch} (the face line shows then). */
    boolean usable() {
        return usable;
    }

    /** Watches on after a face that matched was refused (a match ends the loop's wait). */
    void again() {
        loop.start();
    }

    /** Stops watching, keeping the line (it says whom the face matched). */
    void pause() {
        loop.stop();
    }

    /** Stops watching; the line goes blank. */
    void stop() {
        usable = false;
        loop.stop();
        line.set("");
    }

    /** A prompt of the face reader; any thread. */
    void prompt(ScanPrompt prompt) {
        ui.execute(() -> {
            if (loop.isScanning()) {
                line.set(prompt == ScanPrompt.LOOK_AT_CAMERA ? words.format(readyKey) : words.prompt(prompt));
            }
        });
    }
}
