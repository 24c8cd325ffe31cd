package pos.app.returns;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.refund.ReturnRecord;
import pos.core.refund.Returnable;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.refund.TillRefunds;

/**
 * Finds the sale a customer brings goods back from: in the store through the hub (any till's sale,
 * with every till's returns), else in this till's own journal (offline: only this till's own sales,
 * said so). Blocking (disk, network): call it off the UI thread. Thread-safe.
 */
public final class ReturnLookup {

    private static final Logger LOG = LoggerFactory.getLogger(ReturnLookup.class);

    private final TillRefunds refunds;
    private final SqliteSaleJournal journal;
    private final StoreSales store;
    private final ZoneId zone;

    /** @param store the hub's sales, or null when the till has no hub (then always offline) */
    public ReturnLookup(TillRefunds refunds, SqliteSaleJournal journal, StoreSales store, ZoneId zone) {
        this.refunds = Objects.requireNonNull(refunds, "refunds");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.store = store;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * What a look-up found.
     *
     * @param sale    the sale and what is left of it, or empty when not found
     * @param offline true when the hub could not be asked (then only this till's own sales are found)
     */
    public record Result(Optional<Returnable> sale, boolean offline) {
    }

    /** The sale with this id, from the store if it can be asked, else from this till's journal. */
    public Result byId(String transactionId) {
        Optional<Returnable> local = refunds.localSale(transactionId);
        if (store == null) {
            return new Result(local, true);
        }
        Optional<StoreSales.Found> found;
        try {
            found = store.find(transactionId);
        } catch (StoreUnreachableException e) {
            LOG.warn("Return look-up of sale {}: the hub cannot be asked ({}); only this till's own sales", transactionId,
                    e.getMessage());
            return new Result(local, true);
        }
        if (found.isEmpty()) {
            return new Result(local, false);
        }
        // the hub's returns and this till's own (some perhaps not yet handed on, or unfinished)
        List<ReturnRecord> returns = new ArrayList<>(found.get().returns());
        returns.addAll(refunds.returnsOf(transactionId));
        return new Result(Optional.of(Returnable.of(found.get().sale(), returns)), false);
    }

    /** This till's paid sales of {@code day} whose total (as paid) is {@code paidMinor}, oldest first. */
    public List<SaleRecord> byDayAndAmount(LocalDate day, long paidMinor) {
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        return journal.records(SaleRecord.class, from, to).stream()
                .filter(s -> s.state() == SaleState.PAID && (s.paidMinor() == paidMinor || s.totalMinor() == paidMinor))
                .toList();
    }
}
