package pos.app.shift;

/**
 * One line of an X or Z report on screen: what, and its value already written out. {@code heading} lines start a
 * section. Immutable.
 */
public record ReportLine(String label, String value, boolean heading) {

    static ReportLine of(String label, String value) {
        return new ReportLine(label, value, false);
    }

    static ReportLine heading(String label) {
        return new ReportLine(label, "", true);
    }
}
