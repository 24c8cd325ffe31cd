package pos.bench.limits;

import java.util.Locale;

/**
 * One row of the engine-limits table (issue 15): a measure of ours against its raw engine, taken in
 * the same run, with the goal it is held to. Immutable.
 *
 * @param measure   what was measured, e.g. "archiver sales/s ÷ raw JDBC batch of plain INSERTs"
 * @param value     the figure as a ratio or a time, whichever the goal is stated in (e.g. 0.82, or 0.64 for seconds)
 * @param range     the rounds' "min–max" of {@code value}, or "" for one round
 * @param unit      "×" when {@code value} is ours ÷ raw, "× slower" when it is ours' time ÷ raw time, "s" for seconds
 * @param goal      the goal as written, e.g. "≥ 0.7"
 * @param met       whether the median meets the goal
 * @param detail    the absolute figures behind it and anything the reader must know (accuracy, codes read), one line
 */
public record LimitRow(String measure, double value, String range, String unit, String goal, boolean met, String detail) {

    public LimitRow {
        if (measure == null || measure.isBlank() || goal == null || goal.isBlank()) {
            throw new IllegalArgumentException("a limit row needs a measure and a goal");
        }
        range = range == null ? "" : range;
        unit = unit == null ? "" : unit;
        detail = detail == null ? "" : detail;
    }

    /** A row whose goal is "at least {@code goal}" of the raw engine (throughput ratios). */
    public static LimitRow atLeast(String measure, double ratio, String range, double goal, String detail) {
        return new LimitRow(measure, ratio, range, "×", String.format(Locale.ROOT, "≥ %.1f", goal), ratio >= goal, detail);
    }

    /** A row whose goal is "at most {@code goal}" (times slower than hand-coded, or seconds). */
    public static LimitRow atMost(String measure, double value, String range, String unit, double goal, String detail) {
        return new LimitRow(measure, value, range, unit, String.format(Locale.ROOT, "≤ %s%s", trim(goal), unit.equals("s") ? " s" : "×"),
                value <= goal, detail);
    }

    private static String trim(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    /** The row as one line of the table: measure, value, range, goal, met. */
    public String line() {
        String number = String.format(Locale.ROOT, value != 0 && Math.abs(value) < 0.1 ? "%.3f" : "%.2f", value);
        String shown = unit.equals("s") ? number + " s" : number + (unit.equals("×") ? "" : " " + unit);
        return String.format(Locale.ROOT, "%-66s %12s %-14s %-8s %s", measure, shown, range.isEmpty() ? "" : "(" + range + ")", goal,
                met ? "met" : "NOT MET");
    }
}
