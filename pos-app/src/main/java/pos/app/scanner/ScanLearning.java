package pos.app.scanner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import pos.device.wedge.WedgeTerminator;

/**
 * Works out from the keys a scanner sent for a known code what it adds around every code: the
 * characters before (prefix) and after (suffix), the key that ends it, and its pace. Pure logic, no
 * JavaFX; not thread-safe (one per set-up, on the UI thread).
 */
public final class ScanLearning {

    /** Slower than any scanner: a pause this long between two keys means a person typed them. */
    static final Duration SLOWEST_SCANNER_GAP = Duration.ofMillis(100);

    /** What came from the keyboard: a character, or a terminator key. */
    public record Key(char character, WedgeTerminator terminator, long atNanos) {
        static Key typed(char character, long atNanos) {
            return new Key(character, null, atNanos);
        }

        static Key ended(WedgeTerminator terminator, long atNanos) {
            return new Key('\0', Objects.requireNonNull(terminator, "terminator"), atNanos);
        }
    }

    /** The outcome of one scan of the set-up code. */
    public sealed interface Result {
        /** The code was found in what the scanner sent: this is what surrounds it. */
        record Learned(LearnedScanner scanner) implements Result { }

        /** The keys did not hold the code shown: another code, or a keyboard layout that differs. */
        record NotTheCode(String received) implements Result { }

        /** The code came, but no Enter or Tab after it. */
        record NoTerminator(String received) implements Result { }

        /** The keys came too slowly for a scanner. */
        record TooSlow(Duration longestGap) implements Result { }
    }

    private final String expected;
    private final List<Key> keys = new ArrayList<>();

    /** @param expected the code shown to be scanned */
    public ScanLearning(String expected) {
        if (expected == null || expected.isEmpty()) {
            throw new IllegalArgumentException("the code to scan must not be empty");
        }
        this.expected = expected;
    }

    public String expected() {
        return expected;
    }

    /** A printable character came. */
    public void typed(char character, long atNanos) {
        keys.add(Key.typed(character, atNanos));
    }

    /** Enter or Tab came. */
    public void ended(WedgeTerminator terminator, long atNanos) {
        keys.add(Key.ended(terminator, atNanos));
    }

    /** True once a terminator has come: the scan is complete. */
    public boolean hasEnded() {
        return keys.stream().anyMatch(key -> key.terminator() != null);
    }

    /** True if nothing has come yet. */
    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Forgets what came, for another scan. */
    public void clear() {
        keys.clear();
    }

    /** What the keys that came so far say; call after a terminator, or after a quiet spell without one. */
    public Result result() {
        StringBuilder received = new StringBuilder();
        WedgeTerminator terminator = null;
        int counted = 0;
        Duration longest = Duration.ZERO;
        List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            Key key = keys.get(i);
            if (i > 0) {
                long gap = key.atNanos() - keys.get(i - 1).atNanos();
                gaps.add(gap);
                longest = longest.compareTo(Duration.ofNanos(gap)) >= 0 ? longest : Duration.ofNanos(gap);
            }
            counted++;
            if (key.terminator() != null) {
                terminator = key.terminator();
                break;
            }
            received.append(key.character());
        }
        int at = received.indexOf(expected);
        if (at < 0) {
            return new Result.NotTheCode(received.toString());
        }
        if (terminator == null) {
            return new Result.NoTerminator(received.toString());
        }
        if (longest.compareTo(SLOWEST_SCANNER_GAP) > 0) {
            return new Result.TooSlow(longest);
        }
        gaps.sort(Long::compare);
        Duration typical = counted < 2 ? Duration.ZERO : Duration.ofNanos(gaps.get(gaps.size() / 2));
        return new Result.Learned(new LearnedScanner(received.substring(0, at), received.substring(at + expected.length()),
                terminator, typical, longest));
    }
}
