package pos.core.sale;

import java.math.BigInteger;
import pos.core.money.Money;

/**
 * A store setting: the largest discount a cashier may give without a supervisor
 * ({@code pos.discount.cashierMaxPercent}, {@code pos.discount.cashierMaxMinor}). A discount that
 * takes off more than either needs a supervisor's approval
 * ({@link pos.core.people.GuardedAction#DISCOUNT}); a price override by a cashier always does.
 * A supervisor signed in needs no one else. Immutable.
 *
 * @param cashierMaxPercent the largest share of what it is given on, in whole percent (0 to 100)
 * @param cashierMaxMinor   the largest amount taken off, in minor units (0 or more)
 */
public record DiscountLimits(int cashierMaxPercent, long cashierMaxMinor) {

    /** The default: 10 % and 10.00 (1000 minor units). */
    public static final DiscountLimits DEFAULT = new DiscountLimits(10, 1000);

    public DiscountLimits {
        if (cashierMaxPercent < 0 || cashierMaxPercent > 100) {
            throw new IllegalArgumentException("the cashier's discount limit must be 0 to 100 %, not " + cashierMaxPercent);
        }
        if (cashierMaxMinor < 0 || cashierMaxMinor > Sale.MAX_TOTAL_MINOR) {
            throw new IllegalArgumentException("the cashier's discount limit must be 0 to " + Sale.MAX_TOTAL_MINOR
                    + " minor units, not " + cashierMaxMinor);
        }
    }

    /**
     * Whether a cashier needs a supervisor to give {@code discount} on {@code base}. A percentage is
     * judged by the percentage typed (10 % is within a 10 % limit even when its rounded amount is a
     * fraction of a cent more) and by its amount against {@link #cashierMaxMinor}; an amount as in
     * {@link #needsApproval(Money, Money)}.
     */
    public boolean needsApproval(Discount discount, Money base) {
        Money off = discount.off(base);
        if (discount.isPercent()) {
            return off.isPositive() && (discount.value() > cashierMaxPercent * 100L || off.minorUnits() > cashierMaxMinor);
        }
        return needsApproval(off, base);
    }

    /**
     * Whether a cashier needs a supervisor to take {@code off} off {@code base}: when {@code off} is
     * more than {@link #cashierMaxMinor} or more than {@link #cashierMaxPercent} % of {@code base}
     * (compared exactly, without rounding).
     */
    public boolean needsApproval(Money off, Money base) {
        if (!off.isPositive()) {
            return false;
        }
        if (off.minorUnits() > cashierMaxMinor) {
            return true;
        }
        // off / base > max / 100  ⇔  off × 100 > max × base
        return BigInteger.valueOf(off.minorUnits()).multiply(BigInteger.valueOf(100))
                .compareTo(BigInteger.valueOf(cashierMaxPercent).multiply(BigInteger.valueOf(Math.max(0, base.minorUnits())))) > 0;
    }
}
