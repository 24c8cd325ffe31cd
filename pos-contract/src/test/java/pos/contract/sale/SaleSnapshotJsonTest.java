package pos.contract.sale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.catalog.SaleUnit;
import pos.core.sale.SaleSnapshot;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

@DisplayName("Issue 12.7 the JSON of a kept or parked sale")
class SaleSnapshotJsonTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00.123Z");

    @Test
    void aSnapshotReadsBackEqual() {
        SaleSnapshot snapshot = new SaleSnapshot("01JEXAMPLE0000000000000000", "till-1", "EUR", SaleState.TENDERING, T0, "c1",
                "Ann \u674e", "S1",
                List.of(new SaleSnapshot.Line(1, "1001", "4098369006029", "Milk", 109, 109, "RED", 700, SaleUnit.PIECE, null,
                        "dairy", 3, 0),
                        new SaleSnapshot.Line(2, "2001", null, "Cheese", 1890, 1890, "STD", 2000, SaleUnit.KILOGRAM, "00042",
                                "deli", 1, 250)),
                List.of(new SaleSnapshot.Payment(TenderType.CARD, 300, 300, 0, "PAY1")),
                List.of(new AuditEntry(AuditKind.SALE_PARKED, T0, "c1", null, "x", 800, null)), List.of("PAY1"), T0);
        assertThat(SaleSnapshotJson.read(SaleSnapshotJson.write(snapshot))).isEqualTo(snapshot);
    }

    @Test
    void somethingElseIsRefusedWithAReason() {
        assertThatThrownBy(() -> SaleSnapshotJson.read("{\"transactionId\":\"x\"}"))
                .isInstanceOf(MalformedSaleRecordException.class).hasMessageContaining("not a sale snapshot");
        assertThatThrownBy(() -> SaleSnapshotJson.read("")).isInstanceOf(MalformedSaleRecordException.class);
    }
}
