package pos.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("issue 11 defect 13: one normaliser reads a full-width input method's digits as digits")
class NumericTextTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            １００           | 100
            １２．５０       | 12.50
            １２，５０       | 12,50
            －５             | -5
            '１　０００'     | 1000
            '  12 50  '      | 1250
            12。50           | 12.50
            12｡50            | 12.50
            '1\u00A0000'     | 1000
            𝟏𝟐𝟑              | 123
            ①②③              | ①②③
            10²              | 10²
            ½                | ½
            Ⅻ                | Ⅻ
            ٤١١١             | ٤١١١
            १२३              | १२३
            ＡＢＣ           | ABC
            '1\u200B2'       | 1\u200B2
            """)
    void foldsCompatibilityFormsButNotOtherNumbersOrScripts(String typed, String read) {
        assertThat(NumericText.normalise(unescape(typed))).isEqualTo(unescape(read));
    }

    @Test
    void nullAndBlankAreEmpty() {
        assertThat(NumericText.normalise(null)).isEmpty();
        assertThat(NumericText.normalise(" \u3000\t\n")).isEmpty();
        assertThat(NumericText.fold(null)).isEmpty();
    }

    @Test
    void foldKeepsSpacesAndLeavesAsciiUntouched() {
        String ascii = "apple juice 1 L";
        assertThat(NumericText.fold(ascii)).isSameAs(ascii);
        assertThat(NumericText.fold("１\u3000２")).isEqualTo("1 2");
    }

    @Test
    void aPinDigitIsReadWithoutEverMakingAString() {
        for (char c = '0'; c <= '9'; c++) {
            assertThat(NumericText.digitValue(c)).isEqualTo(c - '0');
            assertThat(NumericText.digitValue((char) (c - '0' + '\uFF10'))).isEqualTo(c - '0');
        }
        for (char c : new char[] {'a', ' ', '٤', '①', '\u0000', '/', ':', '\uFF0F', '\uFF1A'}) {
            assertThat(NumericText.digitValue(c)).as("%04x", (int) c).isEqualTo(-1);
        }
        char[] typed = "１２3４x".toCharArray();
        assertThat(NumericText.asciiDigits(typed)).containsExactly('1', '2', '3', '4', 'x');
        assertThat(typed).as("the input is not changed").containsExactly("１２3４x".toCharArray());
    }

    @Test
    void everyBmpDecimalDigitThatNfkcFoldsToAsciiIsADigitValue() {
        // digitValue(char) and normalise(String) must agree: no PIN digit reads differently from an amount digit
        for (int c = 0; c <= 0xFFFF; c++) {
            if (Character.getType(c) != Character.DECIMAL_DIGIT_NUMBER || Character.isSurrogate((char) c)) {
                continue;
            }
            String folded = NumericText.normalise(String.valueOf((char) c));
            boolean foldsToAscii = folded.length() == 1 && folded.charAt(0) >= '0' && folded.charAt(0) <= '9';
            assertThat(NumericText.digitValue((char) c) >= 0).as("U+%04X", c).isEqualTo(foldsToAscii);
        }
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(textBlock = """
            7,       7
            007,     7
            １００,  100
            ' 12 ',  12
            100,     100
            0,       0
            """)
    void readsWholeNumbers(String typed, long value) {
        assertThat(NumericText.parseWholeNumber(typed, 100)).isEqualTo(value);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(textBlock = """
            '',                      EMPTY
            '　',                    EMPTY
            -1,                      NOT_A_NUMBER
            1.5,                     NOT_A_NUMBER
            abc,                     NOT_A_NUMBER
            ①,                       NOT_A_NUMBER
            101,                     TOO_LARGE
            99999999999999999999999, TOO_LARGE
            """)
    void refusesWholeNumbersWithAReason(String typed, NumericTextException.Reason reason) {
        assertThatThrownBy(() -> NumericText.parseWholeNumber(typed, 100))
                .isInstanceOfSatisfying(NumericTextException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    @Test
    void aHugePasteIsRefusedAsTooLargeAndItsMessageIsBounded() {
        assertThatThrownBy(() -> NumericText.parseWholeNumber("9".repeat(100_000), Long.MAX_VALUE))
                .isInstanceOfSatisfying(NumericTextException.class, e -> {
                    assertThat(e.reason()).isEqualTo(NumericTextException.Reason.TOO_LARGE);
                    assertThat(e.getMessage().length()).isLessThan(120);
                });
    }

    static String unescape(String s) {
        return s.replace("\\u00A0", "\u00A0").replace("\\u200B", "\u200B");
    }
}
