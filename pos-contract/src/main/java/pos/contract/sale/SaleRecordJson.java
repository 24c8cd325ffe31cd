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
            // A missing total must not read as 0: every field of the record is required.
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES);
    private static final ObjectWriter WRITER = MAPPER.writerFor(SaleRecord.class);
    private static final ObjectReader READER = MAPPER.readerFor(SaleRecord.class);

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
        try {
            return READER.readValue(json);
        } catch (JsonProcessingException e) {
            // Also the record constructor's own checks, which Jackson wraps.
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root == e ? e.getOriginalMessage() : root.getMessage();
            throw new MalformedSaleRecordException(String.valueOf(reason), e);
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
