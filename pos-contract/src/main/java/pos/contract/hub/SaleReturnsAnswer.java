package pos.contract.hub;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import pos.contract.json.Json;
import pos.contract.journal.TillRecordJson;
import pos.contract.sale.SaleRecordJson;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;

/**
 * The hub's answer to {@code GET /sales/{tx}} (issue 12, returns across tills): the sale as archived and
 * every return already made against it, on any till. JSON {@code {"sale": <the sale record as the
 * journal writes it>, "returns": [<return records>]}}, each record in its journal form
 * ({@link SaleRecordJson}, {@link TillRecordJson}), so the till reads them as it reads its own. Immutable.
 */
public record SaleReturnsAnswer(SaleRecord sale, List<ReturnRecord> returns) {

    public SaleReturnsAnswer {
        Objects.requireNonNull(sale, "sale");
        returns = List.copyOf(returns);
    }

    /** The answer as JSON. */
    public String toJson() {
        ObjectNode root = Json.TOLERANT.createObjectNode();
        try {
            root.set("sale", Json.TOLERANT.readTree(SaleRecordJson.write(sale)));
            ArrayNode list = root.putArray("returns");
            for (ReturnRecord r : returns) {
                list.add(Json.TOLERANT.readTree(TillRecordJson.write(r)));
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the answer for sale " + sale.transactionId(), e);
        }
        return root.toString();
    }

    /**
     * Reads an answer written by {@link #toJson()}.
     *
     * @throws IllegalArgumentException if the text is not such an answer
     */
    public static SaleReturnsAnswer read(String json) {
        JsonNode root;
        try {
            root = Json.TOLERANT.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a sale with its returns: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.hasNonNull("sale")) {
            throw new IllegalArgumentException("not a sale with its returns: no 'sale'");
        }
        try {
            SaleRecord sale = SaleRecordJson.read(root.get("sale").toString());
            List<ReturnRecord> returns = new ArrayList<>();
            for (JsonNode r : root.path("returns")) {
                returns.add(TillRecordJson.read(ReturnRecord.KIND, r.toString(), ReturnRecord.class));
            }
            return new SaleReturnsAnswer(sale, returns);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a sale with its returns: " + e.getMessage(), e);
        }
    }
}
