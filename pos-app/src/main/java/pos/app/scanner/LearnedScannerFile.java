package pos.app.scanner;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import pos.device.wedge.WedgeTerminator;

/**
 * What the scanner set-up learned, kept in {@code scanner.properties} in the data directory so it
 * survives a restart (as {@code camera.properties} keeps the chosen camera). Thread-safe (each call
 * reads or writes the whole file; a save goes to a temporary file, then replaces the old one).
 */
public final class LearnedScannerFile {

    public static final String FILE_NAME = "scanner.properties";
    private static final String PREFIX = "prefix";
    private static final String SUFFIX = "suffix";
    private static final String TERMINATOR = "terminator";
    private static final String TYPICAL_GAP = "typicalGapMs";
    private static final String LONGEST_GAP = "longestGapMs";

    private final Path file;

    public LearnedScannerFile(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
    }

    public Path file() {
        return file;
    }

    /**
     * What was learned, or empty if the scanner was never set up.
     *
     * @throws UncheckedIOException if the file cannot be read
     * @throws IllegalArgumentException if it holds something the set-up never writes, naming the entry
     */
    public Optional<LearnedScanner> saved() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the scanner set-up from " + file + ": " + e.getMessage(), e);
        }
        String terminator = properties.getProperty(TERMINATOR, "").strip().toUpperCase(Locale.ROOT);
        try {
            return Optional.of(new LearnedScanner(properties.getProperty(PREFIX, ""), properties.getProperty(SUFFIX, ""),
                    WedgeTerminator.valueOf(terminator), millis(properties, TYPICAL_GAP), millis(properties, LONGEST_GAP)));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + " is not a scanner set-up (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The scanner settings to start with: {@code configured} with what the set-up learned, if it ran.
     *
     * @throws pos.app.config.ConfigException if the file cannot be read or holds no set-up, naming it
     */
    public pos.device.wedge.WedgeScannerSettings appliedTo(pos.device.wedge.WedgeScannerSettings configured) {
        java.util.Optional<LearnedScanner> learned;
        try {
            learned = saved();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            throw new pos.app.config.ConfigException(e.getMessage() + ": delete it, or set the scanner up again with Ctrl+J", e);
        }
        try {
            return learned.map(scanner -> scanner.applyTo(configured)).orElse(configured);
        } catch (IllegalArgumentException e) {
            throw new pos.app.config.ConfigException("the scanner set-up in " + file + " cannot be used (" + e.getMessage()
                    + "): delete it, or set the scanner up again with Ctrl+J", e);
        }
    }

    /** Keeps what was learned (written to a temporary file, then moved over the old one). */
    public void save(LearnedScanner learned) {
        Properties properties = new Properties();
        properties.setProperty(PREFIX, learned.prefix());
        properties.setProperty(SUFFIX, learned.suffix());
        properties.setProperty(TERMINATOR, learned.terminator().name());
        properties.setProperty(TYPICAL_GAP, Long.toString(learned.typicalGap().toMillis()));
        properties.setProperty(LONGEST_GAP, Long.toString(learned.longestGap().toMillis()));
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        try (OutputStream out = Files.newOutputStream(temp)) {
            properties.store(out, "what the till's scanner set-up (Ctrl+J) learned about the barcode scanner");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the scanner set-up to " + temp + ": " + e.getMessage(), e);
        }
        try {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the scanner set-up to " + file + ": " + e.getMessage(), e);
        }
    }

    private static Duration millis(Properties properties, String key) {
        String value = properties.getProperty(key, "0").strip();
        try {
            return Duration.ofMillis(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " is not a number of milliseconds: '" + value + "'", e);
        }
    }
}
