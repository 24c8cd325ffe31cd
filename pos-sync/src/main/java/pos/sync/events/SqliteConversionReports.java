package pos.sync.events;

import java.time.Instant;
import java.util.Objects;
import pos.core.events.ConversionReport;
import pos.core.events.ConversionReports;

/**
 * The R19 conversion report from the till's own journal file: pages shown from {@code ui_events},
 * paid sales per tender type from the journaled sales of the same period. Thread-safe; does disk
 * reads, so call it off the UI thread.
 */
public final class SqliteConversionReports implements ConversionReports {

    private final SqliteUiEventJournal journal;

    public SqliteConversionReports(SqliteUiEventJournal journal) {
        this.journal = Objects.requireNonNull(journal, "journal");
    }

    /**
     * {@inheritDoc}
     *
     * @throws pos.sync.journal.JournalReadException if the journal cannot be read
     */
    @Override
    public ConversionReport between(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return ConversionReport.of(from, to, journal.pagesShown(from, to), journal.paidSales(from, to));
    }
}
