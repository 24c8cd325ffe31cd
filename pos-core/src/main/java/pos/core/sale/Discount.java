package pos.core.sale;

import java.math.RoundingMode;
import java.util.Objects;
import pos.core.money.Money;

/**
 * A discount with its reason: a percentage (in basis points, 1000 = 10 %) or an amount in minor
 * units. A discount never takes off more than the amount it is given on, so it never makes a line
 * or a sale negative. Immutable.
 *
 * @param kind   percent or amount
 * @param value  basis points (1 to 10000) for {@link Kind#PERCENT}, minor units (at least 1) for
 *               {@link Kind#AMOUNT}
 * @param reason why it was given, as the clerk picked or typed it; never blank
 */
public record Discount(Kind kind, long value, String reason) {

    /** A percentage of an amount is rounded once, half-up, to the minor unit. */
    public static final RoundingMode PERCENT_ROUNDING = RoundingMode.HALF_UP;

    /** How the discount's value is read. */
    public enum Kind {
        /** {@code value} is in basis points of the amount it is given on. */
        PERCENT,
        /** {@code value} is an amount in minor units. */
        AMOUNT
    }

    public Discount {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        if (reason.isBlank()) {
            throw new IllegalArgumentException("a discount needs a reason");
        }
        if (kind == Kind.PERCENT && (value < 1 || value > 10_000)) {
            throw new IllegalArgumentException("a percentage discount must be 0.01 % to 100 %, not " + value + " basis points");
        }
        if (kind == Kind.AMOUNT && (value < 1 || value > Sale.MAX_TOTAL_MINOR)) {
            throw new IllegalArgumentException("an amount discount must be 1 to " + Sale.MAX_TOTAL_MINOR + " minor units, not " + value);
        }
    }

    /** A percentage discount, {@code basisPoints} of 10000 (1000 = 10 %). */
    public static Discount percent(long basisPoints, String reason) {
        return new Discount(Kind.PERCENT, basisPoints, reason);
    }

    /** An amount off. */
    public static Discount amount(Money amount, String reason) {
        return new Discount(Kind.AMOUNT, amount.minorUnits(), reason);
    }

    /** An amount off, in minor units. */
    public static Discount amountMinor(long minor, String reason) {
        return new Discount(Kind.AMOUNT, minor, reason);
    }

    public boolean isPercent() {
        return kind == Kind.PERCENT;
    }

    /**
     * What this discount takes off {@code base}: for a percentage {@code base × value / 10000}
     * rounded half-up once; for an amount the amount, but never more than {@code base} (and nothing
     * off a base that is zero or less).
     */
    public Money off(Money base) {
        if (!base.isPositive()) {
            return Money.zero(base.currency());
        }
        if (kind == Kind.PERCENT) {
            return base.times(value, 10_000L, PERCENT_ROUNDING);
        }
        return value >= base.minorUnits() ? base : Money.ofMinor(value, base.currency());
    }
}
