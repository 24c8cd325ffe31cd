package pos.app.people;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** The one sentence a people screen shows under its content, and whether it reports a problem. UI thread only. */
final class MessageLine {

    private final PeopleText words;
    private final StringProperty message = new SimpleStringProperty("");
    private final BooleanProperty isError = new SimpleBooleanProperty(false);

    MessageLine(PeopleText words) {
        this.words = words;
    }

    /** Shows the bundle's sentence {@code key} with {@code args}. */
    void say(boolean error, String key, Object... args) {
        show(error, words.format(key, args));
    }

    /** Shows a sentence already made (a scan failure, a domain refusal) as a problem. */
    void error(String sentence) {
        show(true, sentence);
    }

    void show(boolean error, String sentence) {
        isError.set(error);
        message.set(sentence);
    }

    ReadOnlyStringProperty messageProperty() {
        return message;
    }

    ReadOnlyBooleanProperty isErrorProperty() {
        return isError;
    }
}
