package pos.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.refund.ReturnRecord;
import pos.core.sale.TenderType;

/** Issue 12.3: "a voucher as a new credit voucher" — the refund receipt carries the credit voucher. */
class ReceiptLayoutCreditVoucherTest {

    static final String RETURN_ID = ReceiptLayoutRefundTest.RETURN_ID;
    static final String CODE = "PV1.01JEQ8A0000000000000000001-0.signed-text";

    static ReturnRecord voucherReturn(String code) {
        return new ReturnRecord(RETURN_ID, ReceiptLayoutTest.ID, "T1", "T2", "c-ann", null, null, "EUR", 300, 50,
                Instant.parse("2026-12-06T14:03:00Z"),
                List.of(new ReturnRecord.Line(1, "4000001", "Milk", 2, 0, 300, 50, "STD", 2000)),
                List.of(new ReturnRecord.Refund(TenderType.VOUCHER, 300, "01JVOUCHER", RETURN_ID + "-0", RETURN_ID + "-0",
                        code)), null);
    }

    @Test
    @DisplayName("issue 12.3: the refund receipt prints the credit voucher's value and its redeemable text as a QR code, no drawer")
    void theCreditVoucherIsPrintedAsAQrCodeWithItsValue() {
        ReceiptDocument doc = ReceiptLayoutRefundTest.layout(ReceiptLayout.IdCode.QR).refund(voucherReturn(CODE));

        List<String> lines = ReceiptLayout.plainText(doc).stream().map(String::strip).toList();
        assertThat(lines).contains("Credit voucher 3.00");
        assertThat(doc.blocks()).filteredOn(ReceiptDocument.QrCode.class::isInstance)
                .containsExactly(new ReceiptDocument.QrCode(CODE), new ReceiptDocument.QrCode(RETURN_ID));
        int value = doc.blocks().indexOf(doc.blocks().stream().filter(b -> b instanceof ReceiptDocument.Text t
                && t.text().contains("Credit voucher 3.00")).findFirst().orElseThrow());
        assertThat(doc.blocks().get(value + 1)).isEqualTo(new ReceiptDocument.QrCode(CODE));
        assertThat(doc.blocks()).noneMatch(ReceiptDocument.DrawerPulse.class::isInstance);
    }

    @Test
    @DisplayName("issue 12.3: a voucher refund recorded without a code (an older record) prints no QR code for it")
    void anOlderRecordWithoutTheCodePrintsNoVoucherCode() {
        ReceiptDocument doc = ReceiptLayoutRefundTest.layout(ReceiptLayout.IdCode.QR).refund(voucherReturn(null));

        assertThat(doc.blocks()).filteredOn(ReceiptDocument.QrCode.class::isInstance)
                .containsExactly(new ReceiptDocument.QrCode(RETURN_ID));
    }
}
