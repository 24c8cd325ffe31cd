package pos.core.card;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The BIN table: the longest known prefix of the card number names the bank. */
class BankDirectoryTest {

    static final Bank NORDBANK = new Bank("NORDBANK", "Nordbank", List.of("411111"));
    static final Bank PRIVATE_LABEL = new Bank("PRIVATE", "Private label", List.of("41111122"));
    static final Bank VISA_ANY = new Bank("FOUR", "Any 4", List.of("4"));
    static final BankDirectory DIRECTORY = new BankDirectory(List.of(NORDBANK, PRIVATE_LABEL, VISA_ANY));

    @Test
    void theLongestKnownPrefixWins() {
        assertThat(DIRECTORY.issuerOf(CardNumber.typed("4111111111111111"))).contains(NORDBANK);
        assertThat(DIRECTORY.issuerOf(CardNumber.typed("4111112211111114"))).as("an 8-digit BIN inside a 6-digit one")
                .contains(PRIVATE_LABEL);
        assertThat(DIRECTORY.issuerOf(CardNumber.typed("4111121111111113"))).as("only the 1-digit prefix matches").contains(VISA_ANY);
        assertThat(DIRECTORY.issuerOf(CardNumber.typed("5555555555554444"))).isEmpty();
        assertThat(DIRECTORY.issuerOrNull(CardNumber.typed("5555555555554444"))).isNull();
    }

    @Test
    void worksWhileTheNumberIsStillBeingTyped() {
        assertThat(DIRECTORY.issuerOf(CardNumber.typed("4111"))).contains(VISA_ANY);
        assertThat(DIRECTORY.issuerOf(CardNumber.typed("411111"))).contains(NORDBANK);
        assertThat(DIRECTORY.issuerOf(CardNumber.typed("4111112"))).contains(NORDBANK);
        assertThat(DIRECTORY.issuerOf(CardNumber.typed(""))).isEmpty();
        assertThat(DIRECTORY.issuerOf(CardNumber.typed("41x1"))).as("not digits: nothing to look up").isEmpty();
    }
}
