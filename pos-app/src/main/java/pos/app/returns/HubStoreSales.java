package pos.app.returns;

import java.util.Objects;
import java.util.Optional;
import pos.sync.hub.HubClient;
import pos.sync.pay.UnableToReachHubException;

/** {@link StoreSales} through the store hub's {@code GET /sales/{tx}} with this till's credential. Thread-safe. */
public final class HubStoreSales implements StoreSales {

    private final HubClient hub;

    public HubStoreSales(HubClient hub) {
        this.hub = Objects.requireNonNull(hub, "hub");
    }

    @Override
    public Optional<Found> find(String transactionId) {
        try {
            return hub.saleWithReturns(transactionId).map(answer -> new Found(answer.sale(), answer.returns()));
        } catch (UnableToReachHubException e) {
            throw new StoreUnreachableException(e.getMessage(), e);
        }
    }
}
