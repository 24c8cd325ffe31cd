package pos.contract.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.refund.ReturnRecord;
import pos.core.sale.TenderType;

/** Issue 12.3: a return's credit voucher (its code, for the refund receipt) is part of the RETURN_FINISHED contract. */
class CreditVoucherRefundJsonTest {

    static ReturnRecord withRefund(ReturnRecord.Refund refund) {
        return new ReturnRecord("01JEQ8A0000000000000000001", "01JEQ7Z3K8M2W4X6Y8Z0A2B4C7", "T1", "T2", null, null, null,
                "EUR", 300, 50, Instant.parse("2026-12-06T14:03:00Z"),
                List.of(new ReturnRecord.Line(1, "4000001", "Milk", 2, 0, 300, 50, "STD", 2000)), List.of(refund), null);
    }

    @Test
    @DisplayName("issue 12.3: a credit voucher's code goes through the journal's JSON and back")
    void theVoucherCodeRoundTrips() {
        ReturnRecord record = withRefund(new ReturnRecord.Refund(TenderType.VOUCHER, 300, "01JVOUCHER",
                "01JEQ8A0000000000000000001-0", "01JEQ8A0000000000000000001-0", "PV1.signed-text"));

        String json = TillRecordJson.write(record);

        assertThat(json).contains("\"voucherCode\":\"PV1.signed-text\"");
        assertThat(TillRecordJson.read(ReturnRecord.KIND, json, ReturnRecord.class)).isEqualTo(record);
    }

    @Test
    @DisplayName("issue 12.3: a return journaled before credit vouchers (no voucherCode) still reads")
    void anOlderRecordReadsWithoutTheCode() {
        ReturnRecord record = withRefund(new ReturnRecord.Refund(TenderType.CASH, 300, null, null, null));
        String older = TillRecordJson.write(record).replace(",\"voucherCode\":null", "");

        assertThat(older).doesNotContain("voucherCode");
        assertThat(TillRecordJson.read(ReturnRecord.KIND, older, ReturnRecord.class)).isEqualTo(record);
    }
}
