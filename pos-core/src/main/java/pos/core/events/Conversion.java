package pos.core.events;

import java.util.OptionalDouble;

/**
 * One conversion rate of R19 with the counts behind it: how often a page was shown and how many
 * payments followed. Immutable.
 *
 * <p>{@code paid} may exceed {@code shown} (a pay-code scanned straight from the cart, a page
 * shown before the period began): the ratio is reported as it is, not capped, so that an
 * anomaly stays visible.
 *
 * @param shown how many times the page was shown (tender opened, QR shown)
 * @param paid  how many sales were paid by that tender in the same period
 */
public record Conversion(long shown, long paid) {

    public Conversion {
        if (shown < 0 || paid < 0) {
            throw new IllegalArgumentException("counts must not be negative: shown " + shown + ", paid " + paid);
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
