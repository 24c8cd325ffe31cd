package pos.core.sale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;

class SaleRecordTest {

    @Test
    @DisplayName("issue 12 (5): a record put in a shift keeps everything else it recorded")
    void withShiftKeepsTheRest() {
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        SaleRecord sale = new SaleRecord("01KDVDNA0066NBDFV17PZBPHEA", "till-1", SaleState.PAID, "EUR", 466, 30, t, t.plusSeconds(60),
                List.of(new SaleRecord.Line(1, "A", "Milk", 2, 0, 120, 216, "RED", 120, 24, "damaged", 700, 14)),
                List.of(new SaleRecord.Payment(TenderType.CASH, 466, 500, 35)), "clerk-ann", "Ann", null, 10, "loyalty", 4,
                List.of(new AuditEntry(AuditKind.SALE_DISCOUNT, t, "clerk-ann", null, null, 10, "loyalty")));

        SaleRecord inShift = sale.withShift("01KDVD0000SHIFT00000000001");

        assertThat(inShift.shiftId()).isEqualTo("01KDVD0000SHIFT00000000001");
        assertThat(inShift).usingRecursiveComparison().ignoringFields("shiftId").isEqualTo(sale);
        assertThat(sale.shiftId()).isNull();
    }
}
