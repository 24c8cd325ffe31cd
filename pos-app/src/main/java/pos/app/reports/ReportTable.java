package pos.app.reports;

import java.util.List;
import java.util.Objects;

/**
 * A report as a table: what the screen shows ({@code cells}, money formatted for the clerk) and what the CSV export
 * writes ({@code csv}, plain numbers), row for row under the same header. Immutable.
 *
 * @param header column names in the till's language
 * @param cells  the rows as shown
 * @param csv    the rows as exported: counts as integers, amounts as plain decimals ("12.40"), no currency sign
 */
public record ReportTable(List<String> header, List<List<String>> cells, List<List<String>> csv) {

    /** No report yet. */
    public static final ReportTable EMPTY = new ReportTable(List.of(), List.of(), List.of());

    public ReportTable {
        header = List.copyOf(header);
        cells = cells.stream().map(List::copyOf).toList();
        csv = csv.stream().map(List::copyOf).toList();
        if (cells.size() != csv.size()) {
            throw new IllegalArgumentException("shown rows " + cells.size() + " and exported rows " + csv.size() + " differ");
        }
        Objects.requireNonNull(header, "header");
    }
}
