package pos.device.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.WorkerCrashedException;
import pos.device.face.sim.FacePhotos;

/** Issue 16: OpenCV runs in a worker of its own; a worker killed or crashed mid-scan ends that scan clearly, and the next one works. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceWorkerCrashTest {

    private static final FacePhotos PHOTOS = new FacePhotos();

    @TempDir
    static Path logs;
    private PlayedFrames camera;
    private FaceReader reader;
    private final FingerPrint someone = new FingerPrint(
            FaceTemplate.encode(List.of(new byte[FaceHistogram.LENGTH])), FaceReader.DRIVER, "Played frames");

    @BeforeAll
    void start() {
        OpenCvInstalled.assume();
        camera = new PlayedFrames();
        reader = new FaceReader(camera, FaceSettings.defaults().withCrashDirectory(logs).withScanTimeout(Duration.ofSeconds(20)));
        reader.start();
    }

    @AfterAll
    void stop() {
        reader.close();
        camera.close();
    }

    @Test
    @DisplayName("R18 issue 16: the worker killed (SIGKILL) mid-scan ends the scan with WorkerCrashedException; the next scan gets a new worker")
    void workerKilledMidScan() throws Exception {
        long pid = crashMidScan("KILL", WorkerCrashedException.class, "SIGKILL");
        assertThat(reader.worker().workerPid().orElseThrow()).isNotEqualTo(pid);
    }

    @Test
    @DisplayName("R18 issue 16: a native crash (SIGSEGV) mid-scan ends the scan with DriverCrashedException, its report in the crash folder")
    void workerCrashedMidScan() throws Exception {
        long pid = crashMidScan("SEGV", DriverCrashedException.class, "SIGSEGV");
        try (Stream<Path> files = Files.list(logs)) {
            assertThat(files.map(path -> path.getFileName().toString())).contains("face-worker-hs_err_pid" + pid + ".log");
        }
    }

    private long crashMidScan(String signal, Class<? extends WorkerCrashedException> expected, String named) throws Exception {
        camera.play(PHOTOS.noFace(FacePhotos.NoFace.EMPTY_COUNTER)); // the scan goes on analysing frame after frame
        reader.worker().ping();
        long pid = reader.worker().workerPid().orElseThrow();
        int startedBefore = reader.worker().workersStarted();
        CompletableFuture<Boolean> scan = CompletableFuture.supplyAsync(() -> reader.verify(someone, prompt -> { }));
        Thread.sleep(1000);
        assertThat(scan).isNotDone();
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> scan.get(15, TimeUnit.SECONDS)).cause().isInstanceOf(expected).hasMessageContaining(named);
        // the next scan starts a new worker, which finds the face
        GreyFrame grey = GreyFrame.of(PHOTOS.frame(FacePhotos.Person.ASTRONAUT, FacePhotos.enrollLooks().get(0)), 0);
        assertThat(reader.worker().analyse(grey.pixels, grey.width, grey.height).isGood()).isTrue();
        assertThat(reader.worker().workersStarted()).isEqualTo(startedBefore + 1);
        return pid;
    }
}
