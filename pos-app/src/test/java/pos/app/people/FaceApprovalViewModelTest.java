package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.app.ui.TaskExecutor;
import pos.core.people.Approval;
import pos.core.people.Authority;
import pos.core.people.Clerk;
import pos.core.people.GuardedAction;
import pos.core.people.PersonKind;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Supervisor approval by face (issue 16 point 3, R18) without a window: a supervisor's face approves; above
 * {@code pos.face.pinAbove} the face only picks the supervisor and their PIN is needed too (a photo could be held up
 * to the camera); a cashier's face is refused with their name. Real SQLite people store, real PIN checks, the till's
 * {@link Fingerprints} around {@link ScriptedFaceReader}.
 */
@DisplayName("R18 issue 16: supervisor approval by face, with the PIN above pos.face.pinAbove")
class FaceApprovalViewModelTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long PIN_ABOVE = 5_000;
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    TillPeople people;
    FaceDesk desk;
    ApprovalViewModel model;
    Clerk sam;
    Clerk cara;
    Clerk dan;
    SignedIn shift;
    final List<Approval> approved = new CopyOnWriteArrayList<>();
    final List<String> declined = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-1"));
        sam = people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246802".toCharArray());
        people.addClerk("Olga Owner", Role.SUPERVISOR, "135791".toCharArray());
        cara = people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        dan = people.addClerk("Dan Cashier", Role.CASHIER, "2468".toCharArray());
        shift = new SignedIn(cara, "till-3", SignedIn.Method.PIN, clock.instant());
        desk = new FaceDesk(people, "switched off");
        enrolFace(sam);
        enrolFace(dan);
        model = onUi(() -> new ApprovalViewModel(people, new PinSignIn(people, "till-3", 5, Duration.ofMinutes(5), clock),
                new Authority(clock), desk.fingerprints, () -> shift, TEXT, Locale.US, TaskExecutor.sameThread(), desk.ui()));
    }

    @AfterEach
    void tearDown() throws Exception {
        onUi(() -> {
            model.cancel();
            return null;
        });
        desk.close();
        people.close();
    }

    <T> T onUi(Callable<T> call) throws Exception {
        return desk.onUi(call);
    }

    void enrolFace(Clerk clerk) throws Exception {
        desk.enrol(PersonKind.CLERK, clerk.id(), clerk.name());
    }

    void request(GuardedAction action, long amountMinor, long pinAboveMinor) throws Exception {
        onUi(() -> {
            model.useFace(desk.faces, pinAboveMinor, "€" + pinAboveMinor / 100 + ".00");
            model.request(action, "sale-1", "line 1: Milk", amountMinor, approved::add, declined::add);
            return null;
        });
    }

    void type(String digits) throws Exception {
        onUi(() -> {
            digits.chars().forEach(c -> model.pinDigit((char) c));
            model.submitPin();
            return null;
        });
    }

    String message() throws Exception {
        return onUi(() -> model.messageProperty().get());
    }

    @ParameterizedTest(name = "{0} of {1} minor units (face alone up to 5000)")
    @CsvSource(textBlock = """
            VOID_LINE,    509
            CANCEL_SALE,  5000
            NO_SALE,      0
            """)
    @DisplayName("R18 issue 16: up to pos.face.pinAbove a supervisor's face alone approves")
    void upToTheAmountASupervisorsFaceApproves(GuardedAction action, long amountMinor) throws Exception {
        request(action, amountMinor, PIN_ABOVE);
        assertThat(onUi(() -> model.faceTextProperty().get())).isEqualTo("Supervisor: look at the camera");

        desk.camera.show("Sam Supervisor", 1);

        await("Sam's face approves").atMost(WAIT).until(() -> !approved.isEmpty());
        assertThat(approved).singleElement().satisfies(a -> {
            assertThat(a.approverId()).isEqualTo(sam.id());
            assertThat(a.action()).isEqualTo(action);
            assertThat(a.requestedBy()).isEqualTo(cara.id());
        });
        assertThat(onUi(() -> model.shownProperty().get())).isFalse();
        assertThat(declined).isEmpty();
    }

    @Test
    @DisplayName("R18 issue 16: above pos.face.pinAbove the face picks the supervisor and only their right PIN approves")
    void aboveTheAmountTheFaceAsksForThatSupervisorsPin() throws Exception {
        request(GuardedAction.CANCEL_SALE, 5_001, PIN_ABOVE);

        desk.camera.show("Sam Supervisor", 1);

        await("the PIN is asked for").atMost(WAIT).until(() -> message()
                .equals("Above €50.00 the PIN is needed too: Sam Supervisor, type your PIN, then Enter"));
        assertThat(onUi(() -> model.selectedProperty().get().clerkId())).isEqualTo(sam.id());
        assertThat(onUi(() -> model.faceTextProperty().get())).isEqualTo("Recognised: Sam Supervisor");
        assertThat(approved).as("the face alone does not approve").isEmpty();
        assertThat(onUi(() -> model.shownProperty().get())).isTrue();

        type("135791"); // Olga's PIN, not Sam's
        await("the wrong PIN is refused").atMost(WAIT).until(() -> message().equals("Wrong PIN for Sam Supervisor: 4 tries left"));
        assertThat(approved).isEmpty();

        type("246802");
        await("Sam's PIN approves").atMost(WAIT).until(() -> !approved.isEmpty());
        assertThat(approved).singleElement().satisfies(a -> assertThat(a.approverId()).isEqualTo(sam.id()));
        assertThat(onUi(() -> model.shownProperty().get())).isFalse();
    }

    @Test
    @DisplayName("issue 16: pos.face.pinAbove=0 needs the PIN with every face, even for a no-sale of 0")
    void aLimitOfZeroNeedsThePinWithEveryFace() throws Exception {
        request(GuardedAction.NO_SALE, 0, 0);
        desk.camera.show("Sam Supervisor", 1);
        await("the PIN is asked for").atMost(WAIT).until(() -> message().startsWith("Above €0.00 the PIN is needed too"));
        assertThat(approved).isEmpty();
    }

    @Test
    @DisplayName("issue 16: a request without the money at stake never lets a face approve alone")
    void aRequestWithoutAnAmountNeedsThePinWithTheFace() throws Exception {
        onUi(() -> {
            model.useFace(desk.faces, PIN_ABOVE, "€50.00");
            model.request(GuardedAction.VOID_LINE, "sale-1", "line 1: Milk", approved::add, declined::add);
            return null;
        });
        desk.camera.show("Sam Supervisor", 1);
        await("the PIN is asked for").atMost(WAIT).until(() -> message().startsWith("Above €50.00 the PIN is needed too"));
        assertThat(approved).isEmpty();
    }

    @Test
    @DisplayName("R18 issue 16: a cashier's face is refused with their name, a stranger's with a sentence; the camera is watched on")
    void aCashiersFaceIsRefusedWithTheirNameAndAStrangersToo() throws Exception {
        request(GuardedAction.VOID_LINE, 509, PIN_ABOVE);

        desk.camera.show("Dan Cashier", 1);
        await("Dan is refused by name").atMost(WAIT).until(() -> message().equals(
                "Dan Cashier is a cashier and cannot approve: void a line. A supervisor looks at the camera or types their PIN."));
        assertThat(onUi(() -> model.messageIsErrorProperty().get())).isTrue();

        desk.camera.show("Somebody else", 1);
        await("the stranger is refused").atMost(WAIT).until(() -> message().equals(
                "That face is not a supervisor's here. A supervisor looks at the camera, places a finger, or uses the PIN."));
        assertThat(approved).isEmpty();

        desk.camera.show("Sam Supervisor", 1);
        await("then Sam approves").atMost(WAIT).until(() -> !approved.isEmpty());
        assertThat(approved.get(0).approverId()).isEqualTo(sam.id());
    }

    @Test
    @DisplayName("issue 16: with the face reader not ready nothing about face shows, and the PIN approves as before")
    void withoutAReadyFaceReaderNothingAboutFaceShows() throws Exception {
        try (Fingerprints noCamera = Fingerprints.face(ScriptedFaceReader.unavailable("OpenCV is not installed"), people)) {
            onUi(() -> {
                model.useFace(noCamera, PIN_ABOVE, "€50.00");
                model.request(GuardedAction.VOID_LINE, "sale-1", "line 1: Milk", 509, approved::add, declined::add);
                return null;
            });
            assertThat(onUi(() -> model.faceTextProperty().get())).isEmpty();
            assertThat(onUi(() -> model.shownProperty().get())).isTrue();
            onUi(() -> {
                model.selectSupervisor(0);
                return null;
            });
            type("135791"); // Olga Owner, the first supervisor by name
            await("Olga's PIN approves").atMost(WAIT).until(() -> !approved.isEmpty());
            assertThat(approved).singleElement().satisfies(a -> assertThat(a.approverId()).isNotEqualTo(sam.id()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en-US | A supervisor looks at the camera, or picks their name (Alt+1…9) and types their PIN. Esc: do not do it. | A supervisor approves with the PIN | A supervisor picks their name (Alt+1…9) and types their PIN. Esc: do not do it.
            zh-CN | 请主管看摄像头，或选择姓名 (Alt+1…9)并输入 PIN。Esc：不执行。                                               | 请主管用 PIN 授权                    | 请主管选择姓名 (Alt+1…9)并输入 PIN。Esc：不执行。
            """)
    @DisplayName("R18 issue 16: without a fingerprint reader the approval's lines name the face and the PIN when the face works, the PIN alone when not, never the finger")
    void theApprovalsLinesNameWhatWorks(String tag, String introWithFace, String pinOnly,
            String introPinOnly) throws Exception {
        Locale locale = Locale.forLanguageTag(tag);
        ApprovalViewModel local = onUi(() -> new ApprovalViewModel(people, new PinSignIn(people, "till-3", 5,
                Duration.ofMinutes(5), clock), new Authority(clock), desk.fingerprints, () -> shift,
                pos.app.i18n.Texts.forLocale(locale), locale, TaskExecutor.sameThread(), desk.ui()));
        onUi(() -> {
            local.useFace(desk.faces, PIN_ABOVE, "€50.00");
            local.request(GuardedAction.VOID_LINE, "sale-1", "line 1: Milk", 509, approved::add, declined::add);
            return null;
        });
        assertThat(onUi(() -> local.faceTextProperty().get())).isNotEmpty();
        assertThat(onUi(() -> local.fingerTextProperty().get())).as("no finger line beside the face").isEmpty();
        assertThat(onUi(() -> local.messageProperty().get())).isEqualTo(introWithFace);
        onUi(() -> {
            local.cancel();
            return null;
        });

        try (Fingerprints noCamera = Fingerprints.face(ScriptedFaceReader.unavailable("no camera found"), people)) {
            onUi(() -> {
                local.useFace(noCamera, PIN_ABOVE, "€50.00");
                local.request(GuardedAction.VOID_LINE, "sale-1", "line 1: Milk", 509, approved::add, declined::add);
                return null;
            });
            assertThat(onUi(() -> local.faceTextProperty().get())).isEmpty();
            assertThat(onUi(() -> local.fingerTextProperty().get())).isEqualTo(pinOnly);
            assertThat(onUi(() -> local.messageProperty().get())).isEqualTo(introPinOnly);
            onUi(() -> {
                local.cancel();
                return null;
            });
        }
    }
}
