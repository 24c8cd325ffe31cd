package pos.core.shift;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import pos.core.journal.TillRecord;

/**
 * The Z report that closes a shift (kind {@value #KIND}): made once, journaled, archived and printed, never changed
 * (issue 12, point 5). Its figures are {@link ShiftFigures#of} of the shift's records, the same computation as the X
 * report. Numbered per till without gaps ({@code zNumber} = the highest journaled number + 1). Its record id is the
 * shift's id, so a shift has at most one Z. A data contract; change it deliberately. Immutable.
 *
 * @param shiftId           the shift it closes (its record id)
 * @param tillId            the till
 * @param zNumber           1, 2, 3... per till, without gaps, never reused
 * @param openedAt          when the shift was opened
 * @param closedAt          when this Z was made
 * @param openedBy          the clerk who opened the shift; null without sign-in
 * @param closedBy          the clerk who closed it; null without sign-in
 * @param figures           the shift's figures (the float is {@code figures.floatMinor()})
 * @param countedCash       the counted notes and coins: denomination in minor units → how many
 * @param countedMinor      the counted total
 * @param varianceMinor     counted minus expected (negative: the drawer is short)
 * @param varianceReason    why, when the variance is not zero; null otherwise
 * @param handedOnPending   journaled records not yet handed on to the store when the Z was made (0: all were)
 */
public record ZReport(String shiftId, String tillId, long zNumber, Instant openedAt, Instant closedAt, String openedBy,
        String closedBy, ShiftFigures figures, Map<Long, Integer> countedCash, long countedMinor, long varianceMinor,
        String varianceReason, long handedOnPending) implements TillRecord {

    /** The journal and stream kind of Z reports. */
    public static final String KIND = "Z_REPORT";

    public ZReport {
        Objects.requireNonNull(shiftId, "shiftId");
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(openedAt, "openedAt");
        Objects.requireNonNull(closedAt, "closedAt");
        Objects.requireNonNull(figures, "figures");
        if (zNumber < 1) {
            throw new IllegalArgumentException("Z numbers start at 1, not " + zNumber);
        }
        countedCash = countedCash == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(countedCash));
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String recordId() {
        return shiftId;
    }

    @Override
    public Instant at() {
        return closedAt;
    }

    /** The float the shift opened with. */
    public long floatMinor() {
        return figures.floatMinor();
    }

    /** What the drawer should have held. */
    public long expectedMinor() {
        return figures.cashExpectedMinor();
    }
}
