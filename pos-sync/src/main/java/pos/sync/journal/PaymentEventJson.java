package pos.sync.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.sale.TransactionId;
import pos.sync.card.CardRef;

/**
 * The JSON form of a {@link PaymentEvent} in the journal's payload column: flat fields
 * {@code tx, tillId, method, amountMinor, currency, description, createdAt, status, state,
 * reasonCode, note, at}; instants are ISO-8601 strings. A bank card payment adds
 * {@code card: {masked, bin, lastFour, token}} ({@link CardRef}: never the card number; the
 * journal's {@code journal_card_token} index, V5, is on {@code $.card.token}). Thread-safe (stateless).
 */
public final class PaymentEventJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PaymentEventJson() {
    }

    /** Writes an event as compact JSON. */
    public static String write(PaymentEvent event) {
        PaymentOrder order = event.order();
        ObjectNode node = MAPPER.createObjectNode();
        node.put("tx", order.outTradeNo());
        node.put("kind", event.kind().name());
        node.put("tillId", order.tillId());
        node.put("method", order.method().name());
        node.put("amountMinor", order.amount().minorUnits());
        node.put("currency", order.amount().currency().getCurrencyCode());
        node.put("description", order.description());
        node.put("createdAt", order.createdAt().toString());
        node.put("status", event.status().name());
        node.put("state", event.state());
        node.put("reasonCode", event.reasonCode());
        node.put("note", event.note());
        node.put("at", event.at().toString());
        if (event.card() != null) {
            ObjectNode card = node.putObject("card");
            card.put("masked", event.card().masked());
            card.put("bin", event.card().bin());
            card.put("lastFour", event.card().lastFour());
            card.put("token", event.card().token());
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write payment event " + event.kind() + " of " + order.outTradeNo()
                    + " as JSON", e);
        }
    }

    /**
     * Reads an event written by {@link #write}.
     *
     * @throws MalformedPaymentEventException if the text is not such an event
     */
    public static PaymentEvent read(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new MalformedPaymentEventException("not a JSON object: " + json, null);
            }
            PaymentOrder order = new PaymentOrder(new TransactionId(required(node, "tx")), required(node, "tillId"),
                    PaymentMethod.valueOf(required(node, "method")),
                    Money.ofMinor(node.path("amountMinor").asLong(), required(node, "currency")),
                    required(node, "description"), Instant.parse(required(node, "createdAt")));
            return new PaymentEvent(PaymentEventKind.valueOf(required(node, "kind")), order,
                    PaymentStatus.valueOf(required(node, "status")), optional(node, "state"), optional(node, "reasonCode"),
                    optional(node, "note"), Instant.parse(required(node, "at")), card(node.get("card")));
        } catch (JsonProcessingException | RuntimeException e) {
            if (e instanceof MalformedPaymentEventException malformed) {
                throw malformed;
            }
            throw new MalformedPaymentEventException(e.getMessage() + ": " + json, e);
        }
    }

    private static CardRef card(JsonNode card) {
        if (card == null || card.isNull()) {
            return null;
        }
        return new CardRef(required(card, "masked"), required(card, "bin"), required(card, "lastFour"),
                required(card, "token"));
    }

    private static String required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("field '" + field + "' is missing");
        }
        return value.asText();
    }

    private static String optional(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
