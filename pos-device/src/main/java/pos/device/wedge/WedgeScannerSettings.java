package pos.device.wedge;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a keyboard-wedge scanner is told from a person at the keyboard. Immutable.
 *
 * <p>A burst is a run of characters whose every gap is at most {@code maxInterKeyGap}; it is a scan
 * only if a terminator follows within that gap and, once the prefix and suffix are stripped, at
 * least {@code minLength} characters remain. Real scanners send a character every ~7–16 ms; people
 * rarely type two characters within 35 ms, and almost never four in a row followed by Enter.
 *
 * @param maxInterKeyGap the longest pause between two keystrokes of one burst (default 35 ms)
 * @param minLength      the fewest characters a code may have after stripping (default 4)
 * @param maxLength      the most characters a code may have after stripping (default 64); longer
 *                       bursts are swallowed and reported as {@link RejectReason#TOO_LONG}
 * @param prefix         characters the scanner sends before each code, stripped from it; empty for
 *                       none. When set, every scan must begin with it, which also lets the detector
 *                       hand a person's keystrokes back at once when they do not match it.
 * @param suffix         characters the scanner sends after each code (before the terminator),
 *                       stripped from it; empty for none
 * @param terminators    the keys that may end a scan (default Enter and Tab); at least one
 */
public record WedgeScannerSettings(
        Duration maxInterKeyGap,
        int minLength,
        int maxLength,
        String prefix,
        String suffix,
        Set<WedgeTerminator> terminators) {

    public static final Duration DEFAULT_MAX_INTER_KEY_GAP = Duration.ofMillis(35);
    public static final int DEFAULT_MIN_LENGTH = 4;
    public static final int DEFAULT_MAX_LENGTH = 64;

    /** Bounds the characters held in memory for one burst, whatever the configuration says. */
    public static final int LONGEST_ALLOWED_CODE = 4096;

    /** No sensible gap is longer: a person typing would wait this long for each character. */
    private static final Duration LONGEST_ALLOWED_GAP = Duration.ofSeconds(1);

    public WedgeScannerSettings {
        Objects.requireNonNull(maxInterKeyGap, "maxInterKeyGap");
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(suffix, "suffix");
        Objects.requireNonNull(terminators, "terminators");
        if (maxInterKeyGap.isNegative() || maxInterKeyGap.isZero() || maxInterKeyGap.compareTo(LONGEST_ALLOWED_GAP) > 0) {
            throw new IllegalArgumentException(
                    "maxInterKeyGap must be above 0 and at most " + LONGEST_ALLOWED_GAP.toMillis() + " ms, was " + maxInterKeyGap.toMillis() + " ms");
        }
        if (minLength < 1 || minLength > maxLength || maxLength > LONGEST_ALLOWED_CODE) {
            throw new IllegalArgumentException(
                    "need 1 <= minLength <= maxLength <= " + LONGEST_ALLOWED_CODE + ", was minLength " + minLength + ", maxLength " + maxLength);
        }
        requireTypeable("prefix", prefix);
        requireTypeable("suffix", suffix);
        if (terminators.isEmpty()) {
            throw new IllegalArgumentException("at least one terminator is needed: a burst without one is taken for typing");
        }
        terminators = Set.copyOf(terminators);
    }

    /** 35 ms, 4 to 64 characters, no prefix or suffix, ended by Enter or Tab. */
    public static WedgeScannerSettings defaults() {
        return new WedgeScannerSettings(DEFAULT_MAX_INTER_KEY_GAP, DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH, "", "",
                EnumSet.of(WedgeTerminator.ENTER, WedgeTerminator.TAB));
    }

    public WedgeScannerSettings withMaxInterKeyGap(Duration gap) {
        return new WedgeScannerSettings(gap, minLength, maxLength, prefix, suffix, terminators);
    }

    public WedgeScannerSettings withLengths(int min, int max) {
        return new WedgeScannerSettings(maxInterKeyGap, min, max, prefix, suffix, terminators);
    }

    public WedgeScannerSettings withPrefix(String newPrefix) {
        return new WedgeScannerSettings(maxInterKeyGap, minLength, maxLength, newPrefix, suffix, terminators);
    }

    public WedgeScannerSettings withSuffix(String newSuffix) {
        return new WedgeScannerSettings(maxInterKeyGap, minLength, maxLength, prefix, newSuffix, terminators);
    }

    public WedgeScannerSettings withTerminators(Set<WedgeTerminator> newTerminators) {
        return new WedgeScannerSettings(maxInterKeyGap, minLength, maxLength, prefix, suffix, newTerminators);
    }

    /** The most characters one burst may hold: prefix, longest code and suffix. */
    int longestBurst() {
        return prefix.length() + maxLength + suffix.length();
    }

    // Why: a keyboard delivers control characters as keys (Enter, Tab, ...), never as typed text,
    // so a prefix or suffix containing one could never match and every scan would fail.
    private static void requireTypeable(String what, String value) {
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException(
                        what + " must hold only printable characters, found U+%04X at index %d".formatted((int) value.charAt(i), i));
            }
        }
    }
}
