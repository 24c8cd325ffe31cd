package pos.device.wedge;

import java.time.Clock;
import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import pos.core.device.ScanEvent;
import pos.core.device.Scanner;
import pos.device.wedge.WedgeDecision.Rejection;

/**
 * A USB barcode scanner in keyboard-wedge mode: it types each code as fast keystrokes followed by
 * Enter or Tab. Put it on every scene where scans should be taken with {@link #install(Scene)}; a
 * key event filter on the scene then tells the scanner's bursts from a person's typing
 * ({@link WedgeBurstDetector}), swallows the scanner's keystrokes whatever control has the focus
 * (so no digit ever lands in a text field and no Enter ever presses a button), and reports each
 * scan to the {@link #onScan listeners}. A person's keystrokes are kept back for at most
 * {@link WedgeScannerSettings#maxInterKeyGap()} (plus up to one frame) and then replayed, in order,
 * to the focused control.
 *
 * <p>Thread-safety: {@link #install}, {@link #uninstall} and the filter run on the JavaFX application
 * thread only, and listeners are called there, synchronously, while the terminator's key event is
 * handled (hand slow work off). Adding and removing listeners is thread-safe.
 *
 * <p>Caveats: the filter sees only the keys of the scene it is installed on, so install it on
 * dialogs that should take scans too. Event filters on the window, or added to the scene before
 * this one, see a person's keystrokes twice (once live, once replayed) and the scanner's once.
 */
public final class KeyboardWedgeScanner implements Scanner {

    public static final String DEFAULT_NAME = "Keyboard scanner";

    private static final Logger log = LoggerFactory.getLogger(KeyboardWedgeScanner.class);

    private final String name;
    /** Replaced only on the JavaFX thread ({@link #reconfigure}); volatile so {@link #settings()} reads the latest anywhere. */
    private volatile WedgeScannerSettings settings;
    private final Clock clock;
    private final List<ListenerEntry<ScanEvent>> scanListeners = new CopyOnWriteArrayList<>();
    private final List<ListenerEntry<RejectedScan>> rejectionListeners = new CopyOnWriteArrayList<>();
    /** The filter on each scene it is installed on; JavaFX thread only. */
    private final Map<Scene, WedgeKeyFilter> filters = new IdentityHashMap<>();

    /** A scanner named {@value #DEFAULT_NAME}, timestamping scans with the system clock. */
    public KeyboardWedgeScanner(WedgeScannerSettings settings) {
        this(DEFAULT_NAME, settings, Clock.systemUTC());
    }

