package pos.app.people;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A PIN on a people screen: dots only, at most 12 digits, nothing but digits, handed over once. */
class PinEntryTest {

    @Test
    void showsDotsKeepsOnlyDigitsAndStopsAtTwelve() {
        PinEntry pin = new PinEntry();
        for (char c : "12a4 ٣5".toCharArray()) {
            pin.add(c);
        }
        assertThat(pin.dotsProperty().get()).isEqualTo("••••");
        for (int i = 0; i < 20; i++) {
            pin.add('9');
        }
        assertThat(pin.dotsProperty().get()).hasSize(PinEntry.MAX);
        pin.backspace();
        assertThat(pin.dotsProperty().get()).hasSize(PinEntry.MAX - 1);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("issue 11 defect 13: full-width digits from an input method are PIN digits, kept as ASCII")
    void fullWidthDigitsAreTheDigitsTheyLookLike() {
        PinEntry pin = new PinEntry();
        for (char c : "１２3４①".toCharArray()) {
            pin.add(c);
        }
        assertThat(new String(pin.take())).isEqualTo("1234");
    }

    @Test
    void takeHandsTheDigitsOverOnceAndClearLeavesNothing() {
        PinEntry pin = new PinEntry();
        "2468".chars().forEach(c -> pin.add((char) c));
        char[] typed = pin.take();
        assertThat(new String(typed)).isEqualTo("2468");
        assertThat(pin.isEmpty()).isTrue();
        assertThat(pin.dotsProperty().get()).isEmpty();
        assertThat(pin.take()).isEmpty();

        "1357".chars().forEach(c -> pin.add((char) c));
        pin.clear();
        assertThat(pin.isEmpty()).isTrue();
        assertThat(pin.dotsProperty().get()).isEmpty();
        pin.backspace(); // nothing to remove: no failure
        assertThat(pin.isEmpty()).isTrue();
    }
}
