package pos.app.camera;

import java.text.MessageFormat;
import java.util.List;
import java.util.Objects;
import java.util.ResourceBundle;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.device.webcam.WebcamCameras;
import pos.device.webcam.WebcamScanner;
import pos.device.webcam.WebcamUnavailableException;

/**
 * The camera settings: which cameras are plugged in (listed off the UI thread: the driver may take
 * seconds), which one the till scans with, and using another one (the scanner restarts on it and
 * the choice is saved). No camera, or a driver that cannot load, is said plainly; the till goes on
 * with the barcode scanner. UI thread only.
 */
public final class CameraSettingsViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(CameraSettingsViewModel.class);

    private final WebcamCameras cameras;
    private final WebcamScanner scanner;
    private final CameraChoice choice;
    private final ResourceBundle text;
    private final TaskExecutor background;
    private final UiThread ui;
    private final ObservableList<String> names = FXCollections.observableArrayList();
    private final ObjectProperty<String> selected = new SimpleObjectProperty<>(this, "selected");
    private final SimpleStringProperty status = new SimpleStringProperty(this, "status", "");
    private final SimpleBooleanProperty busy = new SimpleBooleanProperty(this, "busy", false);
    private pos.core.device.Scanner.Registration reads;

    public CameraSettingsViewModel(WebcamCameras cameras, WebcamScanner scanner, CameraChoice choice, ResourceBundle text,
            TaskExecutor background, UiThread ui) {
        this.cameras = Objects.requireNonNull(cameras, "cameras");
        this.scanner = Objects.requireNonNull(scanner, "scanner");
        this.choice = Objects.requireNonNull(choice, "choice");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
    }

    /**
     * From now until {@link #close()}: each code the camera reads is said here (the sale does not get it while this
     * window is open: issue 11 defect 10), so the clerk sees the chosen camera read. Echoed safe and bounded.
     */
    public void showReads() {
        if (reads == null) {
            reads = scanner.onScan(scan -> ui.execute(() ->
                    status.set(format("camera.settings.readsPaused", pos.core.text.ClerkEcho.safe(scan.code())))));
        }
    }

    /** Stops showing the camera's reads (the window closed). */
    public void close() {
        if (reads != null) {
            reads.close();
            reads = null;
        }
    }

    /** Lists the cameras plugged in now, in the background. */
    public void refresh() {
        busy.set(true);
        status.set(format("camera.settings.looking"));
        background.execute(() -> {
            try {
                List<String> found = cameras.names();
                ui.execute(() -> listed(found));
            } catch (WebcamUnavailableException e) {
                LOG.warn("cannot list the cameras: {}", e.getMessage(), e);
                ui.execute(() -> failed(e.getMessage()));
            } catch (RuntimeException e) {
                LOG.error("listing the cameras failed", e);
                ui.execute(() -> failed(String.valueOf(e.getMessage())));
            }
        });
    }

    private void listed(List<String> found) {
        busy.set(false);
        names.setAll(found);
        String current = scanner.settings().camera();
        if (found.isEmpty()) {
            selected.set(null);
            status.set(format("camera.settings.none"));
            return;
        }
        selected.set(found.contains(current) ? current : found.get(0));
        status.set(format("camera.settings.found", found.size()));
    }

    private void failed(String reason) {
        busy.set(false);
        names.clear();
        selected.set(null);
        status.set(format("camera.settings.failed", reason));
    }

    /** Scans with the selected camera from now on, and remembers it. */
    public void use() {
        String camera = selected.get();
        if (camera == null) {
            status.set(format("camera.settings.pickOne"));
            return;
        }
        try {
            choice.save(camera);
        } catch (java.io.UncheckedIOException e) {
            LOG.error("cannot save the camera choice", e);
            status.set(format("camera.settings.notSaved", e.getMessage()));
        }
        scanner.useCamera(camera);
        scanner.start();
        status.set(format("camera.settings.using", camera));
    }

    private String format(String key, Object... args) {
        return new MessageFormat(text.getString(key), text.getLocale()).format(args);
    }

    public ObservableList<String> names() { return names; }
    public ObjectProperty<String> selectedProperty() { return selected; }
    public ReadOnlyStringProperty statusProperty() { return status; }
    public ReadOnlyBooleanProperty busyProperty() { return busy; }
    public WebcamScanner scanner() { return scanner; }
}
