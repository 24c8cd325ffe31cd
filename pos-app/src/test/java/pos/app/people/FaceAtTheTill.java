package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.beans.value.ChangeListener;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.Wiring;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.device.face.sim.FacePhotos;
import pos.device.face.sim.FacePhotos.Person;
import pos.device.webcam.FrameFeedDevice;
import pos.device.webcam.FrameFeedDriver;
import pos.device.webcam.WebcamCameras;
import pos.sync.people.TillPeople;

/**
 * What the face flow tests through the till's real window share (issue 16, R18): the frames the simulated webcam
 * plays (real photographs from Debian's packages, {@link FacePhotos}), the people window's face enrolment by keyboard,
 * the till's start with face recognition on, a clerk's PIN sign-in, the captured log lines, and the scan for sealed
 * templates in the clear. Not thread-safe: one per test.
 */
final class FaceAtTheTill implements AutoCloseable {

    /** The store's driver name of the webcam face reader's templates. */
    static final String FACE_DRIVER = Fingerprints.FACE_DRIVER_PREFIX + pos.device.face.FaceReader.DRIVER;
    static final FacePhotos PHOTOS = new FacePhotos();
    static final Duration WAIT = Duration.ofSeconds(40);
    static final Duration POLL = Duration.ofMillis(100);

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final List<String> stagesSeen = Collections.synchronizedList(new ArrayList<>());
    /** The counter's camera, once {@link #startTill} ran: the project's simulated webcam driver plays its frames. */
    FrameFeedDevice camera;
    private Wiring wiring;

