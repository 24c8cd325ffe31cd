package pos.app.scanner;

import java.text.MessageFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.device.wedge.WedgeScannerSettings;
import pos.device.wedge.WedgeTerminator;

/**
 * The scanner set-up: shows a code to scan, records the keys the scanner sends for it with their
 * timing, says what it learned ({@link ScanLearning}) and, when the clerk keeps it, saves it to
 * {@code scanner.properties} (off the UI thread) and hands the till's scanner its new settings.
 * UI thread only.
 */
public final class ScannerSetupViewModel {

    private static final Logger LOG = LoggerFactory.getLogger(ScannerSetupViewModel.class);
    /** Longest part of a wrong read shown back: enough to see a keyboard-layout mix-up. */
    private static final int SHOWN_READ_LENGTH = 40;

    private final ScanLearning learning;
    private final WedgeScannerSettings configured;
    private final Consumer<WedgeScannerSettings> useSettings;
    private final LearnedScannerFile file;
    private final ResourceBundle text;
    private final TaskExecutor background;
    private final UiThread ui;

    private final SimpleStringProperty status = new SimpleStringProperty(this, "status", "");
    private final SimpleBooleanProperty problem = new SimpleBooleanProperty(this, "problem", false);
    private final SimpleStringProperty learnedText = new SimpleStringProperty(this, "learnedText", "");
    private final SimpleStringProperty advice = new SimpleStringProperty(this, "advice", "");
    private final SimpleBooleanProperty canSave = new SimpleBooleanProperty(this, "canSave", false);
    private LearnedScanner learned;

    /**
     * @param code        the code shown to be scanned (letters and digits: a keyboard-layout mix-up shows)
     * @param configured  the scanner settings from the till's configuration, before any set-up
     * @param useSettings gives the till's scanner the settings with what was learned (UI thread)
     */
    public ScannerSetupViewModel(String code, WedgeScannerSettings configured, Consumer<WedgeScannerSettings> useSettings,
            LearnedScannerFile file, ResourceBundle text, TaskExecutor background, UiThread ui) {
        this.learning = new ScanLearning(code);
        this.configured = Objects.requireNonNull(configured, "configured");
        this.useSettings = Objects.requireNonNull(useSettings, "useSettings");
        this.file = Objects.requireNonNull(file, "file");
        this.text = Objects.requireNonNull(text, "text");
        this.background = Objects.requireNonNull(background, "background");
        this.ui = Objects.requireNonNull(ui, "ui");
        status.set(format("scanner.setup.waiting"));
    }

