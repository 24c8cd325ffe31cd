package pos.gateway.sandbox.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * Answer to {@code GET /sandbox/ledger}: the money the sandbox took and gave back, read from
 * its database. Sums add minor units across currencies; use {@link #byOrder()} when a test
 * mixes currencies.
 *
 * <p>Immutable and thread-safe.
 *
 * @param chargesCount how many charges (at most one per out_trade_no, enforced by the database)
 * @param chargesMinor the sum of all charges
 * @param refundsCount how many refunds, those made by reverses included
 * @param refundsMinor the sum of all refunds
 * @param netMinor {@code chargesMinor - refundsMinor}
 * @param byOrder one entry per order, oldest first, with {@code ?orders=true}; {@code null} otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LedgerSummary(
        @JsonProperty("charges_count") long chargesCount,
        @JsonProperty("charges_minor") long chargesMinor,
        @JsonProperty("refunds_count") long refundsCount,
        @JsonProperty("refunds_minor") long refundsMinor,
        @JsonProperty("net_minor") long netMinor,
        @JsonProperty("by_order") List<LedgerOrder> byOrder) {

    /**
     * Copies the order list so the summary stays immutable.
     *
     * @param chargesCount how many charges
     * @param chargesMinor the sum of all charges
     * @param refundsCount how many refunds
     * @param refundsMinor the sum of all refunds
     * @param netMinor charges minus refunds
     * @param byOrder the orders, or {@code null}
     */
    public LedgerSummary {
        byOrder = byOrder == null ? null : List.copyOf(byOrder);
    }
}
