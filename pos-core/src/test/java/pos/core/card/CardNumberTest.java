package pos.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CardNumberTest {

    @Test
    void aTestVisaNumberIsValidAndMaskedEverywhereItCouldLeak() {
        CardNumber card = CardNumber.typed("4111 1111 1111 1111");
        assertThat(card.isValid()).isTrue();
        assertThat(card.bin()).isEqualTo("411111");
        assertThat(card.lastFour()).isEqualTo("1111");
        assertThat(card.masked()).isEqualTo("411111******1111");
        assertThat(card.toString()).isEqualTo("411111******1111").doesNotContain("4111111111111111");
        assertThat(card.revealForGateway()).isEqualTo("4111111111111111");
    }

    @Test
    void eachProblemIsNamed() {
        assertThat(CardNumber.typed("").problem()).isEqualTo(CardNumber.Problem.EMPTY);
        assertThat(CardNumber.typed("   ").problem()).isEqualTo(CardNumber.Problem.EMPTY);
        assertThat(CardNumber.typed("4111a11111111111").problem()).isEqualTo(CardNumber.Problem.NOT_DIGITS);
        assertThat(CardNumber.typed("٤١١١١١١١١١١١١١١١").problem()).as("other scripts' digits").isEqualTo(CardNumber.Problem.NOT_DIGITS);
        assertThat(CardNumber.typed("4111\t1111\t1111\t1111").problem()).isEqualTo(CardNumber.Problem.NOT_DIGITS);
        assertThat(CardNumber.typed("41111111111").problem()).isEqualTo(CardNumber.Problem.TOO_SHORT);
        assertThat(CardNumber.typed("41111111111111111111").problem()).isEqualTo(CardNumber.Problem.TOO_LONG);
        assertThat(CardNumber.typed("9".repeat(10_000)).problem()).isEqualTo(CardNumber.Problem.TOO_LONG);
        assertThat(CardNumber.typed("4111111111111112").problem()).isEqualTo(CardNumber.Problem.CHECK_DIGIT);
        assertThatThrownBy(() -> CardNumber.typed("4111111111111112").revealForGateway())
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("4111111111111112");
    }

    @Test
    @DisplayName("issue 11 defect 13: full-width digits from a Chinese input method are the digits they look like")
    void fullWidthDigitsDashesAndSpacesAreRead() {
        CardNumber card = CardNumber.typed("４１１１－１１１１\u3000１１１１ １１１１");
        assertThat(card.isValid()).isTrue();
        assertThat(card.revealForGateway()).isEqualTo("4111111111111111");
        assertThat(card.masked()).isEqualTo("411111******1111");
    }

    @Test
    @DisplayName("issue 11 defect 14: an all-zero or issuer-less number is no card, although Luhn passes")
    void aNumberWithNoIssuerIsNoCard() {
        assertThat(CardNumber.luhnValid("0000000000000000")).isTrue();
        assertThat(CardNumber.typed("0000000000000000").problem()).isEqualTo(CardNumber.Problem.NO_ISSUER);
        assertThat(CardNumber.typed("0000 0000 0000 0000").problem()).isEqualTo(CardNumber.Problem.NO_ISSUER);
        assertThat(CardNumber.luhnValid("0411111111111111")).isFalse();
        assertThat(CardNumber.typed("0111111111111117").problem()).as("first digit 0").isEqualTo(CardNumber.Problem.NO_ISSUER);
        assertThat(CardNumber.typed("5555555555555555").problem()).as("one digit repeated").isEqualTo(CardNumber.Problem.NO_ISSUER);
        assertThat(CardNumber.hasIssuer("4111111111111111")).isTrue();
        assertThat(CardNumber.hasIssuer("")).isFalse();
        assertThat(CardNumber.looksLikeCard("0000000000000000")).isFalse();
        assertThat(CardNumber.looksLikeCard("4111111111111111")).isTrue();
        assertThat(CardNumber.looksLikeCard("4111111111111112")).isFalse();
        assertThat(CardNumber.looksLikeCard("411111111116")).as("12 digits: masking starts at 13").isFalse();
    }

    @Test
    @DisplayName("issue 11 defect 14: 23 digits are too long, never cut to 19 and called mistyped")
    void everyDigitIsCountedBeforeTheLengthIsJudged() {
        String twentyThree = "4111111111111111" + "1111111";
        assertThat(CardNumber.typed(twentyThree).problem()).isEqualTo(CardNumber.Problem.TOO_LONG);
        assertThat(CardNumber.typed(twentyThree.substring(0, 19)).problem()).isEqualTo(CardNumber.Problem.CHECK_DIGIT);
        assertThat(CardNumber.typed("4111 1111 1111 1111 1111 111").problem()).isEqualTo(CardNumber.Problem.TOO_LONG);
        assertThat(CardNumber.typed("４".repeat(23)).problem()).isEqualTo(CardNumber.Problem.TOO_LONG);
    }

    @Test
    void luhnAcceptsKnownTestNumbersAndRejectsEverySingleDigitChange() {
        for (String pan : List.of("4111111111111111", "5555555555554444", "378282246310005", "6011111111111117",
                "4000056655665556", "6250941006528599")) {
            assertThat(CardNumber.luhnValid(pan)).as(pan).isTrue();
            for (int i = 0; i < pan.length(); i++) {
                char original = pan.charAt(i);
                char changed = (char) ('0' + (original - '0' + 1) % 10);
                String altered = pan.substring(0, i) + changed + pan.substring(i + 1);
                assertThat(CardNumber.luhnValid(altered)).as(altered).isFalse();
            }
        }
    }

    @Test
    void theLongestKnownBinNamesTheBank() {
        BankDirectory banks = new BankDirectory(List.of(
                new Bank("WIDE", "Wide Bank", List.of("4")),
                new Bank("NARROW", "Narrow Bank", List.of("41111111"))));
        assertThat(banks.issuerOf(CardNumber.typed("4111111111111111")).map(Bank::code)).contains("NARROW");
        assertThat(banks.issuerOf(CardNumber.typed("4000056655665556")).map(Bank::code)).contains("WIDE");
        assertThat(banks.issuerOf(CardNumber.typed("5555555555554444"))).isEmpty();
        assertThatThrownBy(() -> new BankDirectory(List.of(new Bank("A", "A", List.of("12x")))))
                .hasMessageContaining("12x");
        assertThatThrownBy(() -> new BankDirectory(List.of(new Bank("A", "A", List.of("12")), new Bank("B", "B", List.of("12")))))
                .hasMessageContaining("BIN 12");
    }
}
