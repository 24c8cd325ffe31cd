package pos.core.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Issue 10: "a 4-digit supervisor PIN fell in 5 s", and a stored iteration count that costs a till minutes. */
@DisplayName("SEC-405 PIN hashes: supervisors need 6 digits, iteration counts are bounded (R18)")
class PinPolicySecTest {

    private static final String SALT = Base64.getEncoder().encodeToString(new byte[16]);
    private static final String HASH = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    @DisplayName("SEC-405 a 4-digit supervisor PIN is refused at creation with a sentence; a cashier's 4 digits are fine")
    void aShortSupervisorPinIsRefused() {
        assertThatThrownBy(() -> PinHash.requireValidFor(Role.SUPERVISOR, "4711".toCharArray()))
                .isInstanceOf(InvalidPinException.class)
                .hasMessage("a supervisor's PIN has at least 6 digits (a shorter one is guessed in seconds from a copied hash);"
                        + " choose a longer one");
        PinHash.requireValidFor(Role.SUPERVISOR, "471100".toCharArray());
        PinHash.requireValidFor(Role.CASHIER, "4711".toCharArray());
    }

    @Test
    @DisplayName("SEC-405 a clerk promoted to supervisor with a 4-digit PIN is refused, with a 6-digit one accepted")
    void promotionNeedsALongPin() {
        Clerk shortPin = new Clerk("c1", "Bob", Role.CASHIER, PinHash.of("1234".toCharArray(), 1_000), true);
        shortPin.requirePinFitsRole();
        assertThatThrownBy(() -> shortPin.withRole(Role.SUPERVISOR).requirePinFitsRole())
                .isInstanceOf(InvalidPinException.class)
                .hasMessage("clerk c1 (Bob) cannot be a supervisor with a PIN of fewer than 6 digits: give them a longer PIN first");
        Clerk longPin = new Clerk("c2", "Sue", Role.SUPERVISOR, PinHash.of("123456".toCharArray(), 1_000), true);
        longPin.requirePinFitsRole();
        // The mark survives storing and reading; it says nothing about the PIN but "6 or more".
        PinHash read = PinHash.parse(longPin.pin().encoded());
        assertThat(read.supervisorLength()).isTrue();
        assertThat(read.matches("123456".toCharArray())).isTrue();
        assertThat(PinHash.parse(shortPin.pin().encoded()).supervisorLength()).isFalse();
    }

    @Test
    @DisplayName("SEC-406 a stored hash asking for 2^31-1 iterations is refused at once, not computed")
    void aHugeIterationCountIsRefusedFast() {
        String hostile = "pbkdf2-sha256$" + Integer.MAX_VALUE + "$" + SALT + "$" + HASH;
        long started = System.nanoTime();
        assertThatThrownBy(() -> PinHash.parse(hostile))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("a pbkdf2-sha256 PIN hash must use 1000 to 2000000 iterations, not 2147483647; refused without"
                        + " computing it");
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("refused without running PBKDF2 (2^31-1 rounds would take hours)").isLessThan(200);
    }

    @ParameterizedTest(name = "{0} iterations: accepted {1}")
    @CsvSource(textBlock = """
            0,         false
            999,       false
            1000,      true
            310000,    true
            2000000,   true
            2000001,   false
            -5,        false
            """)
    @DisplayName("SEC-406 the iteration count of a stored hash is between the minimum and the bound")
    void iterationCountsAreBounded(int iterations, boolean accepted) {
        String encoded = "pbkdf2-sha256$" + iterations + "$" + SALT + "$" + HASH;
        if (accepted) {
            assertThat(PinHash.parse(encoded).iterations()).isEqualTo(iterations);
        } else {
            assertThatThrownBy(() -> PinHash.parse(encoded)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("refused without computing it");
        }
    }
}
