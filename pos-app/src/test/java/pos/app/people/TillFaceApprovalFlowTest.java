package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.people.FaceAtTheTill.POLL;
import static pos.app.people.FaceAtTheTill.WAIT;
import static pos.app.people.FaceAtTheTill.cardLabel;
import static pos.app.people.FaceAtTheTill.nobody;
import static pos.app.people.FaceAtTheTill.scanBurst;
import static pos.app.people.FaceAtTheTill.shortcut;
import static pos.app.people.FaceAtTheTill.signInByPin;
import static pos.app.people.FaceAtTheTill.tryLooks;
import static pos.app.people.FaceAtTheTill.typeSlowly;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
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
import pos.app.checkout.CartRow;
import pos.core.people.PersonKind;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.device.face.sim.FacePhotos.Person;
import pos.device.webcam.FrameFeedDevice;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Issue 16 "done when" point 2 through the till's real window (headless Monocle) and the real OpenCV stack: the till's
 * own webcam scanner over the project's simulated camera driver ({@link FrameFeedDevice}) plays real photographs; the
 * real {@code FaceReader} (OpenCV worker process) that {@code Wiring} builds for {@code pos.face=on} recognises them.
 * A supervisor enrols his face in the people window (Ctrl+F); a cashier signed in by PIN voids a line below
 * {@code pos.face.pinAbove}: a stranger's face is refused, the supervisor's face (looks never used to enrol) approves
 * alone. Above the amount his face only picks him: the PIN is asked for, a wrong one refuses, his own approves. The
 * sealed templates are nowhere in the clear.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("R18 issue 16: supervisor approval by face at the till, through the project's webcam driver")
class TillFaceApprovalFlowTest {

    static final String WHOLE_MILK_EAN = "4098369006029"; // €5.09: above pos.face.pinAbove
    static final String WHOLE_MILK = "Whole milk 1 L";
    static final String SEMI_MILK_EAN = "4077354684879"; // €3.49: below it
    static final String SEMI_MILK = "Semi-skimmed milk 1 L";
    static final String SAM_PIN = "246802";
    static final String LOOK_AT_CAMERA = "Supervisor: look at the camera";
    static final String NO_FACE_SEEN = "No face seen: look straight at the camera";

    @TempDir
    static Path dataDir;

    Wiring wiring;
    FrameFeedDevice camera;
    FaceAtTheTill till;

