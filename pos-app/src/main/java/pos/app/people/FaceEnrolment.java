package pos.app.people;

import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.UiThread;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.people.PersonKind;

/**
 * Issue 16: the people window's face part: whether Enrol face, Remove face and the Face column show, why face is
 * unavailable though switched on, and a face's enrolment ("Picture 3 of 8", "Turn your head a little") and removal.
 * It shares the window's progress, stage, prompt and busy state and its message line, so a finger's and a face's
 * enrolment never run at once. UI thread only.
 */
final class FaceEnrolment {

    private static final Logger LOG = LoggerFactory.getLogger(FaceEnrolment.class);

    /** The people window's state this part writes to (one enrolment at a time, finger or face). */
    record Shared(BooleanProperty enrolling, BooleanProperty busy, DoubleProperty progress, StringProperty stageText,
            StringProperty promptText, MessageLine line, Runnable refresh) { }

    private final PeopleText words;
    private final UiThread ui;
    private final Shared shared;
    /** The webcam's face reader ({@link #use}), or null: face is off. */
    private Fingerprints faces;
    /** Whether a face reader is ready (Enrol face, Remove face and the Face column show only then). */
    private final BooleanProperty ready = new SimpleBooleanProperty(false);
    /** Why face is unavailable though pos.face=on (for the owner to fix); "" otherwise. */
    private final StringProperty blockedText = new SimpleStringProperty("");
    /** Whether the enrolment in progress is a face's. */
    private boolean enrollingFace;

    FaceEnrolment(PeopleText words, UiThread ui, Shared shared) {
        this.words = words;
        this.ui = ui;
        this.shared = shared;
    }

    /** Enrols and removes faces with {@code faces} (see {@link PeopleViewModel#useFace}). */
    void use(Fingerprints faces) {
        this.faces = Objects.requireNonNull(faces, "faces");
    }

    /** The reader's state again; returns whether faces can be shown and enrolled now. */
    boolean refresh() {
        boolean faceOn = faces != null && faces.isReady();
        ready.set(faceOn);
        blockedText.set(faces != null && faces.isWanted() && !faceOn
                ? words.format("people.face.unavailable", words.faceShort(faces.status())) : "");
        return faceOn;
    }

    /** Whether {@code personId} has a face enrolled (only asked while {@link #refresh} said ready). */
    boolean hasFace(PersonKind kind, String personId) {
        return faces.hasAny(kind, personId);
    }

    /** Enrols the face of {@code row}: several pictures; the template (never a photo) is sealed and synced. */
    void enroll(PersonRow row) {
        if (faces == null || !faces.isWanted()) {
            return; // face is off: there is no such action
        }
        if (row == null) {
            shared.line().say(true, "people.enroll.chooseFirst");
            return;
        }
        if (shared.enrolling().get() || shared.busy().get()) {
            return;
        }
        if (!faces.isReady()) {
            shared.refresh().run();
            shared.line().error(blockedText.get());
            return;
        }
        shared.enrolling().set(true);
        enrollingFace = true;
        shared.progress().set(0);
        shared.stageText().set(words.format("people.enroll.start", row.name()));
        shared.promptText().set(words.prompt(ScanPrompt.LOOK_AT_CAMERA));
        shared.line().say(false, "people.face.going", row.name());
        faces.enroll(row.kind(), row.personId(), Fingerprints.FACE, step -> ui.execute(() -> stage(step)))
                .whenComplete((templateId, failure) -> ui.execute(() -> {
                    shared.enrolling().set(false);
                    enrollingFace = false;
                    shared.stageText().set(failure == null ? words.format("people.enroll.done", row.name()) : "");
                    shared.promptText().set("");
                    if (failure == null) {
                        shared.progress().set(1);
                        shared.line().say(false, "people.face.saved", row.name());
                        shared.refresh().run();
                    } else if (PeopleText.cause(failure) instanceof ScanCancelledException) {
                        shared.line().say(false, "people.enroll.cancelled");
                    } else {
                        LOG.info("face enrolment of {} failed: {}", row.personId(), PeopleText.cause(failure).getMessage());
                        shared.line().error(words.format("people.enroll.failed", words.faceFailure(failure)));
                    }
                }));
    }

    private void stage(EnrollProgress step) {
        shared.progress().set(step.stages() == 0 ? 0 : (double) step.completedStages() / step.stages());
        if (!step.prompt().isRetry()) {
            shared.stageText().set(step.completedStages() < step.stages()
                    ? words.format("people.face.stage", step.completedStages() + 1, step.stages())
                    : words.format("people.face.last"));
        }
        shared.promptText().set(words.prompt(step.prompt()));
    }

    /** Removes the face templates of {@code row} (tombstones that sync to the store's tills). */
    void remove(PersonRow row) {
        if (faces == null || !faces.isWanted()) {
            return;
        }
        if (row == null) {
            shared.line().say(true, "people.enroll.chooseFirst");
            return;
        }
        if (shared.enrolling().get() || shared.busy().get()) {
            return;
        }
        shared.busy().set(true);
        faces.removeAll(row.kind(), row.personId()).whenComplete((removed, failure) -> ui.execute(() -> {
            shared.busy().set(false);
            if (failure != null) {
                LOG.error("could not remove the face of {}", row.personId(), PeopleText.cause(failure));
                shared.line().error(words.format("people.saveFailed", PeopleText.cause(failure).getMessage()));
            } else if (removed == 0) {
                shared.line().say(true, "people.face.noneToRemove", row.name());
            } else {
                shared.line().say(false, "people.face.removed", row.name());
            }
            shared.refresh().run();
        }));
    }

    /** Esc: stops the face's enrolment if one is in progress; returns whether it was a face's. */
    boolean cancel() {
        if (enrollingFace) {
            faces.cancel();
            return true;
        }
        return false;
    }

    ReadOnlyBooleanProperty readyProperty() {
        return ready;
    }

    ReadOnlyStringProperty blockedTextProperty() {
        return blockedText;
    }
}
