package pos.app.people;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import pos.app.ui.UiThread;
import pos.core.people.PersonKind;
import pos.sync.people.TillPeople;

/**
 * The face side of a till for view-model tests (issue 16): the till's {@link Fingerprints} service around
 * {@link ScriptedFaceReader} with the finger reader off, and a UI thread of the test's own for the view models.
 * Close it after the view model is done with the UI thread.
 */
final class FaceDesk implements AutoCloseable {

    final ScriptedFaceReader camera = new ScriptedFaceReader();
    /** The finger reader: off, for the reason given. */
    final Fingerprints fingerprints;
    /** The face reader, started. */
    final Fingerprints faces;
    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "test-ui"));

    FaceDesk(TillPeople people, String noFingerReason) {
        fingerprints = Fingerprints.off(people, noFingerReason);
        faces = Fingerprints.face(camera, people);
        faces.start();
    }

    /** What the view models are given to run on their UI thread. */
    UiThread ui() {
        return ui::execute;
    }

    <T> T onUi(Callable<T> call) throws Exception {
        return ui.submit(call).get(10, TimeUnit.SECONDS);
    }

    /** Enrols the face the camera shows as {@code name} for the person, through the till's enrolment. */
    void enrol(PersonKind kind, String personId, String name) throws Exception {
        camera.show(name, ScriptedFaceReader.STAGES);
        faces.enroll(kind, personId, Fingerprints.FACE, step -> { }).get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        ui.shutdownNow();
        faces.close();
        fingerprints.close();
    }
}
