package pos.sync.events;

import java.time.Instant;
import java.util.Objects;
import pos.core.events.ConversionReport;
import pos.core.events.ConversionReports;

/**
 * The R19 conversion report from the till's own journal file: the pages shown from {@code ui_events}
 * and the journaled sales of the same period, matched in {@link ConversionReport#of(Instant, Instant,
 * java.util.List, java.util.List)}. Thread-safe; does disk
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
        // each page showing is matched to the sale open at the time, so paid ≤ shown (issue 12 point 8)
        java.util.List<String> pages = new java.util.ArrayList<>();
        for (pos.core.sale.TenderType type : ConversionReport.REPORTED_TENDERS) {
            pos.core.events.PageIds.tenderPage(type).ifPresent(pages::add);
        }
        pages.add(pos.core.events.PageIds.QR_SHOWN);
        return ConversionReport.of(from, to, journal.pageEvents(from, to, pages), journal.salesClosed(from, to));
    }
}