    FaceAtTheTill() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
    }

    /**
     * The settings of a till {@code tillId} with its data in {@code dataDir}, the webcam found by itself and face
     * recognition on; a test adds its own.
     */
    static Map<String, String> faceTillSettings(Path dataDir, String tillId) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("pos.data.dir", dataDir.toString());
        settings.put("pos.till.id", tillId);
        settings.put("pos.scanner.maxGapMs", "250");
        settings.put("pos.demo", "true");
        settings.put("pos.webcam", "auto");
        settings.put("pos.face", "on");
        return settings;
    }

    /**
     * Starts the till of {@code settings} in {@code stage}, its webcam the {@link #camera} showing the empty counter;
     * {@link #close()} closes it.
     */
    Wiring startTill(Stage stage, Map<String, String> settings) {
        TillConfig config = new ConfigLoader().load(null, Map.of(), settings, Path.of(System.getProperty("user.home")));
        camera = new FrameFeedDevice("Counter camera", 15, nobody());
        Wiring.applyTheme();
        wiring = Wiring.start(config, Clock.systemDefaultZone(), WebcamCameras.simulated(new FrameFeedDriver(camera)));
        Scene scene = new Scene(wiring.sellScreen(), 1280, 860);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
        return wiring;
    }

    /** On the sign-in screen: picks the clerk {@code name} by Alt+{@code tile}, types {@code pin}, Enter; waits until signed in. */
    static void signInByPin(FxRobot robot, Wiring wiring, KeyCode tile, String name, String pin) {
        SignInViewModel signIn = wiring.signIn().orElseThrow();
        robot.press(KeyCode.ALT).press(tile).release(tile).release(KeyCode.ALT);
        await(name + " picked").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> signIn.messageProperty().get().startsWith(name + ": type your PIN")));
        typeSlowly(robot, pin);
        robot.type(KeyCode.ENTER);
        await(name + " signed in").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> wiring.shift().map(s -> s.clerk().name().equals(name)).orElse(false)));
    }

    /**
     * Opens the people window (Ctrl+P), enrols {@code name}'s face with {@code person} in front of the {@link #camera}
     * ({@link #enrolFace}), checks what the window and the pictures counted said, and closes the window (Escape).
     */
    void enrolInPeopleWindow(FxRobot robot, String name, Person person) throws Exception {
        shortcut(robot, KeyCode.P);
        await("the people window shows face enrolment (the face reader is ready)").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> peopleWindow() != null && peopleWindow().lookup("#enrollFaceButton").isVisible()));
        enrolFace(robot, camera, name, person, onFx(() -> peopleMessage()
                .equals(name + ": face enrolled, sealed and shared with the store's tills (no photo is kept)")));
        assertThat(readOnFx(FaceAtTheTill::peopleStage)).isEqualTo(name + ": enrolled");
        assertThat(stagesSeen).as("the pictures the clerk saw counted").contains("Picture 1 of 8", "Picture 8 of 8");
        robot.type(KeyCode.ESCAPE);
        await("the people window closed").atMost(WAIT).pollInterval(POLL).until(onFx(() -> peopleWindow() == null));
    }

    /** A counter with nobody in front of the camera. */
    static List<BufferedImage> nobody() {
        return List.of(PHOTOS.noFace(FacePhotos.NoFace.EMPTY_COUNTER));
    }

    /** {@code person} as they stand to enrol (8 looks). */
    static List<BufferedImage> enrolLooks(Person person) {
        return FacePhotos.enrollLooks().stream().map(look -> PHOTOS.frame(person, look)).toList();
    }

    /** {@code person} as they stand later at the counter: looks never used to enrol. */
    static List<BufferedImage> tryLooks(Person person) {
        return FacePhotos.tryLooks().stream().map(look -> PHOTOS.frame(person, look)).toList();
    }

    /**
     * In the open people window: selects {@code name}, presses Ctrl+F while the camera plays {@code person}'s enrolment
     * looks, and waits until the window says the face is enrolled; the camera then shows the empty counter again.
     */
    void enrolFace(FxRobot robot, FrameFeedDevice camera, String name, Person person, Callable<Boolean> until)
            throws Exception {
        TableView<PersonRow> table = peopleTable();
        assertThat(table).as("the people window is open").isNotNull();
        robot.interact(() -> table.getSelectionModel().select(
                table.getItems().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow()));
        Label stage = (Label) peopleWindow().lookup("#stageLabel");
        ChangeListener<String> seen = (obs, old, now) -> stagesSeen.add(now);
        robot.interact(() -> stage.textProperty().addListener(seen));
        camera.play(enrolLooks(person));
        robot.press(KeyCode.CONTROL).press(KeyCode.F).release(KeyCode.F).release(KeyCode.CONTROL);
        await(name + "'s face enrolled").atMost(WAIT).pollInterval(POLL).until(until);
        camera.play(nobody());
        robot.interact(() -> stage.textProperty().removeListener(seen));
    }

    /** The people window's message line, or "" when it is not open. */
    static String peopleMessage() {
        Parent window = peopleWindow();
        return window == null ? "" : ((Label) window.lookup(".people-message")).getText();
    }

    /** The people window's stage line ("Picture 3 of 8", "Sam Supervisor: enrolled"), or "" when it is not open. */
    static String peopleStage() {
        Parent window = peopleWindow();
        return window == null ? "" : ((Label) window.lookup("#stageLabel")).getText();
    }

    /** The root of the people window while it shows, else null. */
    static Parent peopleWindow() {
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null && window.getScene().getRoot().getStyleClass().contains("people-window")
                    && window.isShowing()) {
                return window.getScene().getRoot();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    static TableView<PersonRow> peopleTable() {
        Parent window = peopleWindow();
        return window == null ? null : (TableView<PersonRow>) window.lookup(".table-view");
    }

    /** Whether the overlay card {@code cardClass} ("approval", "member") is on screen. */
    static boolean cardShows(FxRobot robot, String cardClass) {
        return robot.lookup(".people-card." + cardClass).query().isVisible()
                && robot.lookup(".people-card." + cardClass).query().getParent().isVisible();
    }

    /** The text of the label {@code id} inside the overlay card {@code cardClass} ("approval", "member"). */
    static String cardLabel(FxRobot robot, String cardClass, String id) {
        return ((Parent) robot.lookup(".people-card." + cardClass).query()).lookup("#" + id) instanceof Label label
                ? label.getText() : null;
    }

    /** Every captured log line, with its stack trace if any. */
    String logLines() {
        StringBuilder all = new StringBuilder();
        for (ILoggingEvent event : List.copyOf(logs.list)) {
            all.append(event.getFormattedMessage());
            if (event.getThrowableProxy() != null) {
                all.append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
            }
            all.append('\n');
        }
        return all.toString();
    }

    /**
     * R18: the face templates of {@code enrolled}, read back unsealed through the till's people store (the print keys
     * in the data directory), are in no file of {@code dataDir} (SQLite db, -wal, -shm, key file, logs...) nor in any
     * captured log line, raw, in Base64 or in hex; and no photograph (PNG or JPEG) was written there.
     */
    void assertNoTemplateInTheClear(List<TillPeople.Enrolled> enrolled, Path dataDir) throws IOException {
        String files = everyFileIn(dataDir);
        String logLines = logLines();
        assertThat(logLines).as("the log scan reads the logs").contains("face enrolled: 8 pictures");
        assertThat(files).as("no photo kept in the data directory").doesNotContain("\u0089PNG\r\n\u001a\n").doesNotContain("JFIF\0");
        for (TillPeople.Enrolled template : enrolled) {
            byte[] raw = template.print().template();
            assertThat(raw.length).as("a real face template of 8 pictures' histograms").isGreaterThan(2_000);
            byte[] slice = Arrays.copyOfRange(raw, raw.length / 2, raw.length / 2 + 48);
            String bytes = new String(slice, StandardCharsets.ISO_8859_1);
            String base64 = Base64.getEncoder().encodeToString(raw);
            String base64Slice = base64.substring(base64.length() / 2, base64.length() / 2 + 64);
            String hex = HexFormat.of().formatHex(slice);
            assertThat(files).as("the data directory holds no face template in the clear").doesNotContain(bytes)
                    .doesNotContain(base64Slice).doesNotContain(hex);
            assertThat(logLines).as("no log line holds a face template").doesNotContain(bytes)
                    .doesNotContain(base64Slice).doesNotContain(hex).contains(template.printId());
        }
    }

    private static String everyFileIn(Path dir) throws IOException {
        StringBuilder all = new StringBuilder();
        int files = 0;
        try (var walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                files++;
            }
        }
        assertThat(files).as("the scan reads the SQLite files").isGreaterThan(1);
        return all.toString();
    }

    static void scanBurst(FxRobot robot, String code) {
        for (char c : code.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    static void typeSlowly(FxRobot robot, String text) {
        for (char c : text.toCharArray()) {
            robot.write(c);
            robot.sleep(320);
        }
    }

    static void shortcut(FxRobot robot, KeyCode key) {
        robot.press(KeyCode.CONTROL).press(key).release(key).release(KeyCode.CONTROL);
    }

    /** Stops capturing the log, then closes the till {@link #startTill} started, if any. */
    @Override
    public void close() throws Exception {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        if (wiring != null) {
            WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(20, TimeUnit.SECONDS);
        }
    }
}
