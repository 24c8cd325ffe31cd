package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
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
import pos.core.people.Clerk;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * The sign-in screen's logic without a window, over a real SQLite people store and no fingerprint reader
 * (issue 6: "where no reader is plugged in, the till says 'no fingerprint reader' and PIN sign-in works").
 */
@DisplayName("R18 sign-in screen: PIN, lockout, first supervisor, no reader")
class SignInViewModelTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    final Clock clock = Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dataDir;
    TillPeople people;
    Fingerprints fingerprints;
    final List<SignedIn> signedIn = new ArrayList<>();
    SignInViewModel model;

    @BeforeEach
    void setUp() {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-1"));
        fingerprints = Fingerprints.off(people, "libfprint-2 is not installed");
        model = new SignInViewModel(people, new PinSignIn(people, "till-3", 5, java.time.Duration.ofMinutes(5), clock),
                fingerprints, clock, "till-3", TEXT, Locale.US, TaskExecutor.sameThread(), UiThread.sameThread(),
                signedIn::add);
    }

    @AfterEach
    void tearDown() {
        fingerprints.close();
        people.close();
    }

    private void type(String digits) {
        digits.chars().forEach(c -> model.pinDigit((char) c));
    }

    @Test
    @DisplayName("issue 14.3 (every screen and message in zh_CN): a Chinese till says \"no fingerprint reader\" in"
            + " Chinese, the reason for IT as its detail")
    void aChineseTillSaysThereIsNoReaderInChinese() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        SignInViewModel chinese = new SignInViewModel(people, new PinSignIn(people, "till-3", 5,
                java.time.Duration.ofMinutes(5), clock), fingerprints, clock, "till-3", pos.app.i18n.Texts.forLocale(zh), zh,
                TaskExecutor.sameThread(), UiThread.sameThread(), signedIn::add);
        chinese.show("signin.reason.start");
        assertThat(chinese.readerTextProperty().get()).isEqualTo("没有指纹仪（libfprint-2 is not installed）");
    }

    @Test
    void withoutAReaderTheScreenSaysSoAndAPinSignsTheClerkIn() {
        Clerk cara = people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        model.show("signin.reason.start");
        assertThat(model.shownProperty().get()).isTrue();
        // issue 11: the reader line says the reader's state once; the large line below says to use the PIN
        assertThat(model.readerTextProperty().get()).isEqualTo("No fingerprint reader (libfprint-2 is not installed)");
        assertThat(model.readerReadyProperty().get()).isFalse();
        assertThat(model.fingerTextProperty().get()).isEqualTo("Sign in with your PIN");
        assertThat(model.clerks()).extracting(ClerkTile::name, ClerkTile::roleText, ClerkTile::shortcut)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Cara Cashier", "Cashier", "Alt+1"));

        model.selectClerk(0);
        type("1357");
        assertThat(model.pinDotsProperty().get()).isEqualTo("••••");
        model.submitPin();

        assertThat(signedIn).singleElement().satisfies(shift -> {
            assertThat(shift.clerk()).isEqualTo(cara);
            assertThat(shift.method()).isEqualTo(SignedIn.Method.PIN);
            assertThat(shift.tillId()).isEqualTo("till-3");
        });
        assertThat(model.shownProperty().get()).isFalse();
        assertThat(model.pinDotsProperty().get()).isEmpty();
    }

    @Test
    void aWrongPinCountsDownAndTheFifthLocksTheClerkOut() {
        people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        model.show("signin.reason.start");
        model.selectClerk(0);
        type("0000");
        model.submitPin();
        assertThat(model.messageProperty().get()).isEqualTo("Wrong PIN for Cara Cashier: 4 tries left");
        assertThat(model.messageIsErrorProperty().get()).isTrue();
        for (int i = 0; i < 4; i++) {
            type("0000");
            model.submitPin();
        }
        assertThat(model.messageProperty().get()).startsWith("Cara Cashier is locked out after too many wrong PINs until 09:05");
        type("1357"); // even the right PIN now
        model.submitPin();
        assertThat(signedIn).isEmpty();
        assertThat(model.shownProperty().get()).isTrue();
    }

    @Test
    void aPinBeforeANameIsChosenAsksForTheNameAndSignsNobodyIn() {
        people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        model.show("signin.reason.start");
        type("1357");
        model.submitPin();
        assertThat(model.messageProperty().get()).isEqualTo("Pick your name first (Alt+1…9), then type your PIN");
        assertThat(model.pinDotsProperty().get()).isEmpty();
        assertThat(signedIn).isEmpty();
    }

    @Test
    void aStoreWithoutClerksMakesItsFirstSupervisorAndSignsThemIn() {
        model.show("signin.reason.start");
        assertThat(model.firstRunProperty().get()).isTrue();
        assertThat(model.titleProperty().get()).isEqualTo("Welcome: make the store's first supervisor");

        model.createFirstSupervisor("Olga Owner", "246810".toCharArray(), "246811".toCharArray());
        assertThat(model.messageProperty().get()).isEqualTo("The two PINs differ: type them again");
        model.createFirstSupervisor("  ", "246810".toCharArray(), "246810".toCharArray());
        assertThat(model.messageProperty().get()).isEqualTo("Enter a name (at most 60 characters)");
        model.createFirstSupervisor("Olga Owner", "24".toCharArray(), "24".toCharArray());
        assertThat(model.messageProperty().get()).isEqualTo("A supervisor's PIN is 6 to 12 digits");
        // SEC-405: a 4-digit supervisor PIN falls to an offline guess in seconds
        model.createFirstSupervisor("Olga Owner", "2468".toCharArray(), "2468".toCharArray());
        assertThat(model.messageProperty().get()).isEqualTo("A supervisor's PIN is 6 to 12 digits");
        assertThat(people.clerks()).as("nothing saved by the refused tries").isEmpty();

        model.createFirstSupervisor("Olga Owner", "246810".toCharArray(), "246810".toCharArray());
        assertThat(people.clerks()).singleElement().satisfies(c -> {
            assertThat(c.name()).isEqualTo("Olga Owner");
            assertThat(c.role()).isEqualTo(Role.SUPERVISOR);
            assertThat(c.pin().matches("246810".toCharArray())).isTrue();
        });
        assertThat(signedIn).singleElement().satisfies(s -> assertThat(s.clerk().isSupervisor()).isTrue());
        assertThat(model.firstRunProperty().get()).isFalse();
        // once there is a clerk, nobody can make another "first" supervisor here
        model.createFirstSupervisor("Mallory", "1111".toCharArray(), "1111".toCharArray());
        assertThat(people.clerks()).hasSize(1);
    }

    @Test
    void escLeavesTheFirstRunScreenOnlyWhereTheTillSellsWithoutSignIn() {
        model.show("signin.reason.start", true);
        assertThat(model.messageProperty().get()).endsWith("Esc: go on selling without sign-in.");
        model.leave();
        assertThat(model.shownProperty().get()).isFalse();

        people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        model.show("signin.reason.start");
        model.leave();
        assertThat(model.shownProperty().get()).as("a locked till stays locked").isTrue();
        assertThat(signedIn).isEmpty();
    }

    @Test
    void inactiveClerksAreNotListed() {
        Clerk gone = people.addClerk("Gone Clerk", Role.CASHIER, "1357".toCharArray());
        people.saveClerk(gone.withActive(false));
        people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        model.show("signin.reason.switch");
        assertThat(model.clerks()).extracting(ClerkTile::name).containsExactly("Cara Cashier");
        assertThat(model.messageProperty().get()).contains("The open sale stays");
    }
}
