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
import pos.core.people.Clerk;
import pos.core.people.PersonKind;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Sign-in by face (issue 16 point 3, R18) without a window: a real SQLite people store with face templates sealed
 * by the print keys, the till's {@link Fingerprints} service around {@link ScriptedFaceReader} (our own port
 * answering as the webcam face reader will), the view model on a UI thread of its own.
 */
@DisplayName("R18 issue 16: sign-in by face")
class FaceSignInViewModelTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final Duration WAIT = Duration.ofSeconds(10);
    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    TillPeople people;
    FaceDesk desk;
    final List<SignedIn> signedIn = new CopyOnWriteArrayList<>();
    SignInViewModel model;
    Clerk ann;

    @BeforeEach
    void setUp() throws Exception {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-1"));
        desk = new FaceDesk(people, "libfprint-2 is not installed");
        ann = people.addClerk("Ann Cashier", Role.CASHIER, "1357".toCharArray());
        people.addClerk("Bob Cashier", Role.CASHIER, "2468".toCharArray());
        model = onUi(() -> new SignInViewModel(people, new PinSignIn(people, "till-3", 5, Duration.ofMinutes(5), clock),
                desk.fingerprints, clock, "till-3", TEXT, Locale.US, TaskExecutor.sameThread(), desk.ui(), signedIn::add));
    }

    @AfterEach
    void tearDown() throws Exception {
        onUi(() -> {
            model.hide();
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

    void showSignIn() throws Exception {
        onUi(() -> {
            model.useFace(desk.faces);
            model.show("signin.reason.start");
            return null;
        });
    }

    @Test
    @DisplayName("R18 issue 16: an enrolled clerk looks at the camera and is signed in, the method recorded as FACE")
    void anEnrolledClerksFaceSignsThemInByFace() throws Exception {
        enrolFace(ann);
        showSignIn();
        assertThat(onUi(() -> model.faceTextProperty().get())).isEqualTo("Look at the camera to sign in");
        assertThat(onUi(() -> model.fingerTextProperty().get())).as("no finger line beside the face without a reader")
                .isEmpty();
        assertThat(onUi(() -> model.whoTextProperty().get())).as("the caption offers the face and the name (PIN)")
                .isEqualTo("Who are you? Pick your name (Alt+1…9), or look at the camera");

        desk.camera.show("Ann Cashier", 1);

        await("Ann signed in by face").atMost(WAIT).until(() -> !signedIn.isEmpty());
        assertThat(signedIn).singleElement().satisfies(shift -> {
            assertThat(shift.clerk()).isEqualTo(ann);
            assertThat(shift.method()).isEqualTo(SignedIn.Method.FACE);
            assertThat(shift.tillId()).isEqualTo("till-3");
        });
        assertThat(onUi(() -> model.shownProperty().get())).isFalse();
        assertThat(onUi(() -> model.faceTextProperty().get())).isEmpty();
    }

    @Test
    @DisplayName("R18 issue 16: a stranger's face gets a clear sentence, nobody is signed in, and the screen keeps watching")
    void aStrangersFaceIsRefusedAndTheScreenKeepsWatching() throws Exception {
        enrolFace(ann);
        showSignIn();

        desk.camera.show("A stranger", 1);

        await("the stranger is refused").atMost(WAIT).until(() -> onUi(() -> model.messageProperty().get())
                .equals("That face is not enrolled on this till. Look at the camera again, place your finger, or use your PIN."));
        assertThat(onUi(() -> model.messageIsErrorProperty().get())).isTrue();
        assertThat(signedIn).isEmpty();
        int watched = desk.camera.identifications();
        await("the camera is watched again").atMost(WAIT).until(() -> desk.camera.identifications() > watched);

        desk.camera.show("Ann Cashier", 1);
        await("then Ann signs in").atMost(WAIT).until(() -> !signedIn.isEmpty());
        assertThat(signedIn.get(0).method()).isEqualTo(SignedIn.Method.FACE);
    }

    @Test
    @DisplayName("issue 16: with face off, a face reader not ready, or no clerk's face enrolled, nothing about face shows")
    void nothingAboutFaceShowsUnlessAFaceCanSignSomeoneIn() throws Exception {
        // face off: the screen never heard of a face reader
        onUi(() -> {
            model.show("signin.reason.start");
            return null;
        });
        assertThat(onUi(() -> model.faceTextProperty().get())).isEmpty();
        // face on, ready, but nobody's face enrolled yet
        showSignIn();
        assertThat(onUi(() -> model.faceTextProperty().get())).isEmpty();
        // face on, a face enrolled, but the reader found no camera
        enrolFace(ann);
        try (Fingerprints noCamera = Fingerprints.face(ScriptedFaceReader.unavailable("no camera found"), people)) {
            onUi(() -> {
                model.useFace(noCamera);
                model.show("signin.reason.start");
                return null;
            });
            assertThat(onUi(() -> model.faceTextProperty().get())).isEmpty();
            assertThat(onUi(() -> model.readerTextProperty().get())).as("the reader line is the fingerprint reader's")
                    .isEqualTo("No fingerprint reader (libfprint-2 is not installed)");
            assertThat(desk.camera.identifications()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            en-US | Look at the camera to sign in | Who are you? Pick your name (Alt+1…9), or look at the camera | Sign in with your PIN | Who are you? Pick your name (Alt+1…9) | Look at the camera, or pick your name and type your PIN. | Pick your name and type your PIN.
            zh-CN | 请看摄像头登录                  | 您是哪位？请选择您的姓名 (Alt+1…9)，或看摄像头                     | 使用 PIN 登录           | 您是哪位？请选择您的姓名 (Alt+1…9) | 请看摄像头，或选择姓名并输入 PIN。 | 请选择姓名并输入 PIN。
            """)
    @DisplayName("R18 issue 16: with no fingerprint reader, the sign-in never offers the finger: the face and the PIN when a face can sign in, the PIN alone when not")
    void theSignInOffersOnlyWhatWorks(String tag, String faceLine, String whoWithFace, String pinOnly, String whoPinOnly,
            String reasonWithFace, String reasonPinOnly)
            throws Exception {
        Locale locale = Locale.forLanguageTag(tag);
        SignInViewModel local = onUi(() -> new SignInViewModel(people, new PinSignIn(people, "till-3", 5, Duration.ofMinutes(5), clock),
                desk.fingerprints, clock, "till-3", pos.app.i18n.Texts.forLocale(locale), locale, TaskExecutor.sameThread(),
                desk.ui(), signedIn::add));
        // a face reader ready but nobody's face enrolled: the PIN is the only way, and nothing about face shows
        onUi(() -> {
            local.useFace(desk.faces);
            local.show("signin.reason.start");
            return null;
        });
        assertThat(onUi(() -> local.fingerTextProperty().get())).isEqualTo(pinOnly);
        assertThat(onUi(() -> local.whoTextProperty().get())).isEqualTo(whoPinOnly);
        assertThat(onUi(() -> local.messageProperty().get())).isEqualTo(reasonPinOnly);
        assertThat(onUi(() -> local.faceTextProperty().get())).isEmpty();

        enrolFace(ann);
        onUi(() -> {
            local.readerChanged();
            return null;
        });
        assertThat(onUi(() -> local.faceTextProperty().get())).isEqualTo(faceLine);
        assertThat(onUi(() -> local.fingerTextProperty().get())).as("no finger line beside the face").isEmpty();
        assertThat(onUi(() -> local.whoTextProperty().get())).isEqualTo(whoWithFace);
        assertThat(onUi(() -> local.messageProperty().get())).isEqualTo(reasonWithFace);
        onUi(() -> {
            local.hide();
            return null;
        });
    }
}
