package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.beans.value.ChangeListener;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import pos.device.face.sim.FacePhotos;
import pos.device.face.sim.FacePhotos.Person;
import pos.device.webcam.FrameFeedDevice;
import pos.sync.people.TillPeople;

/**
 * What the face flow tests through the till's real window share (issue 16, R18): the frames the simulated webcam
 * plays (real photographs from Debian's packages, {@link FacePhotos}), the people window's face enrolment by keyboard,
 * the captured log lines, and the scan for sealed templates in the clear. Not thread-safe: one per test.
 */
final class FaceAtTheTill implements AutoCloseable {

    /** The store's driver name of the webcam face reader's templates. */
    static final String FACE_DRIVER = Fingerprints.FACE_DRIVER_PREFIX + pos.device.face.FaceReader.DRIVER;
    static final FacePhotos PHOTOS = new FacePhotos();

    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final List<String> stagesSeen = Collections.synchronizedList(new ArrayList<>());

    FaceAtTheTill() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
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
        org.awaitility.Awaitility.await(name + "'s face enrolled").atMost(java.time.Duration.ofSeconds(40))
                .pollInterval(java.time.Duration.ofMillis(100)).until(until);
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

    @Override
    public void close() {
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    }
}
