package pos.app.scanner;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import pos.device.wedge.WedgeScannerSettings;
import pos.device.wedge.WedgeTerminator;

/**
 * What the scanner set-up learned about the store's barcode scanner. Immutable.
 *
 * @param prefix      characters it sends before each code ("" for none)
 * @param suffix      characters it sends after each code, before the terminator ("" for none)
 * @param terminator  the key it ends each code with
 * @param typicalGap  the median pause between two of its keys
 * @param longestGap  the longest pause between two of its keys
 */
public record LearnedScanner(String prefix, String suffix, WedgeTerminator terminator, Duration typicalGap,
                             Duration longestGap) {

    /** Room above the slowest pause seen, so a scanner on a busy USB hub still counts as one. */
    static final int GAP_HEADROOM = 2;

    public LearnedScanner {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(terminator, "terminator");
        Objects.requireNonNull(typicalGap, "typicalGap");
        Objects.requireNonNull(longestGap, "longestGap");
        if (typicalGap.isNegative() || longestGap.compareTo(typicalGap) < 0) {
            throw new IllegalArgumentException("need 0 <= typicalGap <= longestGap, was " + typicalGap.toMillis()
                    + " ms and " + longestGap.toMillis() + " ms");
        }
    }

    /** True if the scanner marks its codes, so no typing can ever be taken for a scan. */
    public boolean marksItsCodes() {
        return !prefix.isEmpty() || !suffix.isEmpty();
    }

    /**
     * The till's scanner settings with what was learned: the prefix and suffix (unless the
     * configuration names its own: it wins, as a camera named there wins over the chosen one), this
     * terminator only, and a gap no shorter than the configured one and with room above the slowest
     * pause seen.
     */
    public WedgeScannerSettings applyTo(WedgeScannerSettings configured) {
        WedgeScannerSettings settings = configured;
        if (configured.prefix().isEmpty() && configured.suffix().isEmpty()) {
            settings = settings.withPrefix(prefix).withSuffix(suffix);
        }
        Duration roomy = longestGap.multipliedBy(GAP_HEADROOM);
        if (roomy.compareTo(configured.maxInterKeyGap()) > 0) {
            settings = settings.withMaxInterKeyGap(roomy.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : roomy);
        }
        return settings.withTerminators(EnumSet.of(terminator));
    }
}
