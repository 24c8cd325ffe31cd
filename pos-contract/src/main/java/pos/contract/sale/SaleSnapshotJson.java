package pos.contract.sale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Objects;
import pos.core.sale.SaleSnapshot;

/**
 * The JSON form of a {@link SaleSnapshot}: an open sale kept across a restart (the till's SQLite
 * {@code open_sale}) and a parked sale (the till's {@code parked_sales}, the hub's MariaDB
 * {@code parked_sales} and the hub's park and recall routes). Data binding of the record; unknown
 * fields are ignored so an older till reads a newer one's snapshot. Thread-safe.
 */
public final class SaleSnapshotJson {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private SaleSnapshotJson() {
    }

    /** Writes a snapshot as compact JSON. */
    public static String write(SaleSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        try {
            return MAPPER.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the snapshot of sale " + snapshot.transactionId() + " as JSON", e);
        }
    }

    /**
     * Reads a snapshot written by {@link #write}.
     *
     * @throws MalformedSaleRecordException if the text is not a sale snapshot
     */
    public static SaleSnapshot read(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedSaleRecordException("the sale snapshot is empty", null);
        }
        try {
            SaleSnapshot snapshot = MAPPER.readValue(json, SaleSnapshot.class);
            if (snapshot == null) {
                throw new MalformedSaleRecordException("the sale snapshot is null", null);
            }
            return snapshot;
        } catch (JsonProcessingException e) {
            throw new MalformedSaleRecordException("it is not a sale snapshot (" + e.getOriginalMessage() + ")", e);
        }
    }
}
