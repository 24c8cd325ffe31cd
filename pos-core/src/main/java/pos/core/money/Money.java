package pos.core.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;
import pos.core.text.NumericText;

/**
 * An amount of money in integer minor units (cents, fen) of one currency. Immutable and thread-safe.
 *
 * <p>Money never passes through {@code double}. Every operation that can produce a fraction of a
 * minor unit takes an explicit {@link RoundingMode}; arithmetic that overflows a {@code long}
 * throws {@link ArithmeticException} rather than wrapping.
 */
public final class Money implements Comparable<Money> {

    private static final Pattern AMOUNT = Pattern.compile("[0-9]+([.,][0-9]*)?|[.,][0-9]+");

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
     * The most digits before the decimal point that {@link #parse} takes: 999,999,999,999 in major
     * units, far beyond any sale and far inside a {@code long} of minor units for every currency.
     */
    public static final int MAX_PARSED_WHOLE_DIGITS = 12;
    /** Typed text longer than this is judged without being read as a number (a paste, a stuck key). */
    private static final int MAX_PARSED_LENGTH = 32;

    /**
     * Parses a decimal amount typed by a person ("12.5", "12.50", "1250", "12,50") in major units.
     * Full-width digits, comma and period from a Chinese input method ({@code １２．５０}), the
     * ideographic full stop and spaces anywhere are read through {@link NumericText#normalise}.
     *
     * @throws MoneyFormatException if the text is empty, is not a plain decimal number (a sign,
     *     letters, two separators), has more fraction digits than the currency allows, or is too
     *     large (more than {@value #MAX_PARSED_WHOLE_DIGITS} whole digits): each with its reason
     */
    public static Money parse(String text, Currency currency) {
        if (text == null || text.isBlank()) {
            throw new MoneyFormatException(MoneyFormatException.Reason.EMPTY, String.valueOf(text));
        }
        String typed = NumericText.normalise(text);
        if (typed.isEmpty()) {
            throw new MoneyFormatException(MoneyFormatException.Reason.EMPTY, typed);
        }
        if (typed.length() > MAX_PARSED_LENGTH) {
            // a long run of digits is a number that is too large; anything else is not a number
            boolean numberShaped = typed.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.' || c == ',')
                    && typed.chars().filter(c -> c == '.' || c == ',').count() <= 1;
            throw new MoneyFormatException(numberShaped ? MoneyFormatException.Reason.TOO_LARGE
                    : MoneyFormatException.Reason.NOT_A_NUMBER, typed);
        }
        if (!AMOUNT.matcher(typed).matches()) {
            throw new MoneyFormatException(MoneyFormatException.Reason.NOT_A_NUMBER, typed);
        }
        String decimal = typed.replace(',', '.');
        BigDecimal major = new BigDecimal(decimal.startsWith(".") ? "0" + decimal : decimal);
        if (major.precision() - major.scale() > MAX_PARSED_WHOLE_DIGITS) {
            throw new MoneyFormatException(MoneyFormatException.Reason.TOO_LARGE, typed);
        }
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        if (major.scale() > digits && major.stripTrailingZeros().scale() > digits) {
            throw new MoneyFormatException(MoneyFormatException.Reason.TOO_MANY_DECIMALS, typed);
        }
        try {
            return new Money(major.movePointRight(digits).setScale(0, RoundingMode.UNNECESSARY).longValueExact(), currency);
        } catch (ArithmeticException e) {
            throw new MoneyFormatException(MoneyFormatException.Reason.TOO_LARGE, typed);
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
