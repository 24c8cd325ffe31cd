package pos.core.sale;

import java.math.RoundingMode;
import pos.core.money.Money;

/**
 * A store setting: cash payments are rounded to a step of the smallest coin in use (5 = to 0.05,
 * 10 = to 0.10; 0 = off). Rounding is half-up: 10.02 → 10.00, 10.03 → 10.05, 10.025 cannot happen
 * (minor units are whole). It applies only when the whole remaining amount is paid in cash; the
 * sale records the difference ({@link SaleRecord#roundingMinor()}). Immutable.
 *
 * @param stepMinor the step in minor units; 0 turns rounding off
 */
public record CashRounding(int stepMinor) {

    /** No rounding. */
    public static final CashRounding OFF = new CashRounding(0);

    /** The rounding of an amount to the step. */
    public static final RoundingMode ROUNDING = RoundingMode.HALF_UP;

    public CashRounding {
        if (stepMinor < 0 || stepMinor > 100) {
            throw new IllegalArgumentException("cash rounding must be 0 (off) to 100 minor units, not " + stepMinor);
        }
    }

    public boolean isOff() {
        return stepMinor <= 1;
    }

    /**
     * What the customer pays in cash for {@code due}: {@code due} rounded half-up to the step. An
     * amount that would round to nothing, or that is not positive, is not rounded.
     */
    public Money round(Money due) {
        if (isOff() || !due.isPositive()) {
            return due;
        }
        Money rounded = due.times(1, stepMinor, ROUNDING).times(stepMinor);
        return rounded.isPositive() ? rounded : due;
    }

    /** The rounding amount for {@code due}: {@code round(due) − due} (negative when rounded down). */
    public Money adjustment(Money due) {
        return round(due).minus(due);
    }
}
