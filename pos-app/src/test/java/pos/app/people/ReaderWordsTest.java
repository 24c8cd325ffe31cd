package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.biometric.ScanPrompt;
import pos.core.people.Authority;
import pos.core.people.Clerk;
import pos.core.people.GuardedAction;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Issue 11, defect 15: with no fingerprint reader, sign-in and supervisor approval say the reader's problem once, in
 * the reader line's normal type, never in the large finger line, and never "place your finger".
 */
@DisplayName("R18 sign-in and approval with no reader (issue 11)")
class ReaderWordsTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final String REASON = "libfprint-2 is not installed";
    final Clock clock = Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    TillPeople people;
    Fingerprints fingerprints;
    PinSignIn pins;

    @BeforeEach
    void setUp() {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-3"));
        people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246810".toCharArray());
        fingerprints = Fingerprints.off(people, REASON);
        pins = new PinSignIn(people, "till-3", 5, Duration.ofMinutes(5), clock);
    }

    @AfterEach
    void tearDown() {
        fingerprints.close();
        people.close();
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    @DisplayName("sign-in: the reason once in the reader line, the PIN in the large line, and no 'place your finger'")
    void signInSaysTheReaderProblemOnceAndNeverPlaceYourFinger() {
        SignInViewModel model = new SignInViewModel(people, pins, fingerprints, clock, "till-3", TEXT, Locale.US,
                TaskExecutor.sameThread(), UiThread.sameThread(), who -> { });
        model.show("signin.reason.start");
        String reader = model.readerTextProperty().get();
        String finger = model.fingerTextProperty().get();
        assertThat(reader).contains(REASON);
        assertThat(finger).isEqualTo("Sign in with your PIN").doesNotContain(REASON);
        assertThat(occurrences(reader + " | " + finger, "with your PIN")).as("the PIN said once").isEqualTo(1);

        model.prompt(ScanPrompt.PLACE_FINGER); // a prompt from another screen's scan
        assertThat(model.fingerTextProperty().get()).doesNotContainIgnoringCase("place your finger");
    }

    @Test
    @DisplayName("approval: the reason once in the reader line, not in the large finger line; no 'place your finger'")
    void approvalSaysTheReaderProblemOnceInNormalType() {
        Clerk cara = people.clerks().stream().filter(c -> c.name().equals("Cara Cashier")).findFirst().orElseThrow();
        SignedIn shift = new SignedIn(cara, "till-3", SignedIn.Method.PIN, clock.instant());
        ApprovalViewModel model = new ApprovalViewModel(people, pins, new Authority(clock), fingerprints, () -> shift, TEXT,
                Locale.US, TaskExecutor.sameThread(), UiThread.sameThread());
        List<String> declined = new ArrayList<>();
        model.request(GuardedAction.VOID_LINE, "line 1", "line 1: Whole milk 1 L", approval -> { }, declined::add);
        assertThat(model.shownProperty().get()).isTrue();

        String reader = model.readerTextProperty().get();
        String finger = model.fingerTextProperty().get();
        assertThat(reader).contains(REASON);
        assertThat(finger).doesNotContain(REASON).doesNotContainIgnoringCase("no fingerprint reader").contains("PIN");

        model.prompt(ScanPrompt.PLACE_FINGER);
        assertThat(model.fingerTextProperty().get()).doesNotContainIgnoringCase("place your finger");
    }
}
