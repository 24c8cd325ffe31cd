package pos.app.people;

import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.UiThread;
import pos.core.biometric.AmbiguousMatchException;
import pos.core.biometric.BiometricException;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanRetryException;
import pos.core.biometric.UnreadableImageException;
import pos.core.people.PersonKind;

/**
 * Keeps the reader waiting for a finger while a screen wants one (sign-in, approval, member pay): a scan that
 * times out with no finger, or is read badly, starts again; a finger that is nobody's is reported and the
 * reader waits again; a match stops the loop. Callbacks run on the UI thread. Use on the UI thread only.
 */
final class ScanLoop {

    private static final Logger LOG = LoggerFactory.getLogger(ScanLoop.class);

    /** What the screen hears, on the UI thread. */
    interface Listener {
        void matched(String personId);

        void noMatch();

        /** A scan failed: {@code cause} says why; {@code again} tells whether the reader is waiting again. */
        void failed(Throwable cause, boolean again);
    }

    private final Fingerprints fingerprints;
    private final PersonKind kind;
    private final UiThread ui;
    private final Listener listener;
    private boolean wanted;
    private boolean scanning;
    private long generation;

    ScanLoop(Fingerprints fingerprints, PersonKind kind, UiThread ui, Listener listener) {
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.kind = kind;
        this.ui = ui;
        this.listener = listener;
    }

    /** Wants a finger from now on; starts a scan when the reader is ready and none runs. */
    void start() {
        wanted = true;
        if (scanning || !fingerprints.isReady() || !fingerprints.anyEnrolled(kind)) {
            return;
        }
        scanning = true;
        long mine = ++generation;
        fingerprints.identify(kind).whenComplete((match, failure) -> ui.execute(() -> done(mine, match, failure)));
    }

    /** Wants no finger any more; cancels the scan in progress. */
    void stop() {
        wanted = false;
        if (scanning) {
            generation++;
            scanning = false;
            fingerprints.cancel();
        }
    }

    boolean isScanning() {
        return scanning;
    }

    private void done(long mine, Optional<Fingerprints.Match> match, Throwable failure) {
        if (mine != generation) {
            // a scan this loop stopped: its end (usually "cancelled") is expected and means nothing now
            LOG.debug("an abandoned {} scan ended: {}", kind, failure == null ? match : PeopleText.cause(failure).toString());
            return;
        }
        scanning = false;
        if (!wanted) {
            return;
        }
        if (failure != null) {
            Throwable cause = PeopleText.cause(failure);
            if (cause instanceof ScanCancelledException) {
                LOG.info("{} scan cancelled", kind);
                return;
            }
            if (cause instanceof ReaderTimeoutException && !(cause instanceof UnreadableImageException)) {
                LOG.debug("no finger within the scan timeout; waiting again");
                start();
                return;
            }
            // issue 15: an image the driver crashed on or could not read was a press: say so, and wait for the next
            // (start() scans only when the restarted reader is ready again, so a dead reader cannot make a loop);
            // a finger matching two people's prints: say so and wait for another finger (or the PIN / another way)
            boolean again = cause instanceof ScanRetryException || cause instanceof UnreadableImageException
                    || cause instanceof DriverCrashedException || cause instanceof AmbiguousMatchException;
            if (!(cause instanceof BiometricException) && !(cause instanceof NobodyEnrolledException)) {
                LOG.error("unexpected failure of a {} scan", kind, cause);
            } else {
                LOG.info("{} scan failed: {}", kind, cause.getMessage());
            }
            listener.failed(cause, again);
            if (again) {
                start();
            }
            return;
        }
        if (match.isPresent()) {
            wanted = false;
            listener.matched(match.get().personId());
        } else {
            listener.noMatch();
            start();
        }
    }
}
