package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.biometric.DriverCrashedException;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualFinger;
import pos.device.fingerprint.sim.VirtualSensor;

/**
 * Issue 15, item 5: the reader tried with bad images, end to end through the worker and libfprint's virtual_image
 * driver. Each case asserts what the till is told (the prompt key, the exception); pos-app's PeopleTextTest turns
 * them into the clerk's English and Chinese sentences.
 */
class LibfprintBadImagesTest {

    static final int WIDTH = SyntheticFinger.WIDTH;
    static final int HEIGHT = SyntheticFinger.HEIGHT;
    static final SyntheticFinger FINGER = new SyntheticFinger(4242);
    static final SyntheticFinger STRANGER = new SyntheticFinger(4343);

    static Path dir;
    static Path socket;
    static Path crashDirectory;
    static LibfprintReader reader;
    static VirtualSensor sensor;
    static FingerPrint print;

    @BeforeAll
    static void enrolOneFinger() throws IOException {
        dir = Files.createTempDirectory("fp-bad");
        socket = dir.resolve("virtual-image.socket");
        crashDirectory = dir.resolve("logs");
        reader = new LibfprintReader(FingerprintWorkerSettings.defaults().withVirtualImageSocket(socket)
                .withScanTimeout(Duration.ofSeconds(10)).withCrashDirectory(crashDirectory));
        reader.start();
        sensor = new VirtualSensor(socket).place(FINGER);
        print = reader.enroll(sensor.progress());
    }

