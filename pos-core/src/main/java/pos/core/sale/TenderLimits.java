package pos.core.sale;

import java.util.Objects;
import pos.core.money.Money;

/**
 * A store setting: how much cash beyond the amount due is plausible. A customer pays with what is
 * in their wallet, so more than {@code notes} of the largest note beyond the due is far more
 * likely a slip of the clerk's finger ({@code 2147483648} typed for a 1.99 sale) than a real
 * tender: the till asks the clerk to confirm it. Immutable and thread-safe.
 *
 * <pre>{@code
 * TenderVerdict verdict = limits.check(sale.due(), Money.parse(typed, currency));
 * if (verdict instanceof TenderVerdict.Ok ok) {
 *     pay(ok.change());
 * } else if (verdict instanceof TenderVerdict.Confirm c) {
 *     askTheClerk(c.change());               // "Change €2,147,483,646.01: is that right?"
 * } else if (verdict instanceof TenderVerdict.Refuse r) {
 *     say("tender.cash.refused." + r.reason(), r.shortBy());
 * }
 * }</pre>
 *
 * @param largestNoteMinor the largest banknote of the till's currency, in minor units (500.00 EUR = 50000)
 * @param notes            how many of them a customer may plausibly hand over beyond the amount due
 */
public record TenderLimits(long largestNoteMinor, int notes) {

    /** The default: five 500.00 notes (50000 minor units each) in the till's currency. */
    public static final TenderLimits DEFAULT = new TenderLimits(50_000, 5);

    /** Bounds that keep the product far inside a {@code long}: a setting outside them is a typo. */
    public static final long MAX_NOTE_MINOR = 1_000_000_000_000L;
    public static final int MAX_NOTES = 1_000;

    public TenderLimits {
        if (largestNoteMinor < 1 || largestNoteMinor > MAX_NOTE_MINOR) {
            throw new IllegalArgumentException("the largest note must be 1 to " + MAX_NOTE_MINOR + " minor units, not "
                    + largestNoteMinor);
        }
        if (notes < 1 || notes > MAX_NOTES) {
            throw new IllegalArgumentException("the number of largest notes must be 1 to " + MAX_NOTES + ", not " + notes);
        }
    }

    /** The most change that needs no confirmation: {@code notes} × the largest note. */
    public long plausibleChangeMinor() {
        return largestNoteMinor * notes;
    }

    /**
     * Judges a cash tender for {@code due}: refused when it is not a positive amount of the same
     * currency or is less than due; to be confirmed by the clerk when the change would be more than
     * {@link #plausibleChangeMinor()}; otherwise fine, with the change.
     *
     * @throws IllegalArgumentException if {@code due} is not positive (there is nothing to pay: a
     *     caller's mistake, not the clerk's)
     */
    public TenderVerdict check(Money due, Money tendered) {
        Objects.requireNonNull(due, "due");
        Objects.requireNonNull(tendered, "tendered");
        if (!due.isPositive()) {
            throw new IllegalArgumentException("nothing is due: " + due);
        }
        if (!tendered.currency().equals(due.currency())) {
            return new TenderVerdict.Refuse(TenderVerdict.Reason.CURRENCY, Money.zero(due.currency()));
        }
        if (!tendered.isPositive()) {
            return new TenderVerdict.Refuse(TenderVerdict.Reason.NOT_POSITIVE, due);
        }
        if (tendered.isLessThan(due)) {
            return new TenderVerdict.Refuse(TenderVerdict.Reason.SHORT, due.minus(tendered));
        }
        Money change = tendered.minus(due); // both positive: cannot overflow
        Money plausible = Money.ofMinor(plausibleChangeMinor(), due.currency());
        return plausible.isLessThan(change) ? new TenderVerdict.Confirm(change, plausible) : new TenderVerdict.Ok(change);
    }
}
