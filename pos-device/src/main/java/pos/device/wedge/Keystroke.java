package pos.device.wedge;

import java.util.ArrayList;
import java.util.List;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * One physical keystroke (its KEY_PRESSED, KEY_TYPED and KEY_RELEASED events) and what became of it.
 * Not thread-safe: used on the JavaFX thread only.
 */
final class Keystroke {

    enum Fate {
        /** A text key was pressed but its KEY_TYPED has not come: its events are kept back, the detector not told yet. */
        UNDECIDED,
        /** Kept back as a possible part of a scanner burst; its events so far are stored and consumed. */
        HELD,
        /** A person's keystroke: its remaining events go straight to the focused control. */
        DELIVERED,
        /** Part of a scan or of a rejected burst: its remaining events are consumed. */
        CONSUMED
    }

    /** The key's code, or null for a KEY_TYPED that came without a KEY_PRESSED we saw. */
    final KeyCode code;
    private final List<KeyEvent> storedEvents = new ArrayList<>(3);
    Fate fate;

    Keystroke(KeyCode code, Fate fate) {
        this.code = code;
        this.fate = fate;
    }

    /** Keeps an event back for a later replay and stops it from going any further now. */
    void store(KeyEvent event) {
        if (event != null) {
            storedEvents.add(event);
            event.consume();
        }
    }

    /** The stored events in the order they came; the keystroke forgets them. */
    List<KeyEvent> takeStoredEvents() {
        List<KeyEvent> taken = List.copyOf(storedEvents);
        storedEvents.clear();
        return taken;
    }

    void forgetStoredEvents() {
        storedEvents.clear();
    }
}
