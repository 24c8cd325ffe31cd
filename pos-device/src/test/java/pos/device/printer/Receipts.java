package pos.device.printer;

import java.time.Instant;
import java.util.List;
import pos.core.catalog.TaxClass;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.ReceiptLayout;
import pos.core.receipt.StoreHeader;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

/** Sales and layouts the printer tests print. */
final class Receipts {

    static final String ID = "01JEQ7Z3K8M2W4X6Y8Z0A2B4C6";
    static final StoreHeader STORE = new StoreHeader("Corner Shop", List.of("1 High Street", "Springfield"), "GB123456789");
    static final List<TaxClass> TAX = List.of(new TaxClass("STD", 2000), new TaxClass("RED", 550));

    private Receipts() {
    }

    static SaleRecord cashSale() {
        return new SaleRecord(ID, "T1", SaleState.PAID, "EUR", 1600, 219,
                Instant.parse("2026-12-06T14:00:00Z"), Instant.parse("2026-12-06T14:03:00Z"),
                List.of(new SaleRecord.Line(1, "4000001", "Milk", 2, 0, 150, 300, "STD"),
                        new SaleRecord.Line(2, "2100000", "Apples", 1, 350, 1200, 420, "RED"),
                        new SaleRecord.Line(3, "6900001", "有机牛奶 (鲜)", 1, 0, 880, 880, "STD")),
                List.of(new SaleRecord.Payment(TenderType.CASH, 1600, 2000, 400)));
    }

    static ReceiptLayout layout(PaperWidth paper) {
        return new ReceiptLayout(STORE, new EnglishWords(), m -> m.toMajor().toPlainString(), TAX, paper);
    }
}
