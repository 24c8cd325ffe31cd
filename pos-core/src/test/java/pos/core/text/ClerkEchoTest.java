package pos.core.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@DisplayName("issue 11 defect 14: what a scanner or a person produced is echoed without hidden characters or card numbers")
class ClerkEchoTest {

    @Test
    void plainTextIsEchoedAsItIs() {
        assertThat(ClerkEcho.safe("4006381333931")).isEqualTo("4006381333931");
        assertThat(ClerkEcho.safe("Whole milk 1 L")).isEqualTo("Whole milk 1 L");
        assertThat(ClerkEcho.safe("牛奶 1 升")).isEqualTo("牛奶 1 升");
        assertThat(ClerkEcho.safe(null)).isEmpty();
        assertThat(ClerkEcho.safe("")).isEmpty();
    }

    @Test
    void aRightToLeftOverrideCannotMakeAScanReadAsAnotherCode() {
        // U+202E shows "4006381333931" as "1393338314004": the clerk must see that something is hidden
        String shown = ClerkEcho.safe("\u202E4006381333931");
        assertThat(shown).isEqualTo(ClerkEcho.HIDDEN_MARK + "4006381333931");
        assertThat(shown.codePoints()).noneMatch(cp -> Character.getType(cp) == Character.FORMAT);
    }

    @ParameterizedTest(name = "U+{0}")
    @ValueSource(ints = {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200B, 0x200C, 0x200D,
            0x200E, 0x200F, 0x061C, 0xFEFF, 0x2060, 0x00AD, 0xE0041, 0x0000, 0x0007, 0x001B, 0x007F, 0x0085, 0xE000, 0xD800,
            0xDC00, 0x0378})
    void everyInvisibleCharacterIsMarked(int codePoint) {
        String shown = ClerkEcho.safe("12" + new String(Character.toChars(codePoint)) + "34");
        assertThat(shown).isEqualTo("12" + ClerkEcho.HIDDEN_MARK + "34");
    }

    @Test
    void aRunOfHiddenCharactersIsOneMarkAndSpacesCollapse() {
        assertThat(ClerkEcho.safe("a\u200B\u200B\u202E\u2066b")).isEqualTo("a" + ClerkEcho.HIDDEN_MARK + "b");
        assertThat(ClerkEcho.safe("a\t\n\r\u2028\u3000  b")).isEqualTo("a b");
        assertThat(ClerkEcho.safe("  a  ")).isEqualTo("a");
        assertThat(ClerkEcho.safe("\u202E".repeat(100_000) + "x")).isEqualTo(ClerkEcho.HIDDEN_MARK + "x");
    }

    @Test
    void aZalgoLineKeepsTwoMarksPerLetter() {
        assertThat(ClerkEcho.safe("e" + "\u0301".repeat(50) + "x")).isEqualTo("e\u0301\u0301x");
        assertThat(ClerkEcho.safe("é")).isEqualTo("é");
    }

    @Test
    void theLengthIsBoundedWithoutSplittingACharacter() {
        assertThat(ClerkEcho.safe("a".repeat(10_000))).isEqualTo("a".repeat(ClerkEcho.DEFAULT_MAX) + "…");
        String emoji = "😀".repeat(40);
        String shown = ClerkEcho.safe(emoji, 5);
        assertThat(shown).isEqualTo("😀".repeat(5) + "…");
        assertThat(ClerkEcho.safe("abc", 3)).isEqualTo("abc");
        assertThatThrownBy(() -> ClerkEcho.safe("abc", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(ClerkEcho.forLog("b".repeat(500)).length()).isLessThanOrEqualTo(41);
        assertThat(ClerkEcho.forLog(null)).isEqualTo("null");
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @ValueSource(strings = {"4111111111111111", "4111 1111 1111 1111", "4111-1111-1111-1111", "5555555555554444",
            "378282246310005", "6011111111111117", "6250941006528599", "４１１１１１１１１１１１１１１１",
            "4111\u200B1111\u200B1111\u200B1111", "\u202E4111111111111111", "4000000000000002"})
    void anythingThatLooksLikeACardNumberIsMaskedToItsLastFour(String typed) {
        String shown = ClerkEcho.safe("card " + typed + " refused", 60);
        String digits = typed.codePoints().filter(cp -> Character.digit(cp, 10) >= 0)
                .map(cp -> '0' + Character.digit(cp, 10))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        assertThat(shown).contains(ClerkEcho.CARD_MASK + digits.substring(digits.length() - 4)).endsWith(" refused");
        assertThat(shown.replaceAll("[^0-9]", "")).hasSizeLessThanOrEqualTo(4);
    }

    @Test
    void aCardNumberFollowedByMoreDigitsIsStillMasked() {
        assertThat(ClerkEcho.safe("4111 1111 1111 1111 2512")).isEqualTo("•••• 1111 2512");
        assertThat(ClerkEcho.safe(";4111111111111111=2512?")).isEqualTo(";•••• 1111=2512?");
        assertThat(ClerkEcho.safe("%B4111111111111111^DOE/JOHN^2512?")).startsWith("%B•••• 1111^DOE/JOHN");
    }

    @Test
    void aCardNumberStraddlingTheCutIsMaskedBeforeTheCut() {
        String shown = ClerkEcho.safe("x".repeat(28) + "4111111111111111", ClerkEcho.DEFAULT_MAX);
        assertThat(shown).startsWith("x".repeat(28) + "••••").doesNotContain("4111");
    }

    @Test
    void productCodesAmountsAndNonCardsAreNotMasked() {
        for (String text : List.of("4006381333931", "0036000291452", "96385074", "036000291452", "0000000000000000",
                "4444444444444444", "4111111111111112", "99999999999999999999", "2147483648", "134567890123459999",
                "12345678901")) {
            assertThat(ClerkEcho.safe(text)).as(text).isEqualTo(text);
        }
    }

    @Test
    void aMisreadEan13IsShownForTheClerkToScanAgainEvenWhenLuhnPasses() {
        assertThat(pos.core.card.CardNumber.looksLikeCard("4098369006028")).as("Luhn passes by chance").isTrue();
        assertThat(ClerkEcho.safe("Misread barcode 4098369006028")).isEqualTo("Misread barcode 4098369006028");
        assertThat(ClerkEcho.safe("4098 3690 0602 8")).as("typed in groups: a card").isEqualTo("•••• 6028");
    }

    @Test
    void maskCardNumbersKeepsEverythingElse() {
        assertThat(ClerkEcho.maskCardNumbers("pay 12.50 with 5555 5555 5555 4444 now")).isEqualTo("pay 12.50 with •••• 4444 now");
        assertThat(ClerkEcho.maskCardNumbers(null)).isEmpty();
    }
}
