package pos.device.wedge;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import pos.device.wedge.WedgeDecision.KeyAction;
import pos.device.wedge.WedgeDecision.Rejection;

/**
 * Tells a keyboard-wedge scanner's burst of keystrokes from a person typing, by the time between
 * keys and the terminator that ends a scan. Pure logic: no JavaFX, time from an injected nanosecond
 * clock. Not thread-safe: confine an instance to one thread (the JavaFX thread in
 * {@link KeyboardWedgeScanner}).
 *
 * <p>Every character is held as the possible start or continuation of a burst. Held characters are
 * given back as typing as soon as they cannot be a scan: when the gap after the last one exceeds
 * {@link WedgeScannerSettings#maxInterKeyGap()} (the caller runs a timer to the
 * {@link #expiryDeadlineNanos() deadline} and calls {@link #expire()}, or the next key notices),
 * when a non-text key interrupts, when they do not match the configured prefix, or when a
 * terminator comes but the burst is too short or lacks the suffix. A terminator within the gap after
 * a long-enough burst completes a scan; the burst and the terminator are swallowed.
 *
 * <p>Which bursts are rejected rather than given back: a burst longer than any code is swallowed
 * and rejected as {@link RejectReason#TOO_LONG} (no person types that many characters at scanner
 * speed, and dumping them into a field helps nobody). When a prefix is configured, a burst that
 * carries it is taken to be the scanner's, so a missing suffix or a too-short code is rejected too.
 * Without a prefix such a burst is ambiguous and is given back as typing.
 *
 * <p>A stalled JavaFX thread delivers a person's queued keystrokes back to back, so they look like
 * a burst (DESIGN §7): timing alone cannot tell them from a scan. So the content decides too, given
 * the {@link FieldExpectation} of the control the keys land in ({@link #terminator(WedgeTerminator,
 * FieldExpectation)}): all digits of GTIN length with a wrong check digit are never a scan, and in a
 * field expecting an amount, a PIN, a card number or words only a code the store knows (valid GTIN,
 * voucher, wallet pay-code) is. A configured prefix or suffix settles it whatever the field. Bursts
 * longer than any code are still swallowed as {@link RejectReason#TOO_LONG} wherever they land (no
 * stall queues hundreds of keys).
 */
public final class WedgeBurstDetector {

    private final WedgeScannerSettings settings;
    private final LongSupplier nanoTime;
    private final long maxGapNanos;
    private final int longestBurst;

    private final StringBuilder held = new StringBuilder();
    private long lastKeyNanos;
    /** Characters seen so far in a burst that outgrew every code; 0 when not swallowing one. */
    private int overflowLength;

