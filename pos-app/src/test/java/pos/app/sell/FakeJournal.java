package pos.app.sell;

import java.util.ArrayList;
import java.util.List;
import pos.core.journal.JournalWriteException;
import pos.core.journal.SaleJournal;
import pos.core.sale.SaleRecord;

/** A hand-written fake of the journal port, to drive the view model; can be told to fail. */
final class FakeJournal implements SaleJournal {
    final List<SaleRecord> records = new ArrayList<>();
    int failuresToCome;

    @Override
    public boolean append(SaleRecord sale) {
        if (failuresToCome > 0) {
            failuresToCome--;
            throw new JournalWriteException("disk full at /data/journal.db", null);
        }
        if (records.stream().anyMatch(r -> r.transactionId().equals(sale.transactionId()))) {
            return false;
        }
        records.add(sale);
        return true;
    }

    @Override
    public long backlog() {
        return records.size();
    }

    @Override
    public boolean appendRecord(pos.core.journal.TillRecord record) {
        if (record instanceof SaleRecord sale) {
            return append(sale);
        }
        throw new UnsupportedOperationException("this fake journals sales only, not " + record.kind());
    }

    @Override
    public <T extends pos.core.journal.TillRecord> List<T> records(Class<T> type, java.time.Instant from, java.time.Instant to) {
        return records.stream().filter(type::isInstance).map(type::cast)
                .filter(r -> !r.at().isBefore(from) && r.at().isBefore(to)).toList();
    }

    @Override
    public <T extends pos.core.journal.TillRecord> java.util.Optional<T> findRecord(Class<T> type, String recordId) {
        return records.stream().filter(type::isInstance).map(type::cast).filter(r -> r.recordId().equals(recordId)).findFirst();
    }
}
