package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.biometric.EnrollProgress;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.IncompatiblePrintException;
import pos.core.biometric.ReaderBusyException;
import pos.core.biometric.ReaderErrorException;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanCancelledException;
import pos.core.biometric.ScanPrompt;
import pos.core.biometric.ScanRetryException;
import pos.core.biometric.WorkerCrashedException;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;

/**
 * The till's fingerprint reader end to end: {@link LibfprintReader} → worker process → libfprint-2 → its
 * virtual_image driver, fed by {@link VirtualSensor} with generated fingers. No mocks: minutiae detection and
 * bozorth3 matching are libfprint's own.
 */
class LibfprintReaderTest {

    static final int MEMBERS = 5;
    static SyntheticFinger[] fingers;
    static Path socketDir;
    static Path socket;
    static LibfprintReader reader;
    static VirtualSensor sensor;
    static FingerPrint[] prints = new FingerPrint[MEMBERS];

    @BeforeAll
    static void startReaderAndEnrolMembers() throws Exception {
        fingers = IntStream.range(0, MEMBERS + 1).parallel().mapToObj(seed -> new SyntheticFinger(1000 + seed))
                .toArray(SyntheticFinger[]::new);
        socketDir = Files.createTempDirectory("fp-reader");
        socket = socketDir.resolve("virtual-image.socket");
        reader = new LibfprintReader(FingerprintWorkerSettings.defaults().withVirtualImageSocket(socket)
                .withScanTimeout(Duration.ofSeconds(10)));
        reader.start();
        sensor = new VirtualSensor(socket);
        for (int member = 0; member < MEMBERS; member++) {
            sensor.place(fingers[member]);
            prints[member] = reader.enroll(sensor.progress());
        }
    }

    @AfterAll
    static void stop() throws Exception {
        sensor.close();
        reader.close();
        try (var leftovers = Files.list(socketDir)) {
            for (Path each : leftovers.toList()) {
                Files.delete(each);
            }
        }
        Files.delete(socketDir);
        LibfprintBadImagesTest.assertNoCrashReportIn(Path.of("").toAbsolutePath()); // issue 15: none in the module
    }

    @AfterEach
    void sensorHadNoTrouble() {
        sensor.check();
    }

    @Test
    @DisplayName("R18 the reader starts in the worker and reports the virtual_image device ready")
    void startsReadyWithTheVirtualImageReader() {
        ReaderStatus status = reader.status();
        assertThat(status.state()).isEqualTo(ReaderStatus.State.READY);
        assertThat(status.device().driver()).isEqualTo("virtual_image");
        assertThat(status.device().enrollStages()).isEqualTo(5);
        assertThat(reader.devices()).extracting(d -> d.driver()).containsExactly("virtual_image");
        assertThat(reader.worker().workerPid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(ProcessHandle.current().pid()));
    }

    @Test
    @DisplayName("R18 enrolment takes five scans and reports each stage")
    void enrolsAFingerFromFiveImagesWithProgress() {
        List<EnrollProgress> seen = new CopyOnWriteArrayList<>();
        sensor.place(fingers[MEMBERS]);
        FingerPrint print = reader.enroll(progress -> {
            seen.add(progress);
            sensor.progress().accept(progress);
        });
        assertThat(seen).filteredOn(p -> p.prompt() == ScanPrompt.REMOVE_FINGER).extracting(EnrollProgress::completedStages)
                .containsExactly(1, 2, 3, 4, 5);
        assertThat(seen).filteredOn(p -> p.prompt() == ScanPrompt.PLACE_FINGER).extracting(EnrollProgress::sentence)
                .containsExactly("Place finger 1 of 5", "Place finger 2 of 5", "Place finger 3 of 5", "Place finger 4 of 5",
                        "Place finger 5 of 5");
        assertThat(print.driver()).isEqualTo("virtual_image");
        assertThat(print.size()).isGreaterThan(500);
        assertThat(print.toString()).isEqualTo("FingerPrint[" + print.size() + " bytes, driver virtual_image]");
        assertThat(reader.isCompatible(print)).isTrue();
    }

    @Test
    @DisplayName("R18 verify passes for the enrolled finger")
    void verifyPassesForTheSameFinger() {
        for (int member = 0; member < MEMBERS; member++) {
            sensor.place(fingers[member]);
            assertThat(reader.verify(prints[member], sensor.prompts())).as("member %d's own finger", member).isTrue();
        }
    }

    @Test
    @DisplayName("R18 verify fails for a different finger")
    void verifyFailsForADifferentFinger() {
        for (int member = 0; member < MEMBERS; member++) {
            sensor.place(fingers[(member + 1) % MEMBERS]);
            assertThat(reader.verify(prints[member], sensor.prompts())).as("another finger on member %d's print", member).isFalse();
        }
    }

    @Test
    @DisplayName("R18 identify picks the right member among several, and nobody for a stranger")
    void identifyPicksTheRightMember() {
        List<FingerPrint> gallery = List.of(prints);
        for (int member = 0; member < MEMBERS; member++) {
            sensor.place(fingers[member]);
            assertThat(reader.identify(gallery, sensor.prompts())).isEqualTo(OptionalInt.of(member));
        }
        sensor.place(fingers[MEMBERS]);
        assertThat(reader.identify(gallery, sensor.prompts())).isEmpty();
    }

