package pos.app.people;

import java.util.Arrays;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import pos.core.text.NumericText;

/**
 * A PIN being typed on a people screen: the digits in a char array that is wiped whenever it is replaced or
 * taken, shown only as dots. At most {@link #MAX} digits (a PIN is 4 to 12). UI thread only.
 */
final class PinEntry {

    /** The longest PIN a person may type. */
    static final int MAX = 12;

    private final StringProperty dots = new SimpleStringProperty("");
    private char[] pin = new char[0];

    /** Adds {@code digit} (ASCII or full-width, kept as ASCII); ignores anything else and digits past {@link #MAX}. */
    void add(char digit) {
        int value = NumericText.digitValue(digit);
        if (value < 0 || pin.length >= MAX) {
            return;
        }
        char[] longer = Arrays.copyOf(pin, pin.length + 1);
        longer[pin.length] = (char) ('0' + value);
        replace(longer);
    }

    void backspace() {
        if (pin.length > 0) {
            replace(Arrays.copyOf(pin, pin.length - 1));
        }
    }

    boolean isEmpty() {
        return pin.length == 0;
    }

    /** The digits typed, handed over (the caller wipes them); the entry is empty again. */
    char[] take() {
        char[] typed = pin;
        pin = new char[0];
        dots.set("");
        return typed;
    }

    /** Wipes and forgets what was typed. */
    void clear() {
        replace(new char[0]);
    }

    ReadOnlyStringProperty dotsProperty() {
        return dots;
    }

    private void replace(char[] next) {
        Arrays.fill(pin, '\0');
        pin = next;
        dots.set("•".repeat(pin.length));
    }
}
