package pos.hub.archive;

import java.util.List;

/** The tables of their own that record kinds other than sales have (beside the generic {@code till_records}). */
final class RecordTables {

    /** One per record type that has a table of its own. Add yours here. */
    static final List<RecordTable<?>> ALL = List.of(
            new TillEventTable(),
            new ZReportTable(),
            new ReturnTable());

    private RecordTables() {
    }
}