    /**
     * A fresh code for the set-up to show: letters, a hyphen and digits, so a scanner whose keyboard
     * language differs from the till's shows it; never a product's, a voucher's or a pay-code's shape.
     */
    public static String newCode() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        return "SETUP-" + (char) ('A' + random.nextInt(26)) + (char) ('A' + random.nextInt(26))
                + String.format("%04d", random.nextInt(10_000));
    }

    /** The code to show as a barcode. */
    public String code() {
        return learning.expected();
    }

    /** A printable character came from the keyboard at {@code atNanos} ({@link System#nanoTime()}). */
    public void typed(char character, long atNanos) {
        startOverIfDone();
        learning.typed(character, atNanos);
        status.set(format("scanner.setup.reading"));
        problem.set(false);
    }

    /** Enter or Tab came: the scan is complete. */
    public void ended(WedgeTerminator terminator, long atNanos) {
        if (learning.isEmpty()) {
            return; // an Enter on its own is nobody's scan
        }
        startOverIfDone();
        learning.ended(terminator, atNanos);
        judge();
    }

    /** No key came for a while after some did: a scanner that sends no Enter or Tab has finished. */
    public void quiet() {
        if (!learning.isEmpty() && !learning.hasEnded()) {
            judge();
            learning.clear();
        }
    }

    /** Forgets what was read and waits for another scan. */
    public void scanAgain() {
        learning.clear();
        learned = null;
        canSave.set(false);
        learnedText.set("");
        advice.set("");
        problem.set(false);
        status.set(format("scanner.setup.waiting"));
    }

    /** Keeps what was learned: the scanner uses it at once, and the file keeps it for the next start. */
    public void save() {
        if (learned == null) {
            problem.set(true);
            status.set(format("scanner.setup.nothingToSave"));
            return;
        }
        LearnedScanner keeping = learned;
        WedgeScannerSettings settings;
        try {
            settings = keeping.applyTo(configured);
        } catch (IllegalArgumentException e) {
            // a prefix the settings refuse (a character no keyboard types): say so, keep nothing
            LOG.warn("the learned scanner set-up cannot be used: {}", e.getMessage(), e);
            problem.set(true);
            status.set(format("scanner.setup.unusable", e.getMessage()));
            return;
        }
        useSettings.accept(settings);
        canSave.set(false);
        status.set(format("scanner.setup.saving"));
        background.execute(() -> {
            try {
                file.save(keeping);
                ui.execute(() -> status.set(format("scanner.setup.saved")));
            } catch (RuntimeException e) {
                LOG.error("cannot save the scanner set-up to {}", file.file(), e);
                ui.execute(() -> {
                    problem.set(true);
                    status.set(format("scanner.setup.notSaved", e.getMessage()));
                });
            }
        });
    }

    /** What was learned and not yet saved or replaced, if anything. */
    public Optional<LearnedScanner> learned() {
        return Optional.ofNullable(learned);
    }

    private void startOverIfDone() {
        if (learning.hasEnded()) {
            learning.clear();
        }
    }

    private void judge() {
        ScanLearning.Result result = learning.result();
        learned = null;
        canSave.set(false);
        learnedText.set("");
        advice.set("");
        problem.set(true);
        if (result instanceof ScanLearning.Result.Learned ok) {
            show(ok.scanner());
        } else if (result instanceof ScanLearning.Result.NotTheCode wrong) {
            status.set(format("scanner.setup.notTheCode", shown(wrong.received())));
        } else if (result instanceof ScanLearning.Result.NoTerminator) {
            status.set(format("scanner.setup.noTerminator"));
        } else if (result instanceof ScanLearning.Result.TooSlow slow) {
            status.set(format("scanner.setup.tooSlow", slow.longestGap().toMillis()));
        }
    }

    private void show(LearnedScanner scanner) {
        learned = scanner;
        problem.set(false);
        canSave.set(true);
        status.set(format("scanner.setup.learned"));
        String none = format("scanner.setup.none");
        learnedText.set(String.join("\n",
                format("scanner.setup.prefix", scanner.prefix().isEmpty() ? none : quoted(scanner.prefix())),
                format("scanner.setup.suffix", scanner.suffix().isEmpty() ? none : quoted(scanner.suffix())),
                format("scanner.setup.ends", format("scanner.setup.terminator." + scanner.terminator().name())),
                format("scanner.setup.pace", scanner.typicalGap().toMillis(), scanner.longestGap().toMillis())));
        advice.set(format(scanner.marksItsCodes() ? "scanner.setup.advice.marked" : "scanner.setup.advice.unmarked"));
    }

    private static String quoted(String characters) {
        return "\u201c" + visible(characters) + "\u201d";
    }

    /** A read shown back, cut to a length, with invisible and direction-changing characters written as code points. */
    private static String shown(String received) {
        String cut = received.length() > SHOWN_READ_LENGTH ? received.substring(0, SHOWN_READ_LENGTH) + "\u2026" : received;
        return quoted(cut);
    }

    private static String visible(String characters) {
        StringBuilder out = new StringBuilder();
        characters.codePoints().forEach(c -> {
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.UNASSIGNED
                    || type == Character.PRIVATE_USE || type == Character.SURROGATE) {
                out.append(String.format("<U+%04X>", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private String format(String key, Object... args) {
        return new MessageFormat(text.getString(key), text.getLocale()).format(args);
    }

    public ReadOnlyStringProperty statusProperty() { return status; }
    public ReadOnlyBooleanProperty problemProperty() { return problem; }
    public ReadOnlyStringProperty learnedTextProperty() { return learnedText; }
    public ReadOnlyStringProperty adviceProperty() { return advice; }
    public ReadOnlyBooleanProperty canSaveProperty() { return canSave; }
}
