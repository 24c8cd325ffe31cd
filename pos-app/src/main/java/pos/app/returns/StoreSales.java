package pos.app.returns;

import java.util.List;
import java.util.Optional;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;

/**
 * The store's sales as the hub knows them (every till's), with the returns already made against
 * each: what lets a till take back goods sold on another till. Implementations are thread-safe and
 * block (call them off the UI thread).
 */
public interface StoreSales {

    /** A sale and the returns made against it anywhere in the store. Immutable. */
    record Found(SaleRecord sale, List<ReturnRecord> returns) {
        public Found {
            returns = List.copyOf(returns);
        }
    }

    /**
     * The sale with id {@code transactionId}, or empty when the store has no such sale.
     *
     * @throws StoreUnreachableException when the hub cannot be asked now
     */
    Optional<Found> find(String transactionId);
}
