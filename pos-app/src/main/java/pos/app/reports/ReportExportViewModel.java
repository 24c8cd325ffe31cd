package pos.app.reports;

import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;

/**
 * The CSV export of the report shown (issue 12 point 8): writes it off the UI thread through {@link ReportExports}
 * and says where the file went, or why it could not be written. Not thread-safe: UI thread only.
 */
public final class ReportExportViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ReportExportViewModel.class);

    private final ReportExports exports;
    private final ResourceBundle text;
    private final TaskExecutor background;
    private final UiThread ui;
    private final StringProperty message = new SimpleStringProperty("");
    private final ObjectProperty<Path> lastFile = new SimpleObjectProperty<>();

    public ReportExportViewModel(ReportExports exports, ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.exports = Objects.requireNonNull(exports, "exports");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /** Exports {@code table} as {@code name}-stamp.csv; an empty table (nothing loaded yet) is not exported. */
    public void export(String name, ReportTable table) {
        if (table == null || table.header().isEmpty()) {
            message.set(text.getString("reports.export.nothing"));
            return;
        }
        message.set(text.getString("reports.export.writing"));
        background.execute(() -> {
            try {
                Path file = exports.write(name, table);
                LOG.info("report {} exported to {}", name, file);
                ui.execute(() -> {
                    lastFile.set(file);
                    message.set(MessageFormat.format(text.getString("reports.export.done"), file.toString()));
                });
            } catch (RuntimeException e) {
                LOG.error("Could not export the report {} into {}", name, exports.folder(), e);
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                ui.execute(() -> message.set(MessageFormat.format(text.getString("reports.export.failed"), reason)));
            }
        });
    }

    /** "Saved: /data/exports/takings-tenders-20261201-1530.csv", or why not; empty before an export. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    /** The file written last, or null. */
    public ReadOnlyObjectProperty<Path> lastFileProperty() {
        return lastFile;
    }
}
