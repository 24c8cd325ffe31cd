package pos.core.events;

import java.util.OptionalDouble;

/**
 * One conversion rate of R19 with the counts behind it: how often a page was shown and how many
 * payments followed. Immutable.
 *
 * <p>{@code paid} never exceeds {@code shown}, by definition: a paid sale counts only when it is matched to one
 * showing of the page of its own, during that sale, in the same period (see
 * {@link ConversionReport#of(java.time.Instant, java.time.Instant, java.util.List, java.util.List)}). Sales paid by the tender without
 * its page (the rest of a split payment taken elsewhere) are counted beside it, not in it. A "125 %" cannot happen.
 *
 * @param shown how many times the page was shown (tender opened, QR shown)
 * @param paid  how many of those showings were followed, in the same sale, by a payment with that tender
 */
public record Conversion(long shown, long paid) {

    public Conversion {
        if (shown < 0 || paid < 0) {
            throw new IllegalArgumentException("counts must not be negative: shown " + shown + ", paid " + paid);
        }
        if (paid > shown) {
            throw new IllegalArgumentException("a page shown " + shown + " times cannot convert " + paid + " times");
        }
    }

    /** paid ÷ shown; empty when the page was never shown (no rate, rather than 0 % or a division by zero). */
    public OptionalDouble ratio() {
        return shown == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) paid / shown);
    }

    /** The ratio in whole percent, rounded half up (7 of 10 → 70, 2 of 3 → 67); empty when never shown. */
    public OptionalDouble percent() {
        return shown == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.round(paid * 1000.0 / shown) / 10.0);
    }
}
