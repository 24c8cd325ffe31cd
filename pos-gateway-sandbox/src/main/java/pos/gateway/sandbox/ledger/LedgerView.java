package pos.gateway.sandbox.ledger;

import java.util.List;
import java.util.Optional;
import pos.gateway.sandbox.api.LedgerOrder;
import pos.gateway.sandbox.api.LedgerSummary;

/**
 * Read-only view of the sandbox's ledger database, for tests that count the money taken:
 *
 * <pre>{@code
 * assertThat(gateway.ledger().chargeCount(saleId)).isEqualTo(1);
 * assertThat(gateway.ledger().summary().netMinor()).isEqualTo(1250);
 * }</pre>
 *
 * <p>Every call reads the database, so it sees what a restarted gateway would see.
 * Implementations are thread-safe.
 */
public interface LedgerView {

    /**
     * Totals of all charges and refunds, without the per-order list.
     *
     * @return the totals
     */
    default LedgerSummary summary() {
        return summary(false);
    }

    /**
     * Totals of all charges and refunds.
     *
     * @param includeOrders whether to list every order, oldest first
     * @return the totals, with {@link LedgerSummary#byOrder()} filled if asked
     */
    LedgerSummary summary(boolean includeOrders);

    /**
     * How many charges an order has: 0 or 1, since the database refuses a second one.
     *
     * @param outTradeNo the order
     * @return the number of charges
     */
    long chargeCount(String outTradeNo);

    /**
     * One order as the ledger holds it.
     *
     * @param outTradeNo the order
     * @return the order, or empty if unknown
     */
    Optional<LedgerOrder> order(String outTradeNo);

    /**
     * How many notification events are in a status.
     *
     * @param status the status
     * @return the count
     */
    long notificationCount(NotificationStatus status);

    /**
     * The notification events of one order, oldest first.
     *
     * @param outTradeNo the order
     * @return the events with their delivery status and attempt counts
     */
    List<NotificationRow> notifications(String outTradeNo);
}