    @Test
    @DisplayName("R18 a retry frame during enrolment asks to centre the finger, then enrolment goes on")
    void retryFrameGivesTheRightPromptDuringEnrolment() {
        List<EnrollProgress> seen = new CopyOnWriteArrayList<>();
        sensor.place(fingers[0]).thenRetry(2);
        FingerPrint print = reader.enroll(progress -> {
            seen.add(progress);
            sensor.progress().accept(progress);
        });
        assertThat(seen).extracting(EnrollProgress::prompt).contains(ScanPrompt.RETRY_CENTER_FINGER);
        assertThat(seen).filteredOn(p -> p.prompt() == ScanPrompt.RETRY_CENTER_FINGER).first()
                .extracting(EnrollProgress::sentence).isEqualTo("Centre your finger on the reader and try again");
        assertThat(print.size()).isGreaterThan(500);
    }

    @Test
    @DisplayName("R18 a retry frame during verify ends the scan with the retry's prompt")
    void retryFrameDuringVerifySaysWhatToDo() {
        sensor.place(fingers[0]).thenRetry(1);
        assertThatThrownBy(() -> reader.verify(prints[0], sensor.prompts()))
                .isInstanceOfSatisfying(ScanRetryException.class,
                        e -> assertThat(e.prompt()).isEqualTo(ScanPrompt.RETRY_TOO_SHORT))
                .hasMessage("Swipe again, a little slower");
        assertThat(reader.verify(prints[0], sensor.prompts())).isTrue();
    }

    @Test
    @DisplayName("R18 a device error surfaces as a clear message and the next scan works")
    void deviceErrorSurfacesAsAClearMessage() {
        sensor.place(fingers[1]).thenFail(5);
        assertThatThrownBy(() -> reader.verify(prints[1], sensor.prompts()))
                .isInstanceOf(ReaderErrorException.class)
                .hasMessageStartingWith("the fingerprint reader failed while verifying a finger: ")
                .hasMessageContaining("libfprint device error 5");
        assertThat(reader.verify(prints[1], sensor.prompts())).isTrue();
    }

    @Test
    @DisplayName("R18 the worker killed in the middle of an enrolment is restarted and the next call works")
    void workerKilledMidwayIsRestarted() throws Exception {
        long firstPid = reader.worker().workerPid().orElseThrow();
        int startedBefore = reader.worker().workersStarted();
        CountDownLatch secondStage = new CountDownLatch(1);
        sensor.place(fingers[2]);
        CompletableFuture<FingerPrint> enrolment = CompletableFuture.supplyAsync(() -> reader.enroll(progress -> {
            if (progress.prompt() == ScanPrompt.REMOVE_FINGER && progress.completedStages() == 2) {
                secondStage.countDown();
                return; // the finger stays away: the worker dies waiting for it
            }
            if (secondStage.getCount() > 0) {
                sensor.progress().accept(progress);
            }
        }));
        assertThat(secondStage.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(ProcessHandle.of(firstPid).orElseThrow().destroyForcibly()).isTrue(); // SIGKILL

        assertThatThrownBy(() -> enrolment.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(WorkerCrashedException.class)
                .cause().hasMessageContaining("pid " + firstPid).hasMessageContaining("exit status 137 (SIGKILL)")
                .hasMessageContaining("restarted on the next call");

        sensor.reconnect();
        sensor.place(fingers[2]);
        assertThat(reader.verify(prints[2], sensor.prompts())).isTrue();
        assertThat(reader.worker().workersStarted()).isEqualTo(startedBefore + 1);
        assertThat(reader.worker().workerPid()).isPresent().isNotEqualTo(java.util.OptionalLong.of(firstPid));
        assertThat(reader.status().state()).isEqualTo(ReaderStatus.State.READY);
    }

    @Test
    @DisplayName("R18 no finger within the scan timeout is a timeout, and the reader stays usable")
    void noFingerTimesOut() {
        try (LibfprintReader impatient = new LibfprintReader(FingerprintWorkerSettings.defaults()
                .withVirtualImageSocket(socketDir.resolve("impatient.socket")).withScanTimeout(Duration.ofMillis(800)))) {
            impatient.start();
            assertThatThrownBy(() -> impatient.verify(prints[0], prompt -> { }))
                    .isInstanceOf(ReaderTimeoutException.class).hasMessageStartingWith("no finger on the reader within");
            assertThat(impatient.devices()).hasSize(1);
        }
    }

    @Test
    @DisplayName("R18 a second scan while one is running is refused as busy")
    void secondScanIsBusy() throws Exception {
        CountDownLatch asked = new CountDownLatch(1);
        sensor.place(fingers[3]);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> reader.verify(prints[3], prompt -> {
            if (prompt == ScanPrompt.PLACE_FINGER) {
                asked.countDown();
            }
        }));
        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> reader.identify(List.of(prints), prompt -> { })).isInstanceOf(ReaderBusyException.class)
                .hasMessageContaining("busy");
        sensor.prompts().accept(ScanPrompt.PLACE_FINGER);
        assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    @DisplayName("R18 cancel ends a scan that waits for a finger, and the next scan works")
    void cancelEndsTheScan() {
        assertThatThrownBy(() -> reader.verify(prints[4], prompt -> {
            if (prompt == ScanPrompt.PLACE_FINGER) {
                CompletableFuture.runAsync(reader::cancel);
            }
        })).isInstanceOf(ScanCancelledException.class).hasMessageContaining("cancelled");
        sensor.place(fingers[4]);
        assertThat(reader.verify(prints[4], sensor.prompts())).isTrue();
    }

    @Test
    @DisplayName("R18 a print from another reader type is refused and asks for re-enrolment")
    void printFromAnotherReaderIsIncompatible() {
        FingerPrint foreign = new FingerPrint(new byte[] {1, 2, 3, 4}, "elan", "0");
        assertThat(reader.isCompatible(foreign)).isFalse();
        assertThatThrownBy(() -> reader.verify(foreign, sensor.prompts())).isInstanceOf(IncompatiblePrintException.class)
                .hasMessageContaining("enrol the finger again");
    }
}
