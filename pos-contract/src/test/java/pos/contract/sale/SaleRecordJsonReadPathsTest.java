package pos.contract.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

@DisplayName("SaleRecordJson.read: complete records bind directly, older ones still get their defaults")
class SaleRecordJsonReadPathsTest {

    private static final Instant OPENED = Instant.parse("2026-12-07T08:00:00Z");

    private static SaleRecord complete() {
        return new SaleRecord("01KTESTREADPATHS0000000001", "till-1", SaleState.PAID, "EUR", 1000, 160, OPENED,
                OPENED.plusSeconds(30),
                List.of(new SaleRecord.Line(1, "4006381333931", "Pen", 2, 0, 600, 1000, "STANDARD", 600, 200, "bundle", 1900, 160)),
                List.of(new SaleRecord.Payment(TenderType.CASH, 1000, 2000, 1000, null)), "c1", "Clerk One", "01KSHIFT000000000000000001",
                0, null, 0, List.of(new AuditEntry(AuditKind.LINE_VOIDED, OPENED.plusSeconds(5), "c1", null, "2 4006381333931", 300,
                        null)));
    }

    @Test
    @DisplayName("a record as this version writes it reads back equal, audit trail and discounts included")
    void aCompleteRecordReadsBackEqual() {
        SaleRecord sale = complete();
        assertThat(SaleRecordJson.read(SaleRecordJson.write(sale))).isEqualTo(sale);
    }

    @Test
    @DisplayName("a record written before the audit trail (no clerk, discount, rounding, audit or line tax fields) reads with the old meaning")
    void aRecordWithoutTheNewerFieldsGetsTheirDefaults() {
        String older = "{\"transactionId\":\"01KTESTREADPATHS0000000002\",\"tillId\":\"till-1\",\"state\":\"PAID\",\"currency\":\"EUR\","
                + "\"totalMinor\":1200,\"taxMinor\":0,\"openedAt\":\"2026-12-07T08:00:00Z\",\"closedAt\":\"2026-12-07T08:00:30Z\","
                + "\"lines\":[{\"lineNo\":1,\"productCode\":\"4006381333931\",\"name\":\"Pen\",\"quantity\":2,\"grams\":0,"
                + "\"unitPriceMinor\":600,\"lineTotalMinor\":1200,\"taxClass\":\"STANDARD\"}],"
                + "\"tenders\":[{\"type\":\"CASH\",\"amountMinor\":1200,\"tenderedMinor\":1200,\"changeMinor\":0}]}";
        SaleRecord read = SaleRecordJson.read(older);
        assertThat(read).isEqualTo(new SaleRecord("01KTESTREADPATHS0000000002", "till-1", SaleState.PAID, "EUR", 1200, 0, OPENED,
                OPENED.plusSeconds(30), List.of(new SaleRecord.Line(1, "4006381333931", "Pen", 2, 0, 600, 1200, "STANDARD")),
                List.of(new SaleRecord.Payment(TenderType.CASH, 1200, 1200, 0)), null, null, null, 0, null, 0, List.of()));
        assertThat(read.lines().get(0).listPriceMinor()).as("list price = unit price").isEqualTo(600);
    }

    @Test
    @DisplayName("the text null is refused as before, not read as no record")
    void theTextNullIsRefused() {
        assertThatThrownBy(() -> SaleRecordJson.read("null")).isInstanceOf(MalformedSaleRecordException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    @DisplayName("a complete record with a field this version does not know, or written in another order, reads back equal")
    void unknownFieldsAndOtherOrderAreRead() {
        SaleRecord sale = complete();
        String json = SaleRecordJson.write(sale);
        String reordered = "{\"newerField\":{\"a\":[1,2,{\"b\":null}]}," + json.substring(1).replace("\"lines\":", "\"x\":7,\"lines\":");
        assertThat(SaleRecordJson.read(reordered)).isEqualTo(sale);
    }

    @Test
    @DisplayName("a complete record in a shape the token reader does not take (a number as text, no audit) reads as the general reader reads it")
    void otherShapesFallBackToTheGeneralReader() {
        SaleRecord sale = complete();
        String json = SaleRecordJson.write(sale);
        assertThat(json).contains("\"totalMinor\":1000", "\"PAID\"", "\"lineNo\":1,");
        assertThat(SaleRecordJson.read(json.replace("\"totalMinor\":1000", "\"totalMinor\":\"1000\""))).isEqualTo(sale);
        String noAudit = json.replaceFirst("\"audit\":\\[.*?\\]", "\"audit\":null");
        assertThat(noAudit).contains("\"audit\":null");
        assertThat(SaleRecordJson.read(noAudit).audit()).isEmpty();
        assertThatThrownBy(() -> SaleRecordJson.read(json.replace("\"PAID\"", "\"OPEN\"")))
                .isInstanceOf(MalformedSaleRecordException.class).hasMessageContaining("only finished sales");
        assertThatThrownBy(() -> SaleRecordJson.read(json.replace("\"lineNo\":1,", "")))
                .isInstanceOf(MalformedSaleRecordException.class).hasMessageContaining("lineNo");
    }
}
