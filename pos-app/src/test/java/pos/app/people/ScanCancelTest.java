package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.biometric.ScanCancelledException;
import pos.core.people.Clerk;
import pos.core.people.PersonKind;
import pos.core.people.Role;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * A screen that closes cancels its scan, also one still waiting behind another on the reader's one thread (issue 16:
 * a lost cancel left a face scan holding the camera until its 30 s timeout, and the next overlay's scan waited).
 */
class ScanCancelTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;

    TillPeople people;
    ScriptedFaceReader camera;
    Fingerprints faces;

    @BeforeEach
    void setUp() throws Exception {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-1"));
        camera = new ScriptedFaceReader();
        faces = Fingerprints.face(camera, people);
        faces.start();
        Clerk sam = people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246813".toCharArray());
        camera.show(sam.name(), ScriptedFaceReader.STAGES);
        faces.enroll(PersonKind.CLERK, sam.id(), Fingerprints.FACE, step -> { }).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void tearDown() {
        faces.close();
        people.close();
    }

    @Test
    @DisplayName("R18 issue 16: cancel ends the running scan and every scan queued behind it, which never reach the reader")
    void cancelReachesQueuedScans() throws Exception {
        CompletableFuture<Optional<Fingerprints.Match>> running = faces.identify(PersonKind.CLERK);
        CompletableFuture<Optional<Fingerprints.Match>> queued = faces.identify(PersonKind.CLERK);
        awaitRunning(1);

        faces.cancel();

        assertThatThrownBy(() -> running.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ScanCancelledException.class);
        assertThatThrownBy(() -> queued.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ScanCancelledException.class);
        assertThat(camera.identifications()).as("the queued scan never reached the reader").isEqualTo(1);

        // a scan asked for after the cancel runs as usual
        CompletableFuture<Optional<Fingerprints.Match>> after = faces.identify(PersonKind.CLERK);
        camera.show("Sam Supervisor", 1);
        assertThat(after.get(5, TimeUnit.SECONDS)).isPresent();
    }

    private void awaitRunning(int identifications) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (camera.identifications() < identifications && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(camera.identifications()).isEqualTo(identifications);
    }
}
