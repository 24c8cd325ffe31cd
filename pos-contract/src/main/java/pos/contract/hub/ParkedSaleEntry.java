package pos.contract.hub;

import pos.contract.json.Json;

/**
 * One sale parked through the hub, as the recall list shows it (GET /parked). Immutable.
 *
 * @param transactionId the sale's id
 * @param tillId        the till that parked it
 * @param parkedAt      when, as an ISO-8601 instant
 * @param clerkName     the clerk who parked it, or null
 * @param itemCount     the items in it
 * @param totalMinor    its total in minor units of {@code currency}
 * @param currency      ISO 4217 code
 */
public record ParkedSaleEntry(String transactionId, String tillId, String parkedAt, String clerkName, int itemCount,
        long totalMinor, String currency) {

    public ParkedSaleEntry {
        Json.required(transactionId, "transactionId");
        Json.required(tillId, "tillId");
        Json.required(parkedAt, "parkedAt");
        Json.required(currency, "currency");
    }
}
