package pos.app.config;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * {@code pos.face} and {@code pos.face.pinAbove} (issue 16, R18): whether the till recognises clerks and members by
 * the webcam, and the amount above which a supervisor's face approves only with their PIN as well (a photo of the
 * supervisor could be held up to the camera; face recognition has no liveness check). Immutable.
 *
 * @param on       {@code pos.face=on}; off by default
 * @param pinAbove the amount in the store currency's major units ({@code 50.00}); 0: a face always needs the PIN too
 */
public record FaceSetting(boolean on, BigDecimal pinAbove) {

    /** {@code pos.face.pinAbove}'s default, in major units. */
    public static final BigDecimal DEFAULT_PIN_ABOVE = new BigDecimal("50.00");
    /** Off, 50.00. */
    public static final FaceSetting OFF = new FaceSetting(false, DEFAULT_PIN_ABOVE);

    public FaceSetting {
        Objects.requireNonNull(pinAbove, "pinAbove");
        if (pinAbove.signum() < 0) {
            throw new IllegalArgumentException("pinAbove below 0: " + pinAbove);
        }
    }

    /**
     * The amount in {@code currency}'s minor units (50.00 EUR is 5000); digits finer than the currency has are dropped,
     * so the PIN is asked for rather sooner than later.
     */
    public long pinAboveMinor(Currency currency) {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return pinAbove.setScale(digits, RoundingMode.DOWN).movePointRight(digits).longValueExact();
    }

    @Override
    public String toString() {
        return (on ? "on" : "off") + " (PIN above " + pinAbove.toPlainString() + ")";
    }
}
