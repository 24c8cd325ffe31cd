package pos.contract.sale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/**
 * Reads a sale record of exactly the shape {@link SaleRecordJson#write} gives it, token by token straight
 * into the record, without Jackson's data binding or a tree: the archiver reads thousands a second. It
 * answers {@code null} for anything else (a missing, null or differently typed field, an unknown enum
 * name, a record the constructor refuses, trailing text), and {@link SaleRecordJson#read} then reads the
 * text the general way, with the older contract's defaults and the same messages as ever. Unknown fields
 * are skipped, as the general way ignores them. Stateless and thread-safe.
 */
final class CompleteSaleRecordReader {

    private static final String[] SALE_FIELDS = {"transactionId", "tillId", "state", "currency", "totalMinor", "taxMinor",
        "openedAt", "closedAt", "lines", "tenders", "clerkId", "clerkName", "shiftId", "saleDiscountMinor",
        "saleDiscountReason", "roundingMinor", "audit"};
    private static final int ALL_SALE_FIELDS = (1 << SALE_FIELDS.length) - 1;
    private static final int ALL_LINE_FIELDS = (1 << 13) - 1;
    private static final int REQUIRED_TENDER_FIELDS = (1 << 4) - 1; // the reference may be missing
    private static final int ALL_AUDIT_FIELDS = (1 << 7) - 1;

    private final JsonFactory factory;

    CompleteSaleRecordReader(JsonFactory factory) {
        this.factory = factory;
    }

    /** The record in {@code json}, or {@code null} when it is not of the complete shape (then the caller reads it). */
    SaleRecord readOrNull(String json) {
        try (JsonParser p = factory.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            SaleRecord sale = sale(p);
            return sale != null && p.nextToken() == null ? sale : null;
        } catch (IOException | IllegalArgumentException | DateTimeParseException | NotComplete e) {
            // Not the complete shape, or not JSON at all (IllegalArgumentException: an enum name or a
            // record's own check): the general reader decides, and says why if it is malformed.
            return null;
        }
    }

    /** Thrown inside the reader when the text leaves the complete shape; never leaves it. */
    private static final class NotComplete extends Exception {
        private static final long serialVersionUID = 1L;
        static final NotComplete INSTANCE = new NotComplete();

        private NotComplete() {
            super("not the complete shape", null, false, false);
        }
    }

