package pos.hub.archive;

import java.util.List;
import org.jdbi.v3.core.Handle;
import pos.core.journal.TillRecord;

/**
 * The MariaDB table (or tables) of one kind of till record, beside the generic {@code till_records}
 * row every record gets: written in the archiver's transaction with idempotent upserts keyed by the
 * record's id, so a re-delivered entry changes nothing. Implementations are stateless and thread-safe;
 * register them in {@link RecordTables#ALL}.
 *
 * @param <T> the record type
 */
public interface RecordTable<T extends TillRecord> {

    /** The records this table holds. */
    Class<T> type();

    /** Upserts {@code records} (all of {@link #type()}, distinct ids) inside the caller's transaction. */
    void upsert(Handle handle, List<T> records);
}