    @AfterAll
    static void stop() throws IOException {
        sensor.close();
        reader.close();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path each : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(each);
            }
        }
        assertNoCrashReportIn(Path.of("").toAbsolutePath());
    }

    /** No test may leave a JVM crash report in the module's directory (the till's working directory, in a store). */
    static void assertNoCrashReportIn(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(each -> each.getFileName().toString()).filter(name -> name.contains("hs_err_pid")))
                    .as("JVM crash reports in " + directory).isEmpty();
        }
    }

    @AfterEach
    void sensorHadNoTrouble() {
        sensor.check();
        sensor.reconnect(); // after a crash, a new worker listens on the socket
        sensor.place(FINGER);
    }

    static byte[] noise(int pixels, long seed) {
        byte[] grey = new byte[pixels];
        new Random(seed).nextBytes(grey);
        return grey;
    }

    /** Bytes that are no picture at all: this test's own class file, over and over. */
    static byte[] notAPicture() throws IOException {
        byte[] source;
        try (var in = LibfprintBadImagesTest.class.getResourceAsStream("LibfprintBadImagesTest.class")) {
            source = in.readAllBytes();
        }
        byte[] grey = new byte[WIDTH * HEIGHT];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = source[i % source.length];
        }
        return grey;
    }

    /** A dry, light touch: a third of the finger on the glass, its ridges at a quarter of their contrast. */
    static byte[] faintDryPress() {
        byte[] grey = FINGER.capture(77);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                int i = y * WIDTH + x;
                boolean touching = Math.abs(x - WIDTH / 2) < WIDTH * 0.15 && Math.abs(y - HEIGHT / 2) < HEIGHT * 0.15;
                grey[i] = (byte) (touching ? 255 - (255 - (grey[i] & 0xFF)) / 4 : 255);
            }
        }
        return grey;
    }

    @ParameterizedTest(name = "a {0}x{1} frame")
    @CsvSource(textBlock = """
            8,    8
            11,   11
            4000, 4000
            """)
    @DisplayName("R18 a frame no sensor makes (8x8 to 11x11 crash libfprint; 4000x4000 keeps it busy for minutes) is refused before libfprint: 'not a fingerprint'")
    void framesNoSensorMakesAreRefused(int width, int height) {
        long pid = reader.worker().workerPid().orElseThrow();
        sensor.thenImage(width, height, noise(width * height, width));

        assertThatThrownBy(() -> reader.verify(print, sensor.prompts())).isInstanceOf(ScanRetryException.class)
                .hasMessage("That was not a fingerprint: press again")
                .extracting(e -> ((ScanRetryException) e).prompt()).isEqualTo(ScanPrompt.RETRY_NOT_A_FINGERPRINT);
        assertThat(reader.worker().workerPid()).as("the worker did not crash").hasValue(pid);
        assertThat(reader.verify(print, sensor.prompts())).isTrue();
    }

    @Test
    @DisplayName("R18 a frame that crashes libfprint all the same (10x10, 11x11 past the gate): short true message, SIGSEGV then exit 134 (SIGABRT), crash report in the log folder, reader restarted")
    void driverCrashIsShortAndTrue() throws Exception {
        long crashedPid = -1;
        String said = "";
        // past the worker's guard, straight to the driver's own socket: what any other crash looks like. The heap
        // corruption ends as a SIGSEGV (HotSpot's banner and report) or in the C library's own abort ("stack
        // smashing detected"), and sometimes only in a retry: pressed until HotSpot's kind is seen
        for (int attempt = 0; attempt < 8 && !said.contains("SIGSEGV"); attempt++) {
            long pid = reader.worker().workerPid().orElseThrow();
            try (VirtualFinger driver = VirtualFinger.connect(socket.resolveSibling(socket.getFileName() + ".driver"),
                    Duration.ofSeconds(5))) {
                CountDownLatch asked = new CountDownLatch(1);
                CompletableFuture<Boolean> verify = CompletableFuture.supplyAsync(() -> reader.verify(print, prompt -> {
                    if (prompt == ScanPrompt.PLACE_FINGER) {
                        asked.countDown();
                    }
                }));
                assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
                int side = 10 + attempt % 2;
                driver.sendImage(side, side, noise(side * side, side));
                try {
                    verify.get(15, TimeUnit.SECONDS);
                } catch (java.util.concurrent.ExecutionException e) {
                    if (e.getCause() instanceof DriverCrashedException crash) {
                        said = crash.getMessage();
                        crashedPid = pid;
                        assertThat(said).as("short, no banner, no old warnings").doesNotContain("#").hasSizeLessThan(300)
                                .matches("the fingerprint reader's driver crashed \\((SIGSEGV( in \\S+)?, report in \\S+"
                                        + "|libc: [^,]+), exit status 134 \\(SIGABRT\\)\\)");
                    } else {
                        assertThat(e.getCause()).isInstanceOf(ScanRetryException.class);
                    }
                }
            }
        }
        assertThat(said).startsWith("the fingerprint reader's driver crashed (SIGSEGV")
                .contains(", report in " + crashDirectory.toAbsolutePath().resolve("fingerprint-worker-hs_err_pid" + crashedPid + ".log"))
                .endsWith(", exit status 134 (SIGABRT))");
        assertThat(crashDirectory.resolve("fingerprint-worker-hs_err_pid" + crashedPid + ".log")).isRegularFile();
        assertNoCrashReportIn(Path.of("").toAbsolutePath());
        assertThat(reader.worker().workerPid()).as("restarted before the clerk is told so").isPresent()
                .isNotEqualTo(java.util.OptionalLong.of(crashedPid));
        assertThat(reader.status().state()).isEqualTo(ReaderStatus.State.READY);

        sensor.reconnect();
        assertThat(reader.verify(print, sensor.prompts())).isTrue();
    }

    @Test
    @DisplayName("R18 an image the driver is still chewing on when the scan times out is 'could not read that image', not 'no finger was placed'")
    void imageTheDriverCannotFinishIsNotNoFinger() throws Exception {
        Path ownSocket = dir.resolve("impatient.socket");
        try (LibfprintReader impatient = new LibfprintReader(FingerprintWorkerSettings.defaults()
                .withVirtualImageSocket(ownSocket).withScanTimeout(Duration.ofSeconds(1)).withCrashDirectory(crashDirectory))) {
            impatient.start();
            CountDownLatch asked = new CountDownLatch(1);
            CompletableFuture<Boolean> verify = CompletableFuture.supplyAsync(() -> impatient.verify(print, prompt -> {
                if (prompt == ScanPrompt.PLACE_FINGER) {
                    asked.countDown();
                }
            }));
            assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
            // past the gate: a 2000x2000 frame of noise keeps libfprint's minutiae detection busy for far longer
            try (VirtualFinger driver = VirtualFinger.connect(ownSocket.resolveSibling(ownSocket.getFileName() + ".driver"),
                    Duration.ofSeconds(5))) {
                driver.fingerPresent(true);
                driver.sendImage(2000, 2000, noise(2000 * 2000, 2000));
                assertThatThrownBy(() -> verify.get(15, TimeUnit.SECONDS)).cause()
                        .isInstanceOf(pos.core.biometric.UnreadableImageException.class)
                        .hasMessageStartingWith("the fingerprint reader could not read the image it was given (verify");
            }
        }
    }

    @Test
    @DisplayName("R18 noise and bytes that are no picture are refused as enrolment stages and not counted; the template still matches")
    void unclearEnrolmentStagesAreNotCounted() throws IOException {
        List<EnrollProgress> progress = new CopyOnWriteArrayList<>();
        sensor.thenImage(WIDTH, HEIGHT, noise(WIDTH * HEIGHT, 3)).thenImage(WIDTH, HEIGHT, notAPicture());

        FingerPrint enrolled = reader.enroll(step -> {
            progress.add(step);
            sensor.progress().accept(step);
        });

        assertThat(progress.stream().filter(step -> step.prompt().isRetry()))
                .extracting(EnrollProgress::prompt, EnrollProgress::completedStages)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ScanPrompt.RETRY_NOT_CLEAR, 0),
                        org.assertj.core.groups.Tuple.tuple(ScanPrompt.RETRY_NOT_CLEAR, 0));
        assertThat(progress.get(progress.indexOf(progress.stream().filter(step -> step.prompt().isRetry()).findFirst()
                .orElseThrow())).sentence()).isEqualTo("Press again: that was not a clear fingerprint");
        assertThat(progress.stream().filter(step -> step.prompt() == ScanPrompt.REMOVE_FINGER)
                .map(EnrollProgress::completedStages)).as("each kept scan counted once").containsExactly(1, 2, 3, 4, 5);
        assertThat(reader.verify(enrolled, sensor.prompts())).isTrue();
        sensor.place(STRANGER);
        assertThat(reader.verify(enrolled, sensor.prompts())).as("a stranger is not this finger").isFalse();
        sensor.place(FINGER).thenImage(WIDTH, HEIGHT, noise(WIDTH * HEIGHT, 5));
        assertThatThrownBy(() -> reader.verify(enrolled, sensor.prompts())).isInstanceOf(ScanRetryException.class)
                .hasMessage("Press again: that was not a clear fingerprint");
    }

    @Test
    @DisplayName("R18 a faint dry press that matches nobody says 'press again, a little firmer'; a clear stranger's press is 'not recognised'")
    void faintPressIsAskedAgain() {
        sensor.thenImage(WIDTH, HEIGHT, faintDryPress());
        assertThatThrownBy(() -> reader.verify(print, sensor.prompts())).isInstanceOf(ScanRetryException.class)
                .hasMessage("Press again, a little firmer")
                .extracting(e -> ((ScanRetryException) e).prompt()).isEqualTo(ScanPrompt.RETRY_PRESS_FIRMER);

        sensor.thenImage(WIDTH, HEIGHT, faintDryPress());
        assertThatThrownBy(() -> reader.identify(List.of(print), sensor.prompts())).isInstanceOf(ScanRetryException.class)
                .extracting(e -> ((ScanRetryException) e).prompt()).isEqualTo(ScanPrompt.RETRY_PRESS_FIRMER);

        sensor.place(STRANGER);
        assertThat(reader.verify(print, sensor.prompts())).isFalse();
        assertThat(reader.identify(List.of(print), sensor.prompts())).isEmpty();
    }
}
