package pos.core.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
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
        // full-width digits look like digits to a clerk but are not ASCII
        assertThat(CardNumber.typed("４１１１１１１１１１１１１１１１").problem()).isEqualTo(CardNumber.Problem.NOT_DIGITS);
        assertThat(CardNumber.typed("41111111111").problem()).isEqualTo(CardNumber.Problem.TOO_SHORT);
        assertThat(CardNumber.typed("41111111111111111111").problem()).isEqualTo(CardNumber.Problem.TOO_LONG);
        assertThat(CardNumber.typed("9".repeat(10_000)).problem()).isEqualTo(CardNumber.Problem.TOO_LONG);
        assertThat(CardNumber.typed("4111111111111112").problem()).isEqualTo(CardNumber.Problem.CHECK_DIGIT);
        assertThatThrownBy(() -> CardNumber.typed("4111111111111112").revealForGateway())
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("4111111111111112");
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
