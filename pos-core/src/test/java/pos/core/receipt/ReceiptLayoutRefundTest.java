package pos.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import pos.core.refund.ReturnRecord;
import pos.core.sale.TenderType;

/** Issue 12: the id's code as a QR code (the till's default), the clerk's line, and refund receipts from a ReturnRecord. */
class ReceiptLayoutRefundTest {

    static final String RETURN_ID = "01JEQ8A0000000000000000001";

    static ReceiptLayout layout(ReceiptLayout.IdCode code) {
        return new ReceiptLayout(ReceiptLayoutTest.STORE, new EnglishWords(), m -> m.toMajor().toPlainString(),
                ReceiptLayoutTest.TAX, PaperWidth.MM80, code);
    }

    static ReturnRecord cashReturn() {
        return new ReturnRecord(RETURN_ID, ReceiptLayoutTest.ID, "T1", "T2", "c-ann", null, null, "EUR", 1180, 167,
                Instant.parse("2026-12-06T14:03:00Z"),
                List.of(new ReturnRecord.Line(1, "4000001", "Milk", 2, 0, 300, 50, "STD", 2000),
                        new ReturnRecord.Line(3, "6900001", "有机牛奶", 1, 0, 880, 117, "STD", 2000)),
                List.of(new ReturnRecord.Refund(TenderType.CASH, 1180, null, null, null)), "damaged");
    }

    @Test
    void theTransactionIdIsAQrCodeWithTheIdAsTextUnderIt() {
        ReceiptDocument doc = layout(ReceiptLayout.IdCode.QR).receipt(ReceiptLayoutTest.cashSale());
        assertThat(doc.blocks()).filteredOn(ReceiptDocument.QrCode.class::isInstance)
                .containsExactly(new ReceiptDocument.QrCode(ReceiptLayoutTest.ID));
        assertThat(doc.blocks()).noneMatch(ReceiptDocument.Barcode.class::isInstance);
        assertThat(ReceiptLayout.plainText(doc)).anyMatch(l -> l.strip().equals("No. " + ReceiptLayoutTest.ID));
    }

    @Test
    void code128IsStillThereForStoresWithOneDimensionalScanners() {
        ReceiptDocument doc = layout(ReceiptLayout.IdCode.CODE128).receipt(ReceiptLayoutTest.cashSale());
        assertThat(doc.blocks()).filteredOn(ReceiptDocument.Barcode.class::isInstance)
                .containsExactly(new ReceiptDocument.Barcode(ReceiptLayoutTest.ID));
        assertThat(doc.blocks()).noneMatch(ReceiptDocument.QrCode.class::isInstance);
    }

    @Test
    void aRefundReceiptNamesTheOriginalSaleTheLinesTaxPerRateAndTheCashBackThenCutThenDrawer() {
        ReceiptDocument doc = layout(ReceiptLayout.IdCode.QR).refund(cashReturn());
        List<String> lines = ReceiptLayout.plainText(doc).stream().map(String::strip).toList();
        assertThat(lines).contains("Corner Shop", "Refund", "For sale " + ReceiptLayoutTest.ID, "No. " + RETURN_ID);
        assertThat(lines).anyMatch(l -> l.startsWith("Milk") && l.endsWith("3.00"));
        assertThat(lines).contains("2 x 1.50");
        assertThat(lines).anyMatch(l -> l.startsWith("incl. tax STD 20%") && l.endsWith("1.67"));
        assertThat(lines).anyMatch(l -> l.startsWith("TOTAL") && l.endsWith("11.80"));
        assertThat(lines).anyMatch(l -> l.startsWith("Cash") && l.endsWith("11.80"));
        List<ReceiptDocument.Block> blocks = doc.blocks();
        assertThat(blocks.get(blocks.size() - 2)).isInstanceOf(ReceiptDocument.Cut.class);
        assertThat(blocks.get(blocks.size() - 1)).isInstanceOf(ReceiptDocument.DrawerPulse.class);
        assertThat(blocks).contains(new ReceiptDocument.QrCode(RETURN_ID));
    }

    @Test
    void aRefundThroughTheGatewayOpensNoDrawerAndShowsTheRefundId() {
        ReturnRecord qr = new ReturnRecord(RETURN_ID, ReceiptLayoutTest.ID, "T1", "T1", null, null, null, "EUR", 300, 50,
                Instant.parse("2026-12-06T14:03:00Z"), List.of(new ReturnRecord.Line(1, "4000001", "Milk", 2, 0, 300, 50, "STD", 2000)),
                List.of(new ReturnRecord.Refund(TenderType.QR, 300, "01JEQ7Z3K8M2W4X6Y8Z0A2B4C7", "R-1", "RF-99")), null);
        ReceiptDocument doc = layout(ReceiptLayout.IdCode.QR).refund(qr);
        assertThat(doc.blocks()).noneMatch(ReceiptDocument.DrawerPulse.class::isInstance);
        assertThat(ReceiptLayout.plainText(doc)).anyMatch(l -> l.contains("RF-99"));
    }
}
