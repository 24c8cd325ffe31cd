package pos.device.face;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.IncompatiblePrintException;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;
import pos.device.face.sim.FacePhotos;
import pos.device.face.sim.FacePhotos.Look;
import pos.device.face.sim.FacePhotos.Person;

/** Issue 16 through the real OpenCV stack in the real worker process, one worker for the class. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaceReaderTest {

    private static final FacePhotos PHOTOS = new FacePhotos();

    @TempDir
    static Path logs;
    private PlayedFrames camera;
    private FaceReader reader;
    private FingerPrint messi;
    private FingerPrint astronaut;
    private final List<EnrollProgress> messiProgress = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    void enrolBothPeople() {
        OpenCvInstalled.assume();
        camera = new PlayedFrames();
        reader = new FaceReader(camera, FaceSettings.defaults().withCrashDirectory(logs).withScanTimeout(Duration.ofMillis(1200))); // short: several tests wait it out
        reader.start();
        camera.play(frames(Person.MESSI, FacePhotos.enrollLooks()), 8); // each look for 320 ms: a person turning slowly
        messi = reader.enroll(messiProgress::add);
        camera.play(frames(Person.ASTRONAUT, FacePhotos.enrollLooks()), 8);
        astronaut = reader.enroll(progress -> { });
    }

    @AfterAll
    void stop() {
        reader.close();
        camera.close();
    }

    static List<BufferedImage> frames(Person person, List<Look> looks) {
        return looks.stream().map(look -> PHOTOS.frame(person, look)).toList();
    }

    static Stream<Arguments> tries() {
        return Stream.of(Person.MESSI, Person.ASTRONAUT)
                .flatMap(person -> FacePhotos.tryLooks().stream().map(look -> Arguments.of(person, look)));
    }

    @Test
    @DisplayName("R18 issue 16: the reader is ready with the webcam's name, and an enrolment asks to look, then to turn a little, 8 times")
    void readyAndEnrolmentProgress() {
        ReaderStatus status = reader.status();
        assertThat(status.state()).isEqualTo(ReaderStatus.State.READY);
        assertThat(status.device().driver()).isEqualTo(FaceReader.DRIVER);
        assertThat(status.device().name()).isEqualTo("Webcam face recognition (Played frames)");
        assertThat(reader.devices()).hasSize(1);
        assertThat(messiProgress.get(0)).isEqualTo(new EnrollProgress(0, 8, ScanPrompt.LOOK_AT_CAMERA));
        assertThat(messiProgress.stream().filter(p -> !p.prompt().isRetry()).map(EnrollProgress::completedStages))
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
        assertThat(messiProgress.get(1).prompt()).isEqualTo(ScanPrompt.TURN_HEAD_A_LITTLE);
        assertThat(messi.driver()).isEqualTo(FaceReader.DRIVER);
        assertThat(reader.isCompatible(messi)).isTrue();
        assertThat(reader.isCompatible(new FingerPrint(new byte[] {1, 2, 3}, "virtual_image", "x"))).isFalse();
    }

    @ParameterizedTest(name = "R18 issue 16: {0} is recognised when {1} (not a look he or she enrolled with), by verify and by identify (never the other)")
    @MethodSource("tries")
    void eachPersonIsRecognisedFromOtherLooks(Person person, Look look) {
        camera.play(PHOTOS.frame(person, look));
        FingerPrint own = person == Person.MESSI ? messi : astronaut;
        assertThat(reader.verify(own, prompt -> { })).as("verify against the own face").isTrue();
        OptionalInt found = reader.identify(List.of(messi, astronaut), List.of("messi", "astronaut"), prompt -> { });
        assertThat(found).as("identify among both").hasValue(person == Person.MESSI ? 0 : 1);
    }

    @Test
    @DisplayName("R18 issue 16: verify against the other person's face says no, for every look tried")
    void verifyAgainstTheOtherPersonSaysNo() {
        for (Look look : List.of(FacePhotos.tryLooks().get(4), FacePhotos.tryLooks().get(6), FacePhotos.tryLooks().get(8))) {
            camera.play(PHOTOS.frame(Person.MESSI, look));
            assertThat(reader.verify(astronaut, prompt -> { })).as("Messi %s as the astronaut", look).isFalse();
            camera.play(PHOTOS.frame(Person.ASTRONAUT, look));
            assertThat(reader.verify(messi, prompt -> { })).as("the astronaut %s as Messi", look).isFalse();
        }
    }

    @Test
    @DisplayName("R18 issue 16: a stranger (the man in basketball1.png) is refused by verify and named by nobody")
    void strangerIsRefused() {
        for (Look look : List.of(FacePhotos.tryLooks().get(0), FacePhotos.tryLooks().get(3), FacePhotos.tryLooks().get(5))) {
            camera.play(PHOTOS.frame(Person.STRANGER, look));
            assertThat(reader.verify(messi, prompt -> { })).as("stranger %s as Messi", look).isFalse();
            assertThat(reader.verify(astronaut, prompt -> { })).as("stranger %s as the astronaut", look).isFalse();
            assertThat(reader.identify(List.of(messi, astronaut), List.of("messi", "astronaut"), prompt -> { })).isEmpty();
        }
    }

    @Test
    @DisplayName("R18 issue 16: a frame with no face says so and the scan ends with a timeout the sign-in loop restarts on")
    void noFaceIsRefusedWithItsPrompt() {
        for (FacePhotos.NoFace what : FacePhotos.NoFace.values()) {
            GreyFrame grey = GreyFrame.of(PHOTOS.noFace(what), 0);
            assertThat(reader.worker().analyse(grey.pixels, grey.width, grey.height).retry()).as(what.name())
                    .contains(ScanPrompt.RETRY_FACE_NOT_FOUND);
        }
        for (FacePhotos.NoFace what : List.of(FacePhotos.NoFace.CAT)) {
            camera.play(PHOTOS.noFace(what));
            List<ScanPrompt> prompts = Collections.synchronizedList(new ArrayList<>());
            assertThatThrownBy(() -> reader.identify(List.of(messi, astronaut), List.of("m", "a"), prompts::add))
                    .isInstanceOf(ReaderTimeoutException.class);
            // said once each, not once a frame: the screen must not flicker while nobody is at the counter
            assertThat(prompts).as(what.name()).containsExactly(ScanPrompt.LOOK_AT_CAMERA, ScanPrompt.RETRY_FACE_NOT_FOUND);
        }
    }

    static Stream<Arguments> retryFrames() {
        return Stream.of(Person.MESSI, Person.ASTRONAUT).flatMap(person -> Stream.of(
                Arguments.of(person, "very dark", ScanPrompt.RETRY_FACE_LIGHT),
                Arguments.of(person, "motion-blurred", ScanPrompt.RETRY_FACE_HOLD_STILL),
                Arguments.of(person, "head tilted 25 degrees", ScanPrompt.RETRY_FACE_LOOK_STRAIGHT)));
    }

    static BufferedImage retryFrame(Person person, String which) {
        return switch (which) {
            case "very dark" -> PHOTOS.frame(person, FacePhotos.veryDark());
            case "motion-blurred" -> PHOTOS.motionBlurred(person, FacePhotos.enrollLooks().get(0), 24);
            default -> PHOTOS.frame(person, FacePhotos.tiltedFar());
        };
    }

    @ParameterizedTest(name = "R18 issue 16: {0}, {1}: the worker asks {2}, the scan passes it on and names nobody")
    @MethodSource("retryFrames")
    void aPoorPictureGetsItsOwnPrompt(Person person, String which, ScanPrompt expected) {
        BufferedImage frame = retryFrame(person, which);
        GreyFrame grey = GreyFrame.of(frame, 0);
        FaceAnalysis analysis = reader.worker().analyse(grey.pixels, grey.width, grey.height);
        assertThat(analysis.retry()).as("the worker's verdict on %s: %s", which, analysis).contains(expected);

        camera.play(frame);
        List<ScanPrompt> prompts = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> reader.identify(List.of(messi, astronaut), List.of("messi", "astronaut"), prompts::add))
                .isInstanceOf(ReaderTimeoutException.class).hasMessageContaining(expected.sentence());
        assertThat(prompts).contains(ScanPrompt.LOOK_AT_CAMERA, expected).doesNotContain(ScanPrompt.FACE_DETECTED);
    }

    @Test
    @DisplayName("R18 issue 16: two faces in the picture ask for one person only, and nobody is named")
    void twoFacesAskForOne() {
        camera.play(PHOTOS.twoFaces());
        List<ScanPrompt> prompts = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> reader.verify(messi, prompts::add))
                .isInstanceOfSatisfying(ScanRetryException.class, e -> assertThat(e.prompt()).isEqualTo(ScanPrompt.RETRY_FACE_ONE_ONLY));
        assertThat(prompts).contains(ScanPrompt.RETRY_FACE_ONE_ONLY).doesNotContain(ScanPrompt.FACE_DETECTED);
        // and when one of them steps aside, the other is recognised
        camera.play(PHOTOS.frame(Person.ASTRONAUT, FacePhotos.tryLooks().get(2)));
        assertThat(reader.identify(List.of(messi, astronaut), List.of("messi", "astronaut"), p -> { })).hasValue(1);
    }

    @Test
    @DisplayName("R18 issue 16: an enrolment needs different pictures: one picture shown again and again is not 8 looks")
    void enrolmentRefusesTheSamePictureAgain() {
        camera.play(PHOTOS.frame(Person.MESSI, FacePhotos.enrollLooks().get(0)));
        List<EnrollProgress> progress = Collections.synchronizedList(new ArrayList<>());
        assertThatThrownBy(() -> reader.enroll(progress::add)).isInstanceOf(ReaderTimeoutException.class)
                .hasMessageContaining("1 of 8 pictures");
    }

    @Test
    @DisplayName("R18 issue 16: cancel ends the scan in progress")
    void cancelEndsTheScan() throws Exception {
        camera.play(PHOTOS.noFace(FacePhotos.NoFace.EMPTY_COUNTER));
        CompletableFuture<Boolean> scan = CompletableFuture.supplyAsync(() -> reader.verify(messi, p -> { }));
        Thread.sleep(600);
        reader.cancel();
        assertThatThrownBy(() -> scan.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(ScanCancelledException.class);
    }

    @Test
    @DisplayName("R18 issue 16: a fingerprint is not a face template")
    void fingerprintIsIncompatible() {
        FingerPrint finger = new FingerPrint(new byte[] {1, 2, 3}, "virtual_image", "virtual");
        assertThatThrownBy(() -> reader.verify(finger, p -> { })).isInstanceOf(IncompatiblePrintException.class);
    }

    @Test
    @DisplayName("R18 issue 16: a face template holds histograms, never the picture: small, and no run of the face's pixels in it")
    void templateHoldsNoPicture() {
        byte[] template = messi.template();
        assertThat(template.length).isBetween(1_000, 32_000);
        assertThat(messi.toString()).doesNotContain(java.util.Arrays.toString(template).substring(1, 20));
        BufferedImage frame = PHOTOS.frame(Person.MESSI, FacePhotos.enrollLooks().get(0));
        GreyFrame grey = GreyFrame.of(frame, 0);
        FaceAnalysis analysis = reader.worker().analyse(grey.pixels, grey.width, grey.height);
        FaceAnalysis.Box face = analysis.faces().get(0);
        // 24 pixels of a row through the middle of the face: not in the template, nor in the analysis's text
        int row = face.y() + face.height() / 2;
        byte[] run = java.util.Arrays.copyOfRange(grey.pixels, row * grey.width + face.x() + face.width() / 3,
                row * grey.width + face.x() + face.width() / 3 + 24);
        assertThat(indexOf(template, run)).isEqualTo(-1);
        assertThat(indexOf(FaceHistogram.fromLbph(new float[FaceHistogram.GRID * FaceHistogram.GRID * 256]), run)).isEqualTo(-1);
        assertThat(analysis.toString()).doesNotContain(java.util.Arrays.toString(run).substring(1, 20)).contains("histogram of 3776 bytes");
    }

    @Test
    @DisplayName("R18 issue 16: without a camera the reader says why, and OpenCV missing is said with the command that installs it")
    void statusWithoutCameraOrOpenCv() {
        try (PlayedFrames unplugged = new PlayedFrames()) {
            unplugged.unplug("no camera");
            FaceReader noCamera = new FaceReader(unplugged, FaceSettings.defaults().withCrashDirectory(logs)
                    .withOpenCvJar(Path.of("/nonexistent/opencv-460.jar")));
            noCamera.start();
            ReaderStatus status = noCamera.status();
            assertThat(status.state()).isEqualTo(ReaderStatus.State.NO_READER);
            assertThat(status.sentence()).isEqualTo(
                    "No face recognition (OpenCV is not installed: sudo apt-get install libopencv-java opencv-data)");
            assertThat(status.reason()).isEqualTo("OpenCV is not installed: sudo apt-get install libopencv-java opencv-data");
            assertThat(noCamera.devices()).isEmpty();
            noCamera.close();
        }
        camera.unplug("no camera");
        try {
            assertThat(reader.status().reason()).isEqualTo("no camera");
        } finally {
            camera.unplug(null);
        }
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
