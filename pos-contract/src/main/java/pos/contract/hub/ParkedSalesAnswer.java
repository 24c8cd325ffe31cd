package pos.contract.hub;

import java.util.List;

/**
 * The hub's answer to GET /parked: the sales parked through it and not recalled yet, oldest first.
 * A recall (POST /parked/{tx}/recall) answers the sale itself ({@link pos.contract.sale.SaleSnapshotJson}),
 * or 409 {@code already_recalled} when another till was first, or 404 {@code unknown_parked_sale}. Immutable.
 */
public record ParkedSalesAnswer(List<ParkedSaleEntry> parked) {

    public ParkedSalesAnswer {
        parked = parked == null ? List.of() : List.copyOf(parked);
    }
}
