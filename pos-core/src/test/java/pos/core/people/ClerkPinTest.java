package pos.core.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("R18 a PIN is kept only as a slow salted hash; wrong PINs lock a clerk out")
class ClerkPinTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-11-29T10:00:00Z");
        @Override public ZoneId getZone() { return ZoneOffset.UTC; }
        @Override public Clock withZone(ZoneId zone) { return this; }
        @Override public Instant instant() { return now; }
    }

    final Clerk ann = new Clerk("c1", "Ann", Role.CASHIER, PinHash.of("4711".toCharArray(), 1_000), true);
    final Clerk bob = new Clerk("c2", "Bob", Role.CASHIER, PinHash.of("0815".toCharArray(), 1_000), false);
    final ClerkDirectory directory = new ClerkDirectory() {
        final Map<String, Clerk> byId = Map.of(ann.id(), ann, bob.id(), bob);
        @Override public Optional<Clerk> clerk(String id) { return Optional.ofNullable(byId.get(id)); }
        @Override public List<Clerk> clerks() { return List.of(ann, bob); }
    };
    final MovingClock clock = new MovingClock();
    final PinSignIn signIn = new PinSignIn(directory, "till-1", 3, Duration.ofMinutes(5), clock);

    @Test
    void theHashIsSaltedSlowAndNeverThePin() {
        PinHash one = PinHash.of("4711".toCharArray());
        PinHash two = PinHash.of("4711".toCharArray());
        assertThat(one.iterations()).isEqualTo(PinHash.DEFAULT_ITERATIONS);
        assertThat(one.encoded()).startsWith("pbkdf2-sha256$310000$").doesNotContain("4711").isNotEqualTo(two.encoded());
        assertThat(one.matches("4711".toCharArray())).isTrue();
        assertThat(one.matches("4712".toCharArray())).isFalse();
        assertThat(PinHash.parse(one.encoded())).isEqualTo(one);
        assertThat(PinHash.parse(one.encoded()).matches("4711".toCharArray())).isTrue();
        assertThat(one.toString()).doesNotContain(one.encoded().split("\\$")[3]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123", "12a4", "1234567890123", "12 34"})
    void aPinHasFourToTwelveDigits(String pin) {
        assertThatThrownBy(() -> PinHash.of(pin.toCharArray(), 1_000)).isInstanceOf(InvalidPinException.class);
    }

    @Test
    void aDamagedStoredHashIsAClearError() {
        assertThatThrownBy(() -> PinHash.parse("md5$abc")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a pbkdf2-sha256 PIN hash");
    }

    @Test
    @org.junit.jupiter.api.DisplayName("issue 11 defect 13: a PIN typed in a full-width input method is the same PIN")
    void aFullWidthPinIsTheSamePin() {
        assertThat(signIn.signIn("c1", "４７１１".toCharArray()).clerk()).isEqualTo(ann);
        PinHash typedFullWidth = PinHash.of("１２３４５６".toCharArray(), 1_000);
        assertThat(typedFullWidth.matches("123456".toCharArray())).isTrue();
        assertThat(typedFullWidth.matches("１２３４５６".toCharArray())).isTrue();
        assertThat(typedFullWidth.supervisorLength()).isTrue();
        assertThat(typedFullWidth.matches("١٢٣٤٥٦".toCharArray())).as("other scripts are not folded").isFalse();
        assertThatThrownBy(() -> PinHash.of("①②③④".toCharArray(), 1_000)).isInstanceOf(InvalidPinException.class);
    }

    @Test
    void theRightPinSignsTheClerkIn() {
        SignedIn shift = signIn.signIn("c1", "4711".toCharArray());
        assertThat(shift.clerk()).isEqualTo(ann);
        assertThat(shift.method()).isEqualTo(SignedIn.Method.PIN);
        assertThat(shift.tillId()).isEqualTo("till-1");
        assertThat(shift.since()).isEqualTo(clock.now);
    }

    @Test
    void wrongPinsCountDownThenLockTheClerkOutUntilTheLockoutEnds() {
        assertThatThrownBy(() -> signIn.signIn("c1", "0000".toCharArray())).isInstanceOf(SignInRefusedException.class)
                .hasMessage("Wrong PIN for Ann: 2 tries left before a lockout of 5 min");
        assertThatThrownBy(() -> signIn.signIn("c1", "0000".toCharArray()))
                .hasMessage("Wrong PIN for Ann: 1 try left before a lockout of 5 min");
        assertThatThrownBy(() -> signIn.signIn("c1", "0000".toCharArray()))
                .hasMessage("Wrong PIN for Ann 3 times: locked out for 5 min; use a finger or ask a supervisor")
                .satisfies(e -> assertThat(((SignInRefusedException) e).reason())
                        .isEqualTo(SignInRefusedException.Reason.LOCKED_OUT));
        // Even the right PIN is refused while locked out.
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        assertThatThrownBy(() -> signIn.signIn("c1", "4711".toCharArray())).isInstanceOf(SignInRefusedException.class)
                .hasMessage("Ann is locked out after too many wrong PINs: try again in 4 min, use a finger or ask a supervisor");
        clock.now = clock.now.plus(Duration.ofMinutes(4));
        assertThat(signIn.signIn("c1", "4711".toCharArray()).clerk()).isEqualTo(ann);
    }

    @Test
    void aRightPinResetsTheCount() {
        assertThatThrownBy(() -> signIn.signIn("c1", "0000".toCharArray())).isInstanceOf(SignInRefusedException.class);
        assertThatThrownBy(() -> signIn.signIn("c1", "0000".toCharArray())).isInstanceOf(SignInRefusedException.class);
        signIn.signIn("c1", "4711".toCharArray());
        assertThatThrownBy(() -> signIn.signIn("c1", "0000".toCharArray())).hasMessageContaining("2 tries left");
    }

    @Test
    void unknownAndInactiveClerksAreRefusedClearly() {
        assertThatThrownBy(() -> signIn.signIn("nobody", "4711".toCharArray()))
                .hasMessage("This till does not know the clerk nobody");
        assertThatThrownBy(() -> signIn.signIn("c2", "0815".toCharArray()))
                .hasMessage("Bob is no longer a clerk of this store");
    }
}
