package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.onFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.Wiring;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.app.checkout.CartRow;
import pos.core.people.PersonKind;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Issue 6 through the till's real window (headless Monocle) and the real libfprint stack: the till's own
 * fingerprint worker runs libfprint's virtual_image driver; a {@link VirtualSensor} presses synthetic fingers
 * whenever the till's reader asks for one. A supervisor signs in by PIN and enrols two fingers in the people
 * window (stage by stage); a cashier signs in by finger; her void asks for a supervisor; her own finger is
 * refused there; the supervisor's finger approves and the line goes.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("R18 fingerprint sign-in and supervisor approval at the till")
class TillFingerprintFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final Duration POLL = Duration.ofMillis(100);

    static final String MILK_EAN = "4098369006029";
    static final String MILK = "Whole milk 1 L";
    static final SyntheticFinger SAM_FINGER = new SyntheticFinger(6_101);
    static final SyntheticFinger CARA_FINGER = new SyntheticFinger(6_202);

    @TempDir
    static Path dataDir;

    Wiring wiring;
    VirtualSensor sensor;
    AutoCloseable pressing;
    final List<String> stages = Collections.synchronizedList(new ArrayList<>());

    final ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
            new ch.qos.logback.core.read.ListAppender<>();

    @Start
    void start(Stage stage) throws Exception {
        ch.qos.logback.classic.LoggerContext context =
                (ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        logs.setContext(context);
        logs.start();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(logs);
        // the store already has two clerks (made on another till and synced here, or by the owner's first run)
        try (TillPeople people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, Clock.systemUTC(), pos.sync.auth.StreamSigner.missing("till-1"))) {
            people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246802".toCharArray());
            people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        }
        Path socket = Files.createTempDirectory("fp").resolve("virtual-image.sock");
        TillConfig config = new ConfigLoader().load(null, Map.of(),
                Map.of("pos.data.dir", dataDir.toString(), "pos.till.id", "finger-till", "pos.scanner.maxGapMs", "250",
                        "pos.fingerprint", TillConfig.VIRTUAL_IMAGE + socket, "pos.demo", "true"),
                Path.of(System.getProperty("user.home")));
        Wiring.applyTheme();
        wiring = Wiring.start(config);
        sensor = new VirtualSensor(socket);
        // the person at the reader does what the till's reader asks
        pressing = wiring.fingerprints().orElseThrow().onPrompt(sensor.prompts());
        Scene scene = new Scene(wiring.sellScreen(), 1280, 860);
        wiring.attach(scene);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop() throws Exception {
        ((ch.qos.logback.classic.LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory())
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(logs);
        pressing.close();
        WaitForAsyncUtils.asyncFx(() -> wiring.close()).get(20, TimeUnit.SECONDS);
        sensor.close();
        sensor.check();
    }

    @Test
    @DisplayName("clerk signs in by finger; a void asks for a supervisor's finger; a cashier's finger is refused there")
    void signInByFingerAndSupervisorApprovesAVoid(FxRobot robot) throws Exception {
        SignInViewModel signIn = wiring.signIn().orElseThrow();
        // The store has clerks: the till opens locked on the sign-in screen, the reader starting up.
        assertThat(signIn.shownProperty().get()).as("sign-in screen shown at start").isTrue();
        assertThat(wiring.sellModel().lockedProperty().get()).isTrue();
        await("the reader is ready").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> signIn.readerTextProperty().get().startsWith("Fingerprint reader ready"))));
        // Nobody has a finger enrolled yet: the screen says so and the PIN works.
        assertThat(signIn.fingerTextProperty().get()).contains("No clerk has a finger enrolled");
        scanBurst(robot, MILK_EAN);
        assertThat(wiring.sellModel().cart().rows()).as("a scan while locked sells nothing").isEmpty();

        // 1) Sam (Alt+2: the tiles are by name) signs in with his PIN, typed like a person.
        robot.press(KeyCode.ALT).press(KeyCode.DIGIT2).release(KeyCode.DIGIT2).release(KeyCode.ALT);
        await("Sam picked").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> signIn.messageProperty().get().startsWith("Sam Supervisor: type your PIN"))));
        typeSlowly(robot, "246802");
        robot.type(KeyCode.ENTER);
        await("Sam signed in").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> wiring.shift().map(s -> s.clerk().name().equals("Sam Supervisor")).orElse(false))));
        assertThat(wiring.shift().orElseThrow().method()).isEqualTo(SignedIn.Method.PIN);
        assertThat(robot.lookup(".header-info").queryAllAs(Label.class)).extracting(Label::getText)
                .contains("Clerk: Sam Supervisor (Supervisor)");

        // 2) Sam enrols his and Cara's right index in the people window, stage by stage.
        robot.press(KeyCode.CONTROL).press(KeyCode.P).release(KeyCode.P).release(KeyCode.CONTROL);
        await("the people window").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> peopleTable(robot) != null)));
        enrol(robot, "Sam Supervisor", SAM_FINGER);
        enrol(robot, "Cara Cashier", CARA_FINGER);
        assertThat(stages).as("the enrolment stages the clerk saw").contains("Place finger 1 of 5", "Place finger 5 of 5");
        Label message = robot.lookup(".people-window .people-message").queryAs(Label.class);
        assertThat(message.getText()).contains("enrolled, sealed and shared");
        robot.type(KeyCode.ESCAPE);
        await("the people window closed").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> peopleTable(robot) == null)));

        // 3) Ctrl+L: Cara takes over the till with her finger (no PIN typed).
        sensor.place(CARA_FINGER);
        robot.press(KeyCode.CONTROL).press(KeyCode.L).release(KeyCode.L).release(KeyCode.CONTROL);
        await("Cara signed in by finger").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> wiring.shift()
                        .map(s -> s.clerk().name().equals("Cara Cashier") && s.method() == SignedIn.Method.FINGER).orElse(false))));
        assertThat(signIn.shownProperty().get()).isFalse();
        assertThat(wiring.sellModel().lockedProperty().get()).isFalse();

        // 4) Cara sells two lines and voids one (F7): the supervisor approval shows; nothing is removed yet.
        scanBurst(robot, MILK_EAN);
        scanBurst(robot, "4077354684879");
        await("two lines").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> wiring.sellModel().cart().rows().size() == 2)));
        robot.interact(() -> wiring.sellModel().cart().selectedRowProperty().set(wiring.sellModel().cart().rows().get(0)));
        robot.type(KeyCode.F7);
        ApprovalViewModel approval = wiring.approval().orElseThrow();
        await("approval asked").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> approval.shownProperty().get())));
        assertThat(approval.actionTextProperty().get()).isEqualTo("Supervisor approval: void a line");
        assertThat(approval.subjectTextProperty().get()).contains(MILK);
        assertThat(robot.lookup(".people-card.approval").query().isVisible()).isTrue();

        // 5) Cara's own finger (still on the reader) is refused: she is a cashier. The line stays.
        await("the cashier's finger refused").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> approval.messageProperty().get()
                        .contains("Cara Cashier is a cashier and cannot approve: void a line"))));
        assertThat(wiring.sellModel().cart().rows()).extracting(CartRow::name).contains(MILK);
        assertThat(approval.shownProperty().get()).isTrue();

        // 6) Sam places his finger: approved, the line goes, the message names him.
        sensor.place(SAM_FINGER);
        await("approved by Sam").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> !approval.shownProperty().get())));
        await("milk voided").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> wiring.sellModel().cart().rows().stream().noneMatch(r -> r.name().equals(MILK)))));
        assertThat(wiring.sellModel().cart().rows()).hasSize(1);
        assertThat(wiring.sellModel().messageProperty().get()).contains("Removed " + MILK, "approved by Sam Supervisor");
        // Cara is still the clerk at the till.
        assertThat(wiring.shift().orElseThrow().clerk().name()).isEqualTo("Cara Cashier");
        List<TillPeople.Enrolled> enrolled = wiring.people().orElseThrow()
                .prints(PersonKind.CLERK, "libfprint/virtual_image").usable();
        assertThat(enrolled).hasSize(2);

        // 7) The two real libfprint prints were never written or logged in the clear (R18): not in the till's
        //    data directory (SQLite db, -wal, -shm, key file, everything), not in any log line (till and worker).
        String files = everyFileIn(dataDir);
        String logLines = logs.list.stream().map(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
                : ch.qos.logback.classic.spi.ThrowableProxyUtil.asString(e.getThrowableProxy()))).reduce("", (a, b) -> a + b + "\n");
        assertThat(logLines).as("the log scan reads the logs").contains("Enrolled the right-index of CLERK");
        for (TillPeople.Enrolled print : enrolled) {
            byte[] template = print.print().template();
            assertThat(template.length).as("a real libfprint print").isGreaterThan(1_000);
            byte[] slice = java.util.Arrays.copyOfRange(template, template.length / 2, template.length / 2 + 48);
            String raw = new String(slice, java.nio.charset.StandardCharsets.ISO_8859_1);
            String base64 = java.util.Base64.getEncoder().encodeToString(template);
            String hex = java.util.HexFormat.of().formatHex(slice);
            assertThat(files).as("the data directory holds no print in the clear").doesNotContain(raw)
                    .doesNotContain(base64.substring(base64.length() / 2, base64.length() / 2 + 64)).doesNotContain(hex);
            assertThat(logLines).as("no log line holds a print").doesNotContain(raw)
                    .doesNotContain(base64.substring(base64.length() / 2, base64.length() / 2 + 64)).doesNotContain(hex)
                    .contains(print.printId());
        }
    }

    private static String everyFileIn(Path dir) throws java.io.IOException {
        StringBuilder all = new StringBuilder();
        int files = 0;
        try (var walk = Files.walk(dir)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
                files++;
            }
        }
        assertThat(files).as("the scan reads the SQLite files").isGreaterThan(1);
        return all.toString();
    }

    private void enrol(FxRobot robot, String name, SyntheticFinger finger) {
        sensor.place(finger);
        TableView<PersonRow> table = peopleTable(robot);
        robot.interact(() -> table.getSelectionModel().select(
                table.getItems().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow()));
        Label stage = robot.lookup(".people-window .people-finger").queryAs(Label.class);
        javafx.beans.value.ChangeListener<String> seen = (obs, old, now) -> stages.add(now);
        robot.interact(() -> stage.textProperty().addListener(seen));
        robot.clickOn("#enrollButton");
        await(name + " enrolled").atMost(WAIT).pollInterval(POLL)
                .until(whileSensorWorks(onFx(() -> stage.getText().equals(name + ": enrolled"))));
        robot.interact(() -> stage.textProperty().removeListener(seen));
    }

    @SuppressWarnings("unchecked")
    private static TableView<PersonRow> peopleTable(FxRobot robot) {
        for (Window window : Window.getWindows()) {
            if (window.getScene() != null && window.getScene().getRoot().getStyleClass().contains("people-window")
                    && window.isShowing()) {
                return (TableView<PersonRow>) window.getScene().getRoot().lookup(".table-view");
            }
        }
        return null;
    }

    private static void scanBurst(FxRobot robot, String code) {
        for (char c : code.toCharArray()) {
            robot.write(c);
        }
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void typeSlowly(FxRobot robot, String text) {
        for (char c : text.toCharArray()) {
            robot.write(c);
            robot.sleep(320);
        }
    }

    /** {@code condition} as it is, but a failure of the virtual sensor ends the wait. */
    private Callable<Boolean> whileSensorWorks(Callable<Boolean> condition) {
        return () -> {
            if (condition.call()) {
                return true;
            }
            sensor.check();
            return false;
        };
    }
}
