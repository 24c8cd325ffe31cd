package pos.core.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.RoundingMode;
import java.util.Currency;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    @DisplayName("issue 11 defect 13: amounts typed in a Chinese input method's full-width mode are read as digits")
    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(textBlock = """
            １００,        10000
            １２．５０,    1250
            '１２，５０',  1250
            12。50,        1250
            '１　０００',  100000
            ' 1 000 ',     100000
            2147483648,    214748364800
            999999999999.99, 99999999999999
            000000000000000000000000001, 100
            """)
    void readsFullWidthAndSpacedAmounts(String text, long minor) {
        assertThat(Money.parse(text, EUR).minorUnits()).isEqualTo(minor);
    }

    @Test
    @DisplayName("issue 11 defect 14: a 20-digit amount is too large, not 'not an amount'")
    void aLongNumberIsTooLargeAndAnythingElseLongIsNotANumber() {
        assertThatThrownBy(() -> Money.parse("9".repeat(100_000), EUR)).isInstanceOfSatisfying(MoneyFormatException.class, e -> {
            assertThat(e.reason()).isEqualTo(MoneyFormatException.Reason.TOO_LARGE);
            assertThat(e.getMessage().length()).isLessThan(120);
        });
        assertThatThrownBy(() -> Money.parse("１".repeat(40), EUR)).isInstanceOfSatisfying(MoneyFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(MoneyFormatException.Reason.TOO_LARGE));
        assertThatThrownBy(() -> Money.parse("9".repeat(40) + "x", EUR)).isInstanceOfSatisfying(MoneyFormatException.class,
                e -> assertThat(e.reason()).isEqualTo(MoneyFormatException.Reason.NOT_A_NUMBER));
        assertThatThrownBy(() -> Money.parse("9".repeat(20) + "." + "9".repeat(20), EUR)).isInstanceOfSatisfying(
                MoneyFormatException.class, e -> assertThat(e.reason()).isEqualTo(MoneyFormatException.Reason.TOO_LARGE));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            12.50, EUR, 1250
            12.5,  EUR, 1250
            12,    EUR, 1200
            0.01,  EUR, 1
            '1,99', EUR, 199
            .5,    EUR, 50
            1250,  JPY, 1250
            """)
    void parsesTypedAmountsInMajorUnits(String text, String currency, long minor) {
        assertThat(Money.parse(text, Currency.getInstance(currency)).minorUnits()).isEqualTo(minor);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            '',           EMPTY
            '   ',        EMPTY
            abc,          NOT_A_NUMBER
            -5,           NOT_A_NUMBER
            1e5,          NOT_A_NUMBER
            12.345,       TOO_MANY_DECIMALS
            '1.2.3',      NOT_A_NUMBER
            999999999999999999, TOO_LARGE
            ١٢,           NOT_A_NUMBER
            99999999999999999999, TOO_LARGE
            1000000000000, TOO_LARGE
            9223372036854775808, TOO_LARGE
            99999999999999999999999999999999999999.5, TOO_LARGE
            －５,         NOT_A_NUMBER
            ①,            NOT_A_NUMBER
            10²,          NOT_A_NUMBER
            '1 2 . 3 4 5', TOO_MANY_DECIMALS
            """)
    void refusesTextThatIsNotAnAmountWithAReason(String text, MoneyFormatException.Reason reason) {
        assertThatThrownBy(() -> Money.parse(text, EUR))
                .isInstanceOfSatisfying(MoneyFormatException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void trailingZerosBeyondTheCurrencyDigitsAreAccepted() {
        assertThat(Money.parse("3.500", EUR).minorUnits()).isEqualTo(350);
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # price/kg, grams, mode,      expected
              1999,     250,   HALF_UP,   500
              1999,     250,   DOWN,      499
              1999,     250,   HALF_EVEN, 500
              100,      5,     HALF_UP,   1
              100,      4,     HALF_UP,   0
              100,      5,     HALF_EVEN, 0
              349,      1000,  UNNECESSARY, 349
            """)
    void fractionalMultiplicationRoundsOnlyAsToldExplicitly(long perKg, long grams, RoundingMode mode, long expected) {
        assertThat(Money.ofMinor(perKg, EUR).times(grams, 1000, mode).minorUnits()).isEqualTo(expected);
    }

    @Test
    void differentCurrenciesDoNotMix() {
        assertThatThrownBy(() -> Money.ofMinor(1, EUR).plus(Money.ofMinor(1, JPY)))
                .isInstanceOf(CurrencyMismatchException.class).hasMessageContaining("EUR").hasMessageContaining("JPY");
    }

    @Test
    void overflowThrowsInsteadOfWrapping() {
        assertThatThrownBy(() -> Money.ofMinor(Long.MAX_VALUE, EUR).plus(Money.ofMinor(1, EUR)))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void additionIsAssociativeCommutativeAndInvertibleForRandomAmounts() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Money a = Money.ofMinor(random.nextInt(2_000_000) - 1_000_000, EUR);
            Money b = Money.ofMinor(random.nextInt(2_000_000) - 1_000_000, EUR);
            Money c = Money.ofMinor(random.nextInt(2_000_000) - 1_000_000, EUR);
            assertThat(a.plus(b)).isEqualTo(b.plus(a));
            assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
            assertThat(a.plus(b).minus(b)).isEqualTo(a);
            assertThat(a.times(3)).isEqualTo(a.plus(a).plus(a));
        }
    }

    @Test
    void fractionalMultiplicationIsWithinHalfAMinorUnitOfTheExactValueForRandomInputs() {
        Random random = new Random(7);
        for (int i = 0; i < 10_000; i++) {
            long price = random.nextInt(1_000_000);
            long grams = 1 + random.nextInt(99_999);
            long rounded = Money.ofMinor(price, EUR).times(grams, 1000, RoundingMode.HALF_UP).minorUnits();
            long exactTimesThousand = price * grams;
            assertThat(Math.abs(rounded * 1000 - exactTimesThousand)).isLessThanOrEqualTo(500);
        }
    }

    @Test
    void printsAPlainLocaleFreeFormForLogs() {
        assertThat(Money.ofMinor(1250, EUR)).hasToString("EUR 12.50");
        assertThat(Money.ofMinor(-5, EUR)).hasToString("EUR -0.05");
        assertThat(Money.ofMinor(1250, JPY)).hasToString("JPY 1250");
    }
}
