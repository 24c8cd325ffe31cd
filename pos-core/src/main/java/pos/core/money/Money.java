package pos.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units (cents, fen) of one currency. Immutable and thread-safe.
 *
 * <p>Money never passes through {@code double}. Every operation that can produce a fraction of a
 * minor unit takes an explicit {@link RoundingMode}; arithmetic that overflows a {@code long}
 * throws {@link ArithmeticException} rather than wrapping.
 */
public final class Money implements Comparable<Money> {

    private final long minorUnits;
    private final Currency currency;

    private Money(long minorUnits, Currency currency) {
        this.minorUnits = minorUnits;
        this.currency = Objects.requireNonNull(currency, "currency");
    }

    public static Money ofMinor(long minorUnits, Currency currency) {
        return new Money(minorUnits, currency);
    }

    public static Money ofMinor(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    /**
     * Parses a decimal amount typed by a person ("12.5", "12.50", "1250") in major units.
     *
     * @throws MoneyFormatException if the text is not a plain decimal number, is negative, or has
     *     more fraction digits than the currency allows
     */
    public static Money parse(String text, Currency currency) {
        if (text == null || text.isBlank()) {
            throw new MoneyFormatException(MoneyFormatException.Reason.EMPTY, String.valueOf(text));
        }
        String trimmed = text.strip();
        if (trimmed.length() > 18 || !trimmed.matches("[0-9]+([.,][0-9]*)?|[.,][0-9]+")) {
            throw new MoneyFormatException(MoneyFormatException.Reason.NOT_A_NUMBER, trimmed);
        }
        BigDecimal major = new BigDecimal(trimmed.replace(',', '.'));
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (major.scale() > digits && major.stripTrailingZeros().scale() > digits) {
            throw new MoneyFormatException(MoneyFormatException.Reason.TOO_MANY_DECIMALS, trimmed);
        }
        try {
            return new Money(major.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new MoneyFormatException(MoneyFormatException.Reason.TOO_LARGE, trimmed);
        }
    }

    public long minorUnits() {
        return minorUnits;
    }

    public Currency currency() {
        return currency;
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.subtractExact(minorUnits, other.minorUnits), currency);
    }

    public Money times(long factor) {
        return new Money(Math.multiplyExact(minorUnits, factor), currency);
    }

    /**
     * Multiplies by {@code numerator / denominator}, e.g. a price per kilogram times grams / 1000,
     * rounding the exact result to a whole minor unit with {@code rounding}.
     */
    public Money times(long numerator, long denominator, RoundingMode rounding) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        BigInteger exact = BigInteger.valueOf(minorUnits).multiply(BigInteger.valueOf(numerator));
        BigDecimal quotient = new BigDecimal(exact).divide(BigDecimal.valueOf(denominator), 0, rounding);
        return new Money(quotient.longValueExact(), currency);
    }

    public Money negate() {
        return new Money(Math.negateExact(minorUnits), currency);
    }

    public boolean isZero() {
        return minorUnits == 0;
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    public boolean isPositive() {
        return minorUnits > 0;
    }

    public boolean isLessThan(Money other) {
        return compareTo(other) < 0;
    }

    /** The amount in major units as an exact decimal, for display and for formats that need it. */
    public BigDecimal toMajor() {
        return BigDecimal.valueOf(minorUnits, Math.max(currency.getDefaultFractionDigits(), 0));
    }

    @Override
    public int compareTo(Money other) {
        requireSameCurrency(other);
        return Long.compare(minorUnits, other.minorUnits);
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new CurrencyMismatchException(currency, other.currency);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Money m && m.minorUnits == minorUnits && m.currency.equals(currency);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(minorUnits) * 31 + currency.hashCode();
    }

    /** A plain, locale-free form for logs: "EUR 12.50". Screens format with the clerk's locale. */
    @Override
    public String toString() {
        return currency.getCurrencyCode() + " " + toMajor().toPlainString();
    }
}