    private static SaleRecord sale(JsonParser p) throws IOException, NotComplete {
        String transactionId = null, tillId = null, currency = null, clerkId = null, clerkName = null, shiftId = null,
                saleDiscountReason = null;
        SaleState state = null;
        long totalMinor = 0, taxMinor = 0, saleDiscountMinor = 0, roundingMinor = 0;
        Instant openedAt = null, closedAt = null;
        List<SaleRecord.Line> lines = null;
        List<SaleRecord.Payment> tenders = null;
        List<AuditEntry> audit = null;
        int seen = 0;
        for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
            JsonToken value = p.nextToken();
            switch (field) {
                case "transactionId" -> { transactionId = string(p, value); seen |= 1; }
                case "tillId" -> { tillId = string(p, value); seen |= 1 << 1; }
                case "state" -> { state = SaleState.valueOf(string(p, value)); seen |= 1 << 2; }
                case "currency" -> { currency = string(p, value); seen |= 1 << 3; }
                case "totalMinor" -> { totalMinor = longValue(p, value); seen |= 1 << 4; }
                case "taxMinor" -> { taxMinor = longValue(p, value); seen |= 1 << 5; }
                case "openedAt" -> { openedAt = Instant.parse(string(p, value)); seen |= 1 << 6; }
                case "closedAt" -> { closedAt = Instant.parse(string(p, value)); seen |= 1 << 7; }
                case "lines" -> { lines = lines(p, value); seen |= 1 << 8; }
                case "tenders" -> { tenders = tenders(p, value); seen |= 1 << 9; }
                case "clerkId" -> { clerkId = nullableString(p, value); seen |= 1 << 10; }
                case "clerkName" -> { clerkName = nullableString(p, value); seen |= 1 << 11; }
                case "shiftId" -> { shiftId = nullableString(p, value); seen |= 1 << 12; }
                case "saleDiscountMinor" -> { saleDiscountMinor = longValue(p, value); seen |= 1 << 13; }
                case "saleDiscountReason" -> { saleDiscountReason = nullableString(p, value); seen |= 1 << 14; }
                case "roundingMinor" -> { roundingMinor = longValue(p, value); seen |= 1 << 15; }
                case "audit" -> { audit = audit(p, value); seen |= 1 << 16; }
                default -> p.skipChildren();
            }
        }
        if (seen != ALL_SALE_FIELDS || p.currentToken() != JsonToken.END_OBJECT) {
            return null;
        }
        return new SaleRecord(transactionId, tillId, state, currency, totalMinor, taxMinor, openedAt, closedAt, lines, tenders,
                clerkId, clerkName, shiftId, saleDiscountMinor, saleDiscountReason, roundingMinor, audit);
    }

    private static List<SaleRecord.Line> lines(JsonParser p, JsonToken value) throws IOException, NotComplete {
        require(value == JsonToken.START_ARRAY);
        List<SaleRecord.Line> lines = new ArrayList<>();
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            require(t == JsonToken.START_OBJECT);
            int lineNo = 0, quantity = 0, grams = 0, taxRateBasisPoints = 0;
            String productCode = null, name = null, taxClass = null, discountReason = null;
            long unitPriceMinor = 0, lineTotalMinor = 0, listPriceMinor = 0, discountMinor = 0, taxMinor = 0;
            int seen = 0;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                switch (field) {
                    case "lineNo" -> { lineNo = intValue(p, v); seen |= 1; }
                    case "productCode" -> { productCode = string(p, v); seen |= 1 << 1; }
                    case "name" -> { name = string(p, v); seen |= 1 << 2; }
                    case "quantity" -> { quantity = intValue(p, v); seen |= 1 << 3; }
                    case "grams" -> { grams = intValue(p, v); seen |= 1 << 4; }
                    case "unitPriceMinor" -> { unitPriceMinor = longValue(p, v); seen |= 1 << 5; }
                    case "lineTotalMinor" -> { lineTotalMinor = longValue(p, v); seen |= 1 << 6; }
                    case "taxClass" -> { taxClass = string(p, v); seen |= 1 << 7; }
                    case "listPriceMinor" -> { listPriceMinor = longValue(p, v); seen |= 1 << 8; }
                    case "discountMinor" -> { discountMinor = longValue(p, v); seen |= 1 << 9; }
                    case "discountReason" -> { discountReason = nullableString(p, v); seen |= 1 << 10; }
                    case "taxRateBasisPoints" -> { taxRateBasisPoints = intValue(p, v); seen |= 1 << 11; }
                    case "taxMinor" -> { taxMinor = longValue(p, v); seen |= 1 << 12; }
                    default -> p.skipChildren();
                }
            }
            require(seen == ALL_LINE_FIELDS);
            lines.add(new SaleRecord.Line(lineNo, productCode, name, quantity, grams, unitPriceMinor, lineTotalMinor, taxClass,
                    listPriceMinor, discountMinor, discountReason, taxRateBasisPoints, taxMinor));
        }
        return lines;
    }

    private static List<SaleRecord.Payment> tenders(JsonParser p, JsonToken value) throws IOException, NotComplete {
        require(value == JsonToken.START_ARRAY);
        List<SaleRecord.Payment> tenders = new ArrayList<>(2);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            require(t == JsonToken.START_OBJECT);
            TenderType type = null;
            long amountMinor = 0, tenderedMinor = 0, changeMinor = 0;
            String reference = null;
            int seen = 0;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                switch (field) {
                    case "type" -> { type = TenderType.valueOf(string(p, v)); seen |= 1; }
                    case "amountMinor" -> { amountMinor = longValue(p, v); seen |= 1 << 1; }
                    case "tenderedMinor" -> { tenderedMinor = longValue(p, v); seen |= 1 << 2; }
                    case "changeMinor" -> { changeMinor = longValue(p, v); seen |= 1 << 3; }
                    case "reference" -> reference = nullableString(p, v);
                    default -> p.skipChildren();
                }
            }
            require(seen == REQUIRED_TENDER_FIELDS);
            tenders.add(new SaleRecord.Payment(type, amountMinor, tenderedMinor, changeMinor, reference));
        }
        return tenders;
    }

    private static List<AuditEntry> audit(JsonParser p, JsonToken value) throws IOException, NotComplete {
        require(value == JsonToken.START_ARRAY);
        List<AuditEntry> audit = new ArrayList<>(0);
        for (JsonToken t = p.nextToken(); t != JsonToken.END_ARRAY; t = p.nextToken()) {
            require(t == JsonToken.START_OBJECT);
            AuditKind kind = null;
            Instant at = null;
            String clerkId = null, approverId = null, subject = null, reason = null;
            long amountMinor = 0;
            int seen = 0;
            for (String field = p.nextFieldName(); field != null; field = p.nextFieldName()) {
                JsonToken v = p.nextToken();
                switch (field) {
                    case "kind" -> { kind = AuditKind.valueOf(string(p, v)); seen |= 1; }
                    case "at" -> { at = Instant.parse(string(p, v)); seen |= 1 << 1; }
                    case "clerkId" -> { clerkId = nullableString(p, v); seen |= 1 << 2; }
                    case "approverId" -> { approverId = nullableString(p, v); seen |= 1 << 3; }
                    case "subject" -> { subject = nullableString(p, v); seen |= 1 << 4; }
                    case "amountMinor" -> { amountMinor = longValue(p, v); seen |= 1 << 5; }
                    case "reason" -> { reason = nullableString(p, v); seen |= 1 << 6; }
                    default -> p.skipChildren();
                }
            }
            require(seen == ALL_AUDIT_FIELDS);
            audit.add(new AuditEntry(kind, at, clerkId, approverId, subject, amountMinor, reason));
        }
        return audit;
    }

    private static String string(JsonParser p, JsonToken value) throws IOException, NotComplete {
        require(value == JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static String nullableString(JsonParser p, JsonToken value) throws IOException, NotComplete {
        return value == JsonToken.VALUE_NULL ? null : string(p, value);
    }

    private static long longValue(JsonParser p, JsonToken value) throws IOException, NotComplete {
        require(value == JsonToken.VALUE_NUMBER_INT);
        JsonParser.NumberType type = p.getNumberType();
        require(type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG);
        return p.getLongValue();
    }

    private static int intValue(JsonParser p, JsonToken value) throws IOException, NotComplete {
        require(value == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT);
        return p.getIntValue();
    }

    private static void require(boolean shape) throws NotComplete {
        if (!shape) {
            throw NotComplete.INSTANCE;
        }
    }
}
