package pos.contract.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import pos.contract.sale.MalformedSaleRecordException;
import pos.contract.sale.SaleRecordJson;
import pos.core.audit.TillEvent;
import pos.core.journal.TillRecord;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;

/**
 * The JSON form of every {@link TillRecord} kind: the journal's {@code payload} column and the archive
 * stream's {@code payload} field (fields {@code kind}, {@code tx} = the record id, {@code payload}).
 * Sales are written by {@link SaleRecordJson}; every other kind is its Java record bound by Jackson
 * (instants as ISO-8601 text, money as integer minor units, enums by name). Unknown fields are
 * ignored when reading, so a newer till's records can be archived by an older hub. Thread-safe.
 *
 * <p>The kinds, each a data contract: {@value SaleRecord#KIND} ({@link SaleRecord}),
 * {@value TillEvent#KIND} ({@link TillEvent}), and those listed in {@link #KINDS}.
 */
public final class TillRecordJson {

    /** Every kind handed on to the store, and the record type its payload is. Add a kind here. */
    public static final Map<String, Class<? extends TillRecord>> KINDS;

    static {
        Map<String, Class<? extends TillRecord>> kinds = new LinkedHashMap<>();
        kinds.put(SaleRecord.KIND, SaleRecord.class);
        kinds.put(TillEvent.KIND, TillEvent.class);
        kinds.put(ReturnRecord.KIND, ReturnRecord.class);
        kinds.put(pos.core.shift.ZReport.KIND, pos.core.shift.ZReport.class);
        KINDS = java.util.Collections.unmodifiableMap(kinds);
    }

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private TillRecordJson() {
    }

    /** The kinds handed on to the store (every kind but the payment steps, which stay on the till). */
    public static Set<String> kinds() {
        return KINDS.keySet();
    }

    /** Whether {@code kind} is a record kind this contract knows. */
    public static boolean known(String kind) {
        return KINDS.containsKey(kind);
    }

    /** Writes a record as compact JSON. */
    public static String write(TillRecord record) {
        Objects.requireNonNull(record, "record");
        if (record instanceof SaleRecord sale) {
            return SaleRecordJson.write(sale);
        }
        if (!KINDS.containsKey(record.kind())) {
            throw new IllegalArgumentException("record kind " + record.kind() + " is not in TillRecordJson.KINDS");
        }
        try {
            return MAPPER.writeValueAsString(record);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + record.kind() + " " + record.recordId() + " as JSON", e);
        }
    }

    /**
     * Reads a record of {@code kind} written by {@link #write}.
     *
     * @throws MalformedTillRecordException if the kind is unknown or the text is not such a record
     */
    public static TillRecord read(String kind, String json) {
        Class<? extends TillRecord> type = KINDS.get(kind);
        if (type == null) {
            throw new MalformedTillRecordException("unknown record kind '" + kind + "'", null);
        }
        if (json == null || json.isBlank()) {
            throw new MalformedTillRecordException("the " + kind + " record has no payload", null);
        }
        if (type == SaleRecord.class) {
            try {
                return SaleRecordJson.read(json);
            } catch (MalformedSaleRecordException e) {
                throw new MalformedTillRecordException(e.getMessage(), e);
            }
        }
        try {
            TillRecord record = MAPPER.readValue(json, type);
            if (record == null) {
                throw new MalformedTillRecordException("the " + kind + " payload is null", null);
            }
            return record;
        } catch (JsonProcessingException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String reason = root == e ? e.getOriginalMessage() : root.getMessage();
            throw new MalformedTillRecordException("not a " + kind + " record: " + reason, e);
        }
    }

    /** As {@link #read(String, String)}, checked to be a {@code type}. */
    public static <T extends TillRecord> T read(String kind, String json, Class<T> type) {
        TillRecord record = read(kind, json);
        if (!type.isInstance(record)) {
            throw new MalformedTillRecordException("a " + kind + " record is not a " + type.getSimpleName(), null);
        }
        return type.cast(record);
    }

    /** The kind of record {@code type} is, e.g. {@code SALE_FINISHED} for {@link SaleRecord}. */
    public static String kindOf(Class<? extends TillRecord> type) {
        for (Map.Entry<String, Class<? extends TillRecord>> e : KINDS.entrySet()) {
            if (e.getValue() == type) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(type.getName() + " is not a record kind in TillRecordJson.KINDS");
    }
}
