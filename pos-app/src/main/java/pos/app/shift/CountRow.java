package pos.app.shift;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One denomination in the drawer count: its value, its label and the typed count. UI thread only. */
public final class CountRow {

    private final long denominationMinor;
    private final String label;
    private final StringProperty count = new SimpleStringProperty("");

    CountRow(long denominationMinor, String label) {
        this.denominationMinor = denominationMinor;
        this.label = label;
    }

    public long denominationMinor() {
        return denominationMinor;
    }

    public String label() {
        return label;
    }

    /** The typed count; empty means none. */
    public StringProperty countProperty() {
        return count;
    }
}
