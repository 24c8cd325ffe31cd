package pos.app.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextField;
import javafx.scene.text.Text;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a control draws, as a clerk would read it off the screen: a label cut to "…" or a hint that runs past the end
 * of its field shows as cut. Read on the FX thread.
 */
public final class DrawnText {

    private DrawnText() {
    }

    /** The label as drawn (on one line or wrapped); differs from {@code getText()} where it is cut to an ellipsis. Call on the FX thread. */
    public static String drawn(Labeled labeled) {
        return texts(labeled).stream().map(Text::getText).findFirst().orElse("");
    }

    /**
     * The hint of the first {@code .entry-field} under {@code root} if the field draws it whole (its text no wider than
     * the room inside the field), else the hint marked " (cut)".
     */
    public static String entryHint(Parent root) throws Exception {
        return WaitForAsyncUtils.asyncFx(() -> {
            TextField field = (TextField) root.lookup(".entry-field");
            double room = field.getWidth() - field.snappedLeftInset() - field.snappedRightInset();
            Text hint = texts(field).stream().filter(t -> t.isVisible() && field.getPromptText().equals(t.getText()))
                    .findFirst().orElseThrow(() -> new AssertionError("no hint drawn in the entry field"));
            return hint.getText() + (hint.getLayoutBounds().getWidth() <= room ? "" : " (cut)");
        }).get(10, TimeUnit.SECONDS);
    }

    private static List<Text> texts(Parent parent) {
        List<Text> found = new ArrayList<>();
        for (Node child : parent.getChildrenUnmodifiable()) {
            if (child instanceof Text text) {
                found.add(text);
            } else if (child instanceof Parent inner) {
                found.addAll(texts(inner));
            }
        }
        return found;
    }
}
