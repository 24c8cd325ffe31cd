package pos.core.report;

/**
 * A count and an amount in minor units: "3 voids, 4.50". Immutable.
 *
 * @param count       how many
 * @param amountMinor how much, in minor units of the report's currency
 */
public record Figure(long count, long amountMinor) {

    /** Nothing: 0 and 0. */
    public static final Figure NONE = new Figure(0, 0);

    /** This figure with one more of {@code amountMinor}. */
    public Figure plus(long amountMinor) {
        return new Figure(count + 1, this.amountMinor + amountMinor);
    }
}