    @Start
    void start(Stage stage) {
        till = new FaceAtTheTill();
        // the store already has two clerks (made on another till and synced here)
        try (TillPeople people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, Clock.systemUTC(),
                pos.sync.auth.StreamSigner.missing("face-till"))) {
            people.addClerk("Sam Supervisor", Role.SUPERVISOR, SAM_PIN.toCharArray());
            people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        }
        Map<String, String> settings = FaceAtTheTill.faceTillSettings(dataDir, "face-till");
        settings.put("pos.face.pinAbove", "5.00");
        wiring = till.startTill(stage, settings);
        camera = till.camera;
    }

    @AfterEach
    void stop() throws Exception {
        till.close();
    }

    @Test
    @DisplayName("R18 a supervisor's face approves a cashier's void alone below pos.face.pinAbove, with his PIN above it;"
            + " a stranger's face is refused; the sealed face templates are nowhere in the clear")
    void supervisorApprovesVoidsByFace(FxRobot robot) throws Exception {
        SignInViewModel signIn = wiring.signIn().orElseThrow();
        assertThat(signIn.shownProperty().get()).as("the till opens locked on the sign-in screen").isTrue();

        // 1) Sam signs in by PIN (Alt+2: the tiles are by name); nobody has a face yet.
        signInByPin(robot, wiring, KeyCode.DIGIT2, "Sam Supervisor", SAM_PIN);

        // 2) Sam enrols his own face in the people window (Ctrl+P, then Ctrl+F on his row), the camera seeing him.
        till.enrolInPeopleWindow(robot, "Sam Supervisor", Person.MESSI);

        // 3) Ctrl+L: Cara takes over with her PIN (the camera sees the empty counter).
        shortcut(robot, KeyCode.L);
        await("the sign-in screen").atMost(WAIT).pollInterval(POLL).until(onFx(() -> signIn.shownProperty().get()));
        robot.press(KeyCode.ALT).press(KeyCode.DIGIT1).release(KeyCode.DIGIT1).release(KeyCode.ALT);
        await("Cara picked").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> signIn.messageProperty().get().startsWith("Cara Cashier: type your PIN")));
        typeSlowly(robot, "1357");
        robot.type(KeyCode.ENTER);
        await("Cara signed in by PIN").atMost(WAIT).pollInterval(POLL).until(onFx(() -> wiring.shift()
                .map(s -> s.clerk().name().equals("Cara Cashier") && s.method() == SignedIn.Method.PIN).orElse(false)));

        // 4) Cara sells both milks and voids the €3.49 line (F7): the approval overlay asks for a supervisor's face.
        scanBurst(robot, SEMI_MILK_EAN);
        scanBurst(robot, WHOLE_MILK_EAN);
        await("two lines").atMost(WAIT).pollInterval(POLL).until(onFx(() -> wiring.sellModel().cart().rows().size() == 2));
        ApprovalViewModel approval = wiring.approval().orElseThrow();
        voidLine(robot, SEMI_MILK);
        await("approval asked").atMost(WAIT).pollInterval(POLL).until(onFx(() -> approval.shownProperty().get()));
        assertThat(readOnFx(() -> FaceAtTheTill.cardShows(robot, "approval"))).as("the approval overlay on screen").isTrue();
        assertThat(readOnFx(() -> cardLabel(robot, "approval", "actionLabel"))).isEqualTo("Supervisor approval: void a line");
        assertThat(readOnFx(() -> cardLabel(robot, "approval", "subjectLabel"))).contains(SEMI_MILK);
        // nobody in front of the camera yet: the face line asks for a face ("look at the camera", "no face seen")
        await("the overlay asks for a supervisor's face").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> List.of(LOOK_AT_CAMERA, NO_FACE_SEEN).contains(cardLabel(robot, "approval", "faceLabel"))));

        // 5) A stranger looks at the camera: refused, with the sentence; nothing approved, the line stays.
        camera.play(tryLooks(Person.STRANGER));
        await("the stranger refused").atMost(WAIT).pollInterval(POLL)
                .until(onFx(() -> ("That face is not a supervisor's here. A supervisor looks at the camera, places a finger,"
                        + " or uses the PIN.").equals(cardLabel(robot, "approval", "messageLabel"))));
        assertThat(approval.messageIsErrorProperty().get()).isTrue();
        assertThat(approval.shownProperty().get()).isTrue();
        assertThat(wiring.sellModel().cart().rows()).extracting(CartRow::name).containsExactly(SEMI_MILK, WHOLE_MILK);

        // 6) Sam looks at the camera (looks never used to enrol): below €5.00 his face alone approves; the line goes.
        camera.play(tryLooks(Person.MESSI));
        await("approved by Sam's face").atMost(WAIT).pollInterval(POLL).until(onFx(() -> !approval.shownProperty().get()));
        camera.play(nobody());
        assertThat(readOnFx(() -> FaceAtTheTill.cardShows(robot, "approval"))).as("the overlay is gone").isFalse();
        await("the semi-skimmed milk voided").atMost(WAIT).pollInterval(POLL).until(onFx(() ->
                wiring.sellModel().cart().rows().stream().map(CartRow::name).toList().equals(List.of(WHOLE_MILK))));
        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get()))
                .isEqualTo("Removed " + SEMI_MILK + " (approved by Sam Supervisor)");
        assertThat(till.logLines()).containsPattern("VOID_LINE approved by Sam Supervisor \\(\\S+\\) by face for ");
        assertThat(wiring.shift().orElseThrow().clerk().name()).as("Cara is still the clerk").isEqualTo("Cara Cashier");

        // 7) The €5.09 line is above pos.face.pinAbove: Sam's face only picks him, and his PIN is asked for.
        voidLine(robot, WHOLE_MILK);
        await("approval asked again").atMost(WAIT).pollInterval(POLL).until(onFx(() -> approval.shownProperty().get()));
        camera.play(tryLooks(Person.MESSI));
        await("the face picked Sam and the PIN is asked for").atMost(WAIT).pollInterval(POLL).until(onFx(() ->
                "Above €5.00 the PIN is needed too: Sam Supervisor, type your PIN, then Enter"
                        .equals(cardLabel(robot, "approval", "messageLabel"))));
        assertThat(readOnFx(() -> cardLabel(robot, "approval", "faceLabel"))).isEqualTo("Recognised: Sam Supervisor");
        assertThat(readOnFx(() -> approval.selectedProperty().get().name())).isEqualTo("Sam Supervisor");
        // the face alone does not approve, however long he stands there
        WaitForAsyncUtils.sleep(3, TimeUnit.SECONDS);
        assertThat(readOnFx(() -> approval.shownProperty().get())).as("the face alone approves nothing above €5.00").isTrue();
        assertThat(readOnFx(() -> wiring.sellModel().cart().rows().size())).isEqualTo(1);
        // a PIN that is not Sam's approves nothing
        typeSlowly(robot, "999999");
        robot.type(KeyCode.ENTER);
        await("the wrong PIN refused").atMost(WAIT).pollInterval(POLL).until(onFx(() ->
                cardLabel(robot, "approval", "messageLabel").startsWith("Wrong PIN for Sam Supervisor")));
        assertThat(readOnFx(() -> approval.shownProperty().get())).isTrue();
        assertThat(readOnFx(() -> wiring.sellModel().cart().rows().size())).isEqualTo(1);
        // his own PIN approves: the line goes
        typeSlowly(robot, SAM_PIN);
        robot.type(KeyCode.ENTER);
        await("approved by Sam's face and PIN").atMost(WAIT).pollInterval(POLL).until(onFx(() -> !approval.shownProperty().get()));
        camera.play(nobody());
        await("the whole milk voided").atMost(WAIT).pollInterval(POLL).until(onFx(() -> wiring.sellModel().cart().rows().isEmpty()));
        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get()))
                .isEqualTo("Removed " + WHOLE_MILK + " (approved by Sam Supervisor)");
        assertThat(till.logLines()).contains("approved by Sam Supervisor", "by face and PIN");

        // 8) R18: Sam's sealed face template is nowhere in the clear.
        List<TillPeople.Enrolled> enrolled = wiring.people().orElseThrow().prints(PersonKind.CLERK, FaceAtTheTill.FACE_DRIVER).usable();
        assertThat(enrolled).hasSize(1);
        till.assertNoTemplateInTheClear(enrolled, dataDir);
    }

    /** Selects the line of {@code name} and presses F7. */
    private void voidLine(FxRobot robot, String name) {
        robot.interact(() -> wiring.sellModel().cart().selectedRowProperty().set(wiring.sellModel().cart().rows().stream()
                .filter(r -> r.name().equals(name)).findFirst().orElseThrow()));
        robot.type(KeyCode.F7);
    }
}
