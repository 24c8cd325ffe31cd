package pos.device.webcam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;
import static pos.device.webcam.WebcamTestSupport.POLL;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import com.google.zxing.BarcodeFormat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import pos.core.device.ScanEvent;
import pos.device.webcam.SyntheticFrames.Sample;

/**
 * The whole webcam chain through its real code: a simulated camera ({@link FrameFeedDevice}) behind
 * webcam-capture's own {@code Webcam} API, the capture thread, the slot, ZXing on the decoder thread,
 * duplicate suppression, and the {@code onScan}/{@code onRead} listeners.
 */
class WebcamScannerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final WebcamScannerSettings FAST = WebcamScannerSettings.defaults()
            .withDuplicateWindow(Duration.ofMillis(800)).withLostAfter(Duration.ofMillis(300)).withTryHarderEvery(4);

    private final SyntheticFrames frames = new SyntheticFrames(11);
    private final List<ScanEvent> scans = new CopyOnWriteArrayList<>();
    private final List<WebcamRead> reads = new CopyOnWriteArrayList<>();
    private final List<WebcamStatus> statuses = new CopyOnWriteArrayList<>();
    private WebcamScanner scanner;

    @AfterEach
    void stopScanner() {
        if (scanner != null) {
            scanner.close();
        }
        await("the scanner's threads to end").atMost(WAIT).pollInterval(POLL).until(WebcamTestSupport::noScannerThreadAlive);
    }

    @Test
    @DisplayName("R1 codes shown to the camera reach the onScan listener once each, with their format")
    void codesShownToTheCameraReachTheListenersOnceEach() {
        BufferedImage counter = frames.counter();
        BufferedImage qr = frames.frame(frames.qr(SyntheticFrames.QR_TEXT, 220), 15);
        BufferedImage ean = frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 0);
        List<BufferedImage> film = new ArrayList<>();
        film.addAll(Collections.nCopies(3, counter));
        film.addAll(Collections.nCopies(8, qr)); // held up for about a quarter of a second
        film.addAll(Collections.nCopies(3, counter));
        film.addAll(Collections.nCopies(8, ean));
        film.addAll(Collections.nCopies(40, counter)); // then nothing, long enough to end the loop's first pass
        FrameFeedDevice camera = new FrameFeedDevice("Counter camera", 30, film);
        scanner = start(new FrameFeedDriver(camera), FAST.withCamera("Counter camera"));

        await("two reads").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(() -> assertThat(reads.size() >= 2).as(() -> reads + " " + scanner.status()).isTrue());

        assertThat(reads.subList(0, 2)).extracting(WebcamRead::text, WebcamRead::format).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SyntheticFrames.QR_TEXT, BarcodeFormat.QR_CODE),
                org.assertj.core.groups.Tuple.tuple(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13));
        assertThat(scans.subList(0, 2)).extracting(ScanEvent::code).containsExactly(SyntheticFrames.QR_TEXT, SyntheticFrames.EAN_13);
        assertThat(scans).allSatisfy(scan -> assertThat(scan.source()).isEqualTo(WebcamScanner.DEFAULT_NAME));
        assertThat(reads.get(0).camera()).isEqualTo("Counter camera");
        assertThat(scanner.stats().duplicatesSuppressed()).as("the same code in consecutive frames counted once").isPositive();
        assertThat(statuses).extracting(WebcamStatus::state).startsWith(WebcamState.OFF, WebcamState.STARTING, WebcamState.RUNNING);
    }

    @Test
    void everyReadableKindOfFrameIsReadThroughTheCamera() {
        List<Sample> readable = frames.standardSet().stream().filter(Sample::readable).toList();
        List<BufferedImage> film = new ArrayList<>();
        for (Sample sample : readable) {
            film.addAll(Collections.nCopies(6, sample.image())); // more than tryHarderEvery frames each
            film.add(frames.counter());
        }
        // a duplicate window shorter than a frame, so the same text on two samples in a row counts twice
        scanner = start(new FrameFeedDriver(new FrameFeedDevice("Every kind", 60, film)),
                FAST.withDuplicateWindow(Duration.ofMillis(1)).withTryHarderEvery(2));

        await("a read of every sample").atMost(WAIT.multipliedBy(2)).pollInterval(POLL)
                .untilAsserted(() -> assertThat(reads.stream().map(r -> r.format() + ":" + r.text()).distinct().count()
                        >= readable.stream().map(s -> s.format() + ":" + s.text()).distinct().count()).as(() -> String.valueOf(reads)).isTrue());
        assertThat(reads).extracting(r -> r.format() + ":" + r.text())
                .containsAll(readable.stream().map(s -> s.format() + ":" + s.text()).toList());
    }

    @Test
    @DisplayName("R1 an EAN-13 frame that misreads once (another number, valid check digit) is no scan; two agreeing frames are")
    void anEanThatMisreadsInOneFrameIsNotTakenTwoAgreeingFramesAre() {
        String misread = "4006381333948"; // the worn code's one bad frame: another product, check digit valid
        assertThat(misread).isNotEqualTo(SyntheticFrames.EAN_13);
        BufferedImage counter = frames.counter();
        BufferedImage right = frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 0);
        BufferedImage wrong = frames.frame(frames.barcode(misread, BarcodeFormat.EAN_13, 420, 140), 0);
        List<BufferedImage> film = new ArrayList<>();
        film.addAll(Collections.nCopies(2, counter));
        film.add(wrong);
        film.addAll(Collections.nCopies(4, counter));
        film.add(right);
        film.add(counter);
        film.add(right);
        film.addAll(Collections.nCopies(20, counter)); // a loop of 2.9 s: the misread's next showing is outside the window
        scanner = start(new FrameFeedDriver(new FrameFeedDevice("Worn label", 10, film)), FAST);

        await("the agreeing frames' read").atMost(WAIT).pollInterval(POLL).until(() -> !reads.isEmpty());
        await("the film to come round again").atMost(WAIT).pollInterval(POLL).until(() -> scanner.stats().framesDecoded() > 40);

        assertThat(scans).extracting(ScanEvent::code).containsOnly(SyntheticFrames.EAN_13).doesNotContain(misread);
        assertThat(scanner.stats().awaitingAgreement()).as("the misread and the first good frame waited for a second frame")
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    @DisplayName("a code held in front of the camera counts once; shown again after the window it counts again")
    void aCodeHeldInFrontOfTheCameraCountsOnce() throws InterruptedException {
        BufferedImage qr = frames.frame(frames.qr("HELD", 200), 0);
        FrameFeedDevice camera = new FrameFeedDevice("Held", 40, List.of(qr));
        scanner = start(new FrameFeedDriver(camera), FAST.withDuplicateWindow(Duration.ofMillis(300)));

        await("the first read").atMost(WAIT).pollInterval(POLL).until(() -> reads.size() == 1);
        await("many more frames of the same code").atMost(WAIT).pollInterval(POLL).until(() -> scanner.stats().framesDecoded() > 25);
        assertThat(reads).hasSize(1);

        camera.play(List.of(frames.counter()));
        Thread.sleep(450); // taken away for longer than the window
        camera.play(List.of(qr));
        await("the second read").atMost(WAIT).pollInterval(POLL).until(() -> reads.size() == 2);
        assertThat(scans).extracting(ScanEvent::code).containsExactly("HELD", "HELD");
        assertThat(scanner.stats().duplicatesSuppressed()).isGreaterThan(20);
    }

    @Test
    @DisplayName("a slow consumer makes frames drop, never queue: the decoder always gets the newest frame")
    void aSlowConsumerDropsFramesInsteadOfQueueingThem() {
        List<BufferedImage> film = IntStream.range(0, 40).mapToObj(i -> frames.frame(frames.qr("FRAME-" + i, 160), 0)).toList();
        FrameFeedDevice camera = new FrameFeedDevice("Fast", 200, film);
        scanner = new WebcamScanner(WebcamCameras.simulated(new FrameFeedDriver(camera)),
                FAST.withCamera("Fast").withDuplicateWindow(Duration.ofMillis(1)));
        scanner.onRead(read -> {
            reads.add(read);
            sleep(100); // a listener that blocks the decoder thread, e.g. a slow cart update
        });
        scanner.start();

        await("ten reads").atMost(WAIT).pollInterval(POLL).until(() -> reads.size() >= 10);
        scanner.stop();

        WebcamStats stats = scanner.stats();
        assertThat(stats.maxFramesWaiting()).as("frames waiting for the decoder, at most").isEqualTo(1);
        assertThat(stats.framesDropped()).as("frames dropped while the consumer was busy").isGreaterThan(10L * 15);
        assertThat(stats.framesDecoded() + stats.framesDropped()).as("captured = decoded + dropped (+ the one left waiting)")
                .isBetween(stats.framesCaptured() - 1, stats.framesCaptured());
        List<Integer> numbers = reads.stream().map(r -> Integer.parseInt(r.text().substring("FRAME-".length()))).toList();
        assertThat(numbers).as("frames skipped between reads: the newest frame was taken, not the next in a queue")
                .anySatisfy(n -> assertThat(numbers.indexOf(n) > 0
                        && Math.floorMod(n - numbers.get(numbers.indexOf(n) - 1), 40) > 1).isTrue());
    }

    @Test
    @DisplayName("a camera on demand (the benchmark's) gets a frame only once the decoder took the last: none dropped, codes read")
    void aCameraOnDemandIsAskedOnlyWhenTheDecoderHasRoom() {
        BufferedImage qr = frames.frame(frames.qr("ON-DEMAND", 200), 0);
        BufferedImage ean = frames.frame(frames.barcode(SyntheticFrames.EAN_13, BarcodeFormat.EAN_13, 420, 140), 0);
        FrameFeedDevice camera = new FrameFeedDevice("On demand", 0, List.of(qr, qr, ean, ean));
        assertThat(camera.isOnDemand()).isTrue();
        scanner = start(new FrameFeedDriver(camera), FAST);

        await("both codes").atMost(WAIT).pollInterval(POLL).until(() -> reads.size() >= 2);
        await("many more frames").atMost(WAIT).pollInterval(POLL).until(() -> scanner.stats().framesDecoded() > 100);
        scanner.stop();

        WebcamStats stats = scanner.stats();
        assertThat(reads).extracting(WebcamRead::text).contains("ON-DEMAND", SyntheticFrames.EAN_13);
        assertThat(stats.framesDropped()).as("frames made only to be dropped").isZero();
        assertThat(stats.framesDecoded()).as("captured = decoded (+ the one left waiting)")
                .isBetween(stats.framesCaptured() - 1, stats.framesCaptured());
    }

    @Test
    @DisplayName("no camera at all: NO_CAMERA with a sentence for the clerk, no exception, the till goes on")
    void noCameraGivesAClearStatusAndNoException() {
        scanner = new WebcamScanner(WebcamCameras.simulated(new FrameFeedDriver()), FAST);
        scanner.onStatus(statuses::add);
        assertThatCode(scanner::start).doesNotThrowAnyException();

        await("NO_CAMERA").atMost(WAIT).pollInterval(POLL).until(() -> scanner.status().state() == WebcamState.NO_CAMERA);
        assertThat(scanner.status().message()).contains("No camera found").contains(WebcamStatus.WEDGE_GOES_ON);
        assertThat(scanner.status().state().isFailure()).isTrue();
        await("the capture thread to give up").atMost(WAIT).pollInterval(POLL).until(WebcamTestSupport::noScannerThreadAlive);
    }

    @Test
    void theChosenCameraMissingNamesTheOnesThatAreThere() {
        FrameFeedDevice other = new FrameFeedDevice("Desk camera", 30, List.of(frames.counter()));
        scanner = start(new FrameFeedDriver(other), FAST.withCamera("Front camera"));

        await("NO_CAMERA").atMost(WAIT).pollInterval(POLL).until(() -> scanner.status().state() == WebcamState.NO_CAMERA);
        assertThat(scanner.status().message()).contains("\"Front camera\" is not connected").contains("found: Desk camera");
        assertThat(scanner.status().camera()).isEqualTo("Front camera");
    }

    @Test
    @DisplayName("a camera held by another program: BUSY; once freed, Retry (start) opens it")
    void aBusyCameraIsReportedAndCanBeRetried() {
        FrameFeedDevice camera = new FrameFeedDevice("Shared", 30, List.of(frames.frame(frames.qr("AFTER-BUSY", 200), 0)));
        camera.setBusy(true);
        scanner = start(new FrameFeedDriver(camera), FAST.withCamera("Shared"));

        await("BUSY").atMost(WAIT).pollInterval(POLL).until(() -> scanner.status().state() == WebcamState.BUSY);
        assertThat(scanner.status().message()).contains("in use by another program").contains(WebcamStatus.WEDGE_GOES_ON);

        camera.setBusy(false);
        scanner.start();
        await("a read after the retry").atMost(WAIT).pollInterval(POLL).until(() -> !reads.isEmpty());
        assertThat(scanner.status().state()).isEqualTo(WebcamState.RUNNING);
    }

    @Test
    @DisplayName("unplugged mid-run: LOST with a sentence, no exception; plugged back in, Retry scans again")
    void anUnpluggedCameraIsLostAndTheScannerCanBeRestarted() {
        BufferedImage qr = frames.frame(frames.qr("BEFORE", 200), 0);
        FrameFeedDevice camera = new FrameFeedDevice("Wobbly cable", 30, List.of(qr));
        scanner = start(new FrameFeedDriver(camera), FAST.withCamera("Wobbly cable"));
        await("the first read").atMost(WAIT).pollInterval(POLL).until(() -> reads.size() == 1);

        camera.unplug();
        await("LOST").atMost(WAIT).pollInterval(POLL).until(() -> scanner.status().state() == WebcamState.LOST);
        assertThat(scanner.status().message()).contains("stopped sending pictures").contains(WebcamStatus.WEDGE_GOES_ON);
        await("the capture thread to give up").atMost(WAIT).pollInterval(POLL).until(WebcamTestSupport::noScannerThreadAlive);

        scanner.start(); // Retry while still unplugged
        await("NO_CAMERA while unplugged").atMost(WAIT).pollInterval(POLL).until(() -> scanner.status().state() == WebcamState.NO_CAMERA);
        assertThat(scanner.status().message()).contains("Plug it in");

        camera.plugIn();
        camera.play(List.of(frames.frame(frames.qr("AFTER", 200), 0)));
        scanner.start();
        await("a read after plugging it back in").atMost(WAIT).pollInterval(POLL).until(() -> reads.size() == 2);
        assertThat(reads).extracting(WebcamRead::text).containsExactly("BEFORE", "AFTER");
        assertThat(statuses).extracting(WebcamStatus::state).containsSubsequence(WebcamState.RUNNING, WebcamState.LOST,
                WebcamState.NO_CAMERA, WebcamState.RUNNING);
    }

    @Test
    void stopClosesTheCameraEndsTheThreadsAndSaysOff() {
        FrameFeedDevice camera = new FrameFeedDevice("Stoppable", 30, List.of(frames.counter()));
        scanner = start(new FrameFeedDriver(camera), FAST.withCamera("Stoppable"));
        await("RUNNING").atMost(WAIT).pollInterval(POLL).until(() -> scanner.status().state() == WebcamState.RUNNING);

        scanner.stop();

        assertThat(scanner.status().state()).isEqualTo(WebcamState.OFF);
        assertThat(camera.isOpen()).isFalse();
        assertThat(WebcamTestSupport.noScannerThreadAlive()).isTrue();
        long served = camera.framesServed();
        sleep(100);
        assertThat(camera.framesServed()).isEqualTo(served);
        scanner.stop(); // twice is harmless
    }

    @Test
    void aFailingListenerDoesNotStopTheOthersNorTheCamera() {
        FrameFeedDevice camera = new FrameFeedDevice("Robust", 30,
                List.of(frames.frame(frames.qr("ONE", 200), 0), frames.counter(), frames.frame(frames.qr("TWO", 200), 0),
                        frames.counter()));
        scanner = new WebcamScanner(WebcamCameras.simulated(new FrameFeedDriver(camera)),
                FAST.withCamera("Robust").withDuplicateWindow(Duration.ofMillis(1)));
        scanner.onScan(scan -> {
            throw new IllegalStateException("a broken cart");
        });
        scanner.onScan(scans::add);
        scanner.start();

        await("two scans").atMost(WAIT).pollInterval(POLL).until(() -> scans.size() >= 2);
        assertThat(scanner.status().state()).isEqualTo(WebcamState.RUNNING);
    }

    @Test
    void camerasAreListedForTheSettingsAndAnotherCanBeChosenWhileRunning() {
        FrameFeedDevice first = new FrameFeedDevice("Left", 30, List.of(frames.frame(frames.qr("LEFT", 200), 0)));
        FrameFeedDevice second = new FrameFeedDevice("Right", 30, List.of(frames.frame(frames.qr("RIGHT", 200), 0)));
        WebcamCameras cameras = WebcamCameras.simulated(new FrameFeedDriver(first, second));
        assertThat(cameras.names()).containsExactly("Left", "Right");

        scanner = new WebcamScanner(cameras, FAST);
        scanner.onRead(reads::add);
        scanner.start();
        await("a read from the first camera").atMost(WAIT).pollInterval(POLL).until(() -> !reads.isEmpty());
        assertThat(reads.get(0).text()).isEqualTo("LEFT");

        scanner.useCamera("Right");
        await("a read from the second camera").atMost(WAIT).pollInterval(POLL).until(() -> reads.stream().anyMatch(r -> r.text().equals("RIGHT")));
        assertThat(first.isOpen()).isFalse();
        assertThat(scanner.settings().camera()).isEqualTo("Right");
    }

    private WebcamScanner start(FrameFeedDriver driver, WebcamScannerSettings settings) {
        WebcamScanner started = new WebcamScanner(WebcamCameras.simulated(driver), settings);
        started.onRead(reads::add);
        started.onScan(scans::add);
        started.onStatus(statuses::add);
        started.start();
        return started;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