    /**
     * @param name     shown in status displays and carried in each {@link ScanEvent#source()}
     * @param settings what counts as a scan
     * @param clock    stamps {@link ScanEvent#scannedAt()}; burst timing always uses {@link System#nanoTime()}
     */
    public KeyboardWedgeScanner(String name, WedgeScannerSettings settings, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String name() {
        return name;
    }

    public WedgeScannerSettings settings() {
        return settings;
    }

    @Override
    public Registration onScan(Consumer<ScanEvent> listener) {
        return register(scanListeners, listener);
    }

    /**
     * Registers a listener for scanner bursts that were swallowed without becoming a scan (too long,
     * missing suffix, ...), so the app can tell the clerk why nothing happened.
     */
    public Registration onRejected(Consumer<RejectedScan> listener) {
        return register(rejectionListeners, listener);
    }

    /**
     * Starts taking scans from the keys of {@code scene}. Installing on a scene it is already on does
     * nothing. JavaFX application thread only.
     */
    public void install(Scene scene) {
        Objects.requireNonNull(scene, "scene");
        requireFxThread("install");
        if (filters.containsKey(scene)) {
            return;
        }
        WedgeKeyFilter filter = new WedgeKeyFilter(scene, settings, System::nanoTime, this::publishScan, this::publishRejection);
        scene.addEventFilter(KeyEvent.ANY, filter);
        filters.put(scene, filter);
        log.debug("{} installed on {} (gap {} ms, length {}..{}, terminators {})", name, scene,
                settings.maxInterKeyGap().toMillis(), settings.minLength(), settings.maxLength(), settings.terminators());
    }

    /**
     * Stops taking scans from {@code scene}; keystrokes held at that moment are given back to the
     * focused control. Does nothing if not installed there. JavaFX application thread only.
     */
    public void uninstall(Scene scene) {
        Objects.requireNonNull(scene, "scene");
        requireFxThread("uninstall");
        WedgeKeyFilter filter = filters.remove(scene);
        if (filter != null) {
            scene.removeEventFilter(KeyEvent.ANY, filter);
            filter.shutdown();
            log.debug("{} uninstalled from {}", name, scene);
        }
    }

    /**
     * Takes scans with {@code newSettings} from now on (the scanner set-up learned a prefix, say), on
     * every scene it is installed on. Keystrokes held at that moment are given back to the focused
     * control first. JavaFX application thread only.
     */
    public void reconfigure(WedgeScannerSettings newSettings) {
        Objects.requireNonNull(newSettings, "newSettings");
        requireFxThread("reconfigure");
        List<Scene> scenes = List.copyOf(filters.keySet());
        for (Scene scene : scenes) {
            uninstall(scene);
        }
        settings = newSettings;
        for (Scene scene : scenes) {
            install(scene);
        }
        log.info("{} reconfigured (gap {} ms, prefix of {} characters, suffix of {}, terminators {})", name,
                newSettings.maxInterKeyGap().toMillis(), newSettings.prefix().length(), newSettings.suffix().length(),
                newSettings.terminators());
    }

    /** Uninstalls from every scene. JavaFX application thread only. */
    public void uninstall() {
        requireFxThread("uninstall");
        for (Scene scene : List.copyOf(filters.keySet())) {
            uninstall(scene);
        }
    }

    /** Whether the scanner is installed on {@code scene}. JavaFX application thread only. */
    public boolean isInstalled(Scene scene) {
        requireFxThread("isInstalled");
        return filters.containsKey(scene);
    }

    private void publishScan(String code) {
        ScanEvent scan = new ScanEvent(code, name, Instant.now(clock));
        // the code may be a voucher: log its length, not its content
        log.debug("{} scanned a code of {} characters", name, code.length());
        notifyAll(scanListeners, scan, "scan");
    }

    private void publishRejection(Rejection rejection) {
        RejectedScan rejected = new RejectedScan(rejection.reason(), rejection.length(), name, Instant.now(clock));
        log.warn("{} rejected a burst of {} characters: {}", name, rejection.length(), rejection.reason());
        notifyAll(rejectionListeners, rejected, "rejection");
    }

    private <T> void notifyAll(List<ListenerEntry<T>> listeners, T value, String what) {
        for (ListenerEntry<T> entry : listeners) {
            try {
                entry.listener.accept(value);
            } catch (RuntimeException e) {
                // one broken listener must not stop the others or break the key dispatch; this is where it ends
                // (the value is not logged: a scanned code may be a voucher)
                log.error("{} listener {} of {} failed", what, entry.listener, name, e);
            }
        }
    }

    private static <T> Registration register(List<ListenerEntry<T>> listeners, Consumer<T> listener) {
        ListenerEntry<T> entry = new ListenerEntry<>(Objects.requireNonNull(listener, "listener"));
        listeners.add(entry);
        return () -> listeners.remove(entry);
    }

    /** One registration; compared by identity, so registering a listener twice needs two closes. */
    private static final class ListenerEntry<T> {
        final Consumer<T> listener;

        ListenerEntry(Consumer<T> listener) {
            this.listener = listener;
        }
    }

    private static void requireFxThread(String what) {
        if (!Platform.isFxApplicationThread()) {
            throw new IllegalStateException(what + " must run on the JavaFX application thread, not on "
                    + Thread.currentThread().getName());
        }
    }
}
