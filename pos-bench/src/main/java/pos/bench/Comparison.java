package pos.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-round throughput of one of ours-vs-raw comparisons, measured in the same run (DESIGN §5:
 * ratios, not absolute figures). Immutable (the arrays are copied in and out).
 *
 * @param oursRounds  our side, per second, one figure per round
 * @param rawRounds   the raw engine, per second, one figure per round
 * @param rowsPerSale table rows written per sale (1 for the journal)
 */
public record Comparison(double[] oursRounds, double[] rawRounds, double rowsPerSale) {

    public Comparison {
        if (oursRounds.length == 0 || oursRounds.length != rawRounds.length) {
            throw new IllegalArgumentException("a comparison needs the same number (at least one) of rounds on each side: "
                    + oursRounds.length + " vs " + rawRounds.length);
        }
        oursRounds = oursRounds.clone();
        rawRounds = rawRounds.clone();
    }

    @Override
    public double[] oursRounds() {
        return oursRounds.clone();
    }

    @Override
    public double[] rawRounds() {
        return rawRounds.clone();
    }

    /** Median of our rounds. */
    public double ours() {
        return median(oursRounds);
    }

    /** Median of the raw rounds. */
    public double raw() {
        return median(rawRounds);
    }

    /** Median of the rounds' ratios ours / raw. */
    public double ratio() {
        return median(ratios());
    }

    /** "min .. max" of the rounds' ratios. */
    public String ratioRange() {
        double[] sorted = ratios();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.2f .. %.2f", sorted[0], sorted[sorted.length - 1]);
    }

    /** "min .. max" of our rounds. */
    public String oursRange() {
        return range(oursRounds);
    }

    /** "min .. max" of the raw rounds. */
    public String rawRange() {
        return range(rawRounds);
    }

    private double[] ratios() {
        double[] ratios = new double[oursRounds.length];
        for (int i = 0; i < ratios.length; i++) {
            ratios[i] = oursRounds[i] / rawRounds[i];
        }
        return ratios;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }

    private static String range(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return perSecond(sorted[0]) + " .. " + perSecond(sorted[sorted.length - 1]);
    }

    /** A rate as "12,345". */
    public static String perSecond(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }
}