    /**
     * @param settings what counts as a scan
     * @param nanoTime a monotonic clock in nanoseconds, {@code System::nanoTime} outside tests
     */
    public WedgeBurstDetector(WedgeScannerSettings settings, LongSupplier nanoTime) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.maxGapNanos = settings.maxInterKeyGap().toNanos();
        this.longestBurst = settings.longestBurst();
    }

    public WedgeScannerSettings settings() {
        return settings;
    }

    /** A printable character was typed (a KEY_TYPED event's character). */
    public WedgeDecision character(char character) {
        long now = nanoTime.getAsLong();
        Outcome outcome = new Outcome();
        closeBurstIfGapExceeded(now, outcome);
        if (overflowLength > 0) {
            overflowLength++;
            lastKeyNanos = now;
            return outcome.key(KeyAction.CONSUME);
        }
        if (!continuesPrefix(character)) {
            release(outcome);
            if (!continuesPrefix(character)) {
                return outcome.key(KeyAction.PASS);
            }
        }
        held.append(character);
        lastKeyNanos = now;
        if (held.length() > longestBurst) {
            overflowLength = held.length();
            outcome.discarded = held.length() - 1;
            held.setLength(0);
            return outcome.key(KeyAction.CONSUME);
        }
        return outcome.key(KeyAction.HOLD);
    }

    /**
     * Enter or Tab was pressed, and where the keys land is not known: timing, lengths, prefix and
     * suffix alone decide, as they did before field expectations existed. A terminator that is not in
     * {@link WedgeScannerSettings#terminators()} is treated like any other non-text key.
     */
    public WedgeDecision terminator(WedgeTerminator terminator) {
        return decideTerminator(terminator, null);
    }

    /**
     * Enter or Tab was pressed while the focused control expects {@code expects}. Besides the timing,
     * the burst's content decides: a burst of 8, 12, 13 or 14 digits with a wrong GTIN check digit is
     * typing wherever it lands; in a field that expects anything but a code, a burst is a scan only
     * if it carries the configured prefix or suffix or is a code the store knows (a valid GTIN, a
     * voucher, a wallet pay-code). Typing is given back whole, in order, terminator included.
     */
    public WedgeDecision terminator(WedgeTerminator terminator, FieldExpectation expects) {
        return decideTerminator(terminator, Objects.requireNonNull(expects, "expects"));
    }

    private WedgeDecision decideTerminator(WedgeTerminator terminator, FieldExpectation expects) {
        Objects.requireNonNull(terminator, "terminator");
        if (!settings.terminators().contains(terminator)) {
            return interruption();
        }
        long now = nanoTime.getAsLong();
        Outcome outcome = new Outcome();
        closeBurstIfGapExceeded(now, outcome);
        if (overflowLength > 0) {
            outcome.rejection = new Rejection(RejectReason.TOO_LONG, overflowLength);
            overflowLength = 0;
            return outcome.key(KeyAction.CONSUME);
        }
        if (held.isEmpty()) {
            return outcome.key(KeyAction.PASS);
        }
        String burst = held.toString();
        String prefix = settings.prefix();
        String suffix = settings.suffix();
        if (!burst.startsWith(prefix)) {
            // only part of the prefix arrived
            release(outcome);
            return outcome.key(KeyAction.PASS);
        }
        String code = burst.substring(prefix.length());
        RejectReason problem = null;
        if (code.endsWith(suffix)) {
            code = code.substring(0, code.length() - suffix.length());
        } else {
            problem = RejectReason.MISSING_SUFFIX;
        }
        if (problem == null && code.length() < settings.minLength()) {
            problem = RejectReason.TOO_SHORT;
        } else if (problem == null && code.length() > settings.maxLength()) {
            problem = RejectReason.TOO_LONG;
        }
        if (problem == null && !canBeTheScannersCode(code, expects)) {
            release(outcome);
            return outcome.key(KeyAction.PASS);
        }
        if (problem == null) {
            discard(outcome);
            outcome.scannedCode = code;
            return outcome.key(KeyAction.CONSUME);
        }
        if (!prefix.isEmpty()) {
            discard(outcome);
            outcome.rejection = new Rejection(problem, burst.length());
            return outcome.key(KeyAction.CONSUME);
        }
        release(outcome);
        return outcome.key(KeyAction.PASS);
    }

    /**
     * A key that types nothing (Backspace, an arrow, Escape, a shortcut, a key held down so that it
     * repeats): scanners never send one inside a burst, so whatever is held is a person's typing.
     */
    public WedgeDecision interruption() {
        Outcome outcome = new Outcome();
        closeBurstNow(outcome);
        return outcome.key(KeyAction.PASS);
    }

    /**
     * The timer set to {@link #expiryDeadlineNanos()} went off. Releases the held characters as typing
     * if the gap really has passed; does nothing if called early.
     */
    public WedgeDecision expire() {
        Outcome outcome = new Outcome();
        closeBurstIfGapExceeded(nanoTime.getAsLong(), outcome);
        return outcome.key(KeyAction.NONE);
    }

    /** Gives back everything held now, whatever the time (for example when the scanner is uninstalled). */
    public WedgeDecision flush() {
        Outcome outcome = new Outcome();
        closeBurstNow(outcome);
        return outcome.key(KeyAction.NONE);
    }

    /**
     * When {@link #expire()} should be called if no key comes first: just after the longest allowed
     * gap since the last held character. Empty when nothing is held.
     */
    public OptionalLong expiryDeadlineNanos() {
        return isIdle() ? OptionalLong.empty() : OptionalLong.of(lastKeyNanos + maxGapNanos + 1);
    }

    /** True when no characters are held and no over-long burst is being swallowed. */
    public boolean isIdle() {
        return held.isEmpty() && overflowLength == 0;
    }

    /** How many characters are held right now. */
    public int heldCount() {
        return held.length();
    }

    /**
     * Whether a burst that timing, length, prefix and suffix allow can be a scan where it lands. A
     * configured prefix or suffix it carries settles it: only the scanner sends those.
     */
    private boolean canBeTheScannersCode(String code, FieldExpectation expects) {
        if (expects == null || !settings.prefix().isEmpty() || !settings.suffix().isEmpty()) {
            return true;
        }
        if (StoreCodes.isGtinWithWrongCheckDigit(code)) {
            return false;
        }
        return !expects.wantsTyping() || StoreCodes.isStoreCode(code);
    }

    private boolean continuesPrefix(char character) {
        String prefix = settings.prefix();
        int position = held.length();
        return position >= prefix.length() || prefix.charAt(position) == character;
    }

    private void closeBurstIfGapExceeded(long now, Outcome outcome) {
        // nanoTime values may wrap: compare differences, never absolute values
        if (!isIdle() && now - lastKeyNanos > maxGapNanos) {
            closeBurstNow(outcome);
        }
    }

    private void closeBurstNow(Outcome outcome) {
        if (overflowLength > 0) {
            outcome.rejection = new Rejection(RejectReason.TOO_LONG, overflowLength);
            overflowLength = 0;
        }
        release(outcome);
    }

    private void release(Outcome outcome) {
        outcome.released.append(held);
        held.setLength(0);
    }

    private void discard(Outcome outcome) {
        outcome.discarded += held.length();
        held.setLength(0);
    }

    /** Collects one decision while it is being made. */
    private static final class Outcome {
        final StringBuilder released = new StringBuilder();
        int discarded;
        String scannedCode;
        Rejection rejection;

        WedgeDecision key(KeyAction action) {
            return new WedgeDecision(released.toString(), discarded, action,
                    Optional.ofNullable(scannedCode), Optional.ofNullable(rejection));
        }
    }
}
