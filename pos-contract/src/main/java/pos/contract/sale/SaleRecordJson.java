package pos.contract.sale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import pos.core.sale.SaleRecord;
import pos.core.sale.TenderType;

/**
 * The JSON form of a {@link SaleRecord}: the journal's payload column and the archive stream's
 * {@code payload} field carry exactly this. Instants are ISO-8601 strings, money is integer minor
 * units, enums are their names. Unknown fields are ignored when reading, so a newer till's
 * records can still be archived by an older archiver. Thread-safe.
 */
public final class SaleRecordJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .registerModule(new SimpleModule("pos-sale-record").addDeserializer(SaleRecord.Payment.class, new PaymentReader()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A missing total must not read as 0: every field of the record is required (the fields
            // added with the audit trail are filled in first for records written before them, see read).
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    private static final ObjectWriter WRITER = MAPPER.writerFor(SaleRecord.class);
    private static final ObjectReader READER = MAPPER.readerFor(SaleRecord.class);
    private static final CompleteSaleRecordReader COMPLETE = new CompleteSaleRecordReader(MAPPER.getFactory());

    private SaleRecordJson() {
    }

    /** Writes a record as compact JSON. */
    public static String write(SaleRecord sale) {
        try {
            return WRITER.writeValueAsString(sale);
        } catch (JsonProcessingException e) {
            // A SaleRecord has only strings, numbers, enums, instants and lists: this is a bug.
            throw new IllegalStateException("cannot write sale " + sale.transactionId() + " as JSON", e);
        }
    }

    /**
     * Reads a record written by {@link #write}.
     *
     * @throws MalformedSaleRecordException if the text is not such a record (bad JSON, a missing
     *     or null field, an unfinished state)
     */
    public static SaleRecord read(String json) {
        if (json == null) {
            throw new MalformedSaleRecordException("no payload", null);
        }
        // A record with every field (as this version writes it) is read token by token straight into the
        // record: the archiver reads thousands a second. Anything else (an older record, a malformed one)
        // is read through the tree below, which fills in the older contract's defaults or fails with the
        // same message as ever.
        SaleRecord complete = COMPLETE.readOrNull(json);
        if (complete != null) {
            return complete;
        }
        try {
            JsonNode tree = MAPPER.readTree(json);
            if (tree == null || !tree.isObject()) {
                throw new MalformedSaleRecordException("the payload is not a JSON object", null);
            }
            withDefaultsOfOlderRecords((ObjectNode) tree);
            return READER.readValue(tree);
        } catch (IOException e) {
            // Also the record constructor's own checks, which Jackson wraps.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root == e && e instanceof JsonProcessingException p ? p.getOriginalMessage() : root.getMessage();
            throw new MalformedSaleRecordException(String.valueOf(reason), e);
        }
    }

    /**
     * Fills in the fields a record written before the audit trail and discounts (issue 12) does not
     * have, with what they meant then: no clerk, no shift, no discount, no rounding, no audit
     * entries; a line's list price is its unit price, its tax rate and tax unknown (0). Present
     * fields are left as they are, so a missing field of the older contract still fails.
     */
    private static void withDefaultsOfOlderRecords(ObjectNode sale) {
        for (String field : new String[] {"clerkId", "clerkName", "shiftId", "saleDiscountReason"}) {
            if (!sale.has(field)) {
                sale.putNull(field);
            }
        }
        if (!sale.has("saleDiscountMinor")) {
            sale.put("saleDiscountMinor", 0L);
        }
        if (!sale.has("roundingMinor")) {
            sale.put("roundingMinor", 0L);
        }
        if (!sale.has("audit")) {
            sale.putArray("audit");
        }
        JsonNode lines = sale.get("lines");
        if (lines != null && lines.isArray()) {
            for (JsonNode line : lines) {
                if (line instanceof ObjectNode l) {
                    if (!l.has("listPriceMinor") && l.has("unitPriceMinor")) {
                        l.set("listPriceMinor", l.get("unitPriceMinor"));
                    }
                    if (!l.has("discountMinor")) {
                        l.put("discountMinor", 0L);
                    }
                    if (!l.has("discountReason")) {
                        l.putNull("discountReason");
                    }
                    if (!l.has("taxRateBasisPoints")) {
                        l.put("taxRateBasisPoints", 0);
                    }
                    if (!l.has("taxMinor")) {
                        l.put("taxMinor", 0L);
                    }
                }
            }
        }
    }

    /**
     * Reads a tender: every field is required except {@code reference}, which cash tenders leave
     * null and records written before it existed do not have.
     */
    private static final class PaymentReader extends StdDeserializer<SaleRecord.Payment> {
        private static final long serialVersionUID = 1L;

        PaymentReader() {
            super(SaleRecord.Payment.class);
        }

        @Override
        public SaleRecord.Payment deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            JsonNode reference = node.get("reference");
            try {
                return new SaleRecord.Payment(TenderType.valueOf(required(node, "type", context).asText()),
                        requiredLong(node, "amountMinor", context), requiredLong(node, "tenderedMinor", context),
                        requiredLong(node, "changeMinor", context),
                        reference == null || reference.isNull() ? null : reference.asText());
            } catch (IllegalArgumentException e) {
                throw context.weirdStringException(node.path("type").asText(), TenderType.class, "not a tender type");
            }
        }

        private static JsonNode required(JsonNode node, String field, DeserializationContext context) throws IOException {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                throw context.instantiationException(SaleRecord.Payment.class, "tender field '" + field + "' is missing");
            }
            return value;
        }

        private static long requiredLong(JsonNode node, String field, DeserializationContext context) throws IOException {
            JsonNode value = required(node, field, context);
            if (!value.canConvertToExactIntegral() || !value.canConvertToLong()) {
                throw context.instantiationException(SaleRecord.Payment.class, "tender field '" + field + "' is not a whole number");
            }
            return value.asLong();
        }
    }
}
