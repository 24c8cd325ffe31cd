package pos.core.receipt;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pos.core.catalog.TaxClass;
import pos.core.receipt.ReceiptDocument.Barcode;
import pos.core.receipt.ReceiptDocument.Block;
import pos.core.receipt.ReceiptDocument.Cut;
import pos.core.receipt.ReceiptDocument.DrawerPulse;
import pos.core.receipt.ReceiptDocument.QrCode;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;

class ReceiptLayoutTest {

    static final String ID = "01JEQ7Z3K8M2W4X6Y8Z0A2B4C6";
    static final StoreHeader STORE = new StoreHeader("Corner Shop", List.of("1 High Street", "Springfield"), "GB123456789");
    static final List<TaxClass> TAX = List.of(new TaxClass("STD", 2000), new TaxClass("RED", 550), new TaxClass("ZERO", 0));

    static SaleRecord cashSale() {
        return new SaleRecord(ID, "T1", SaleState.PAID, "EUR", 1600, 219,
                Instant.parse("2026-12-06T14:00:00Z"), Instant.parse("2026-12-06T14:03:00Z"),
                List.of(new SaleRecord.Line(1, "4000001", "Milk", 2, 0, 150, 300, "STD"),
                        new SaleRecord.Line(2, "2100000", "Apples", 1, 350, 1200, 420, "RED"),
                        new SaleRecord.Line(3, "6900001", "有机牛奶", 1, 0, 880, 880, "STD")),
                List.of(new SaleRecord.Payment(TenderType.CASH, 1600, 2000, 400)));
    }

    static SaleRecord qrSale() {
        return new SaleRecord(ID, "T2", SaleState.PAID, "EUR", 300, 50,
                Instant.parse("2026-12-06T14:00:00Z"), Instant.parse("2026-12-06T14:03:00Z"),
                List.of(new SaleRecord.Line(1, "4000001", "Milk", 2, 0, 150, 300, "STD")),
                List.of(new SaleRecord.Payment(TenderType.QR, 300, 300, 0, "01JEQ7Z3K8M2W4X6Y8Z0A2B4C7")));
    }

    static ReceiptLayout layout(PaperWidth paper) {
        return new ReceiptLayout(STORE, new EnglishWords(), m -> m.toMajor().toPlainString(), TAX, paper);
    }

    @ParameterizedTest
    @EnumSource(PaperWidth.class)
    @DisplayName("issue 12 (1): header, lines with quantity x price and kg, tax per rate, total, tender with change, till, time, id as CODE128 and text, cut, drawer pulse after cash")
    void aCashSaleReceiptHoldsEverythingTheIssueAsksForWithinThePaperWidth(PaperWidth paper) {
        ReceiptDocument receipt = layout(paper).receipt(cashSale());
        List<String> lines = PlainReceiptText.lines(receipt);
        int columns = paper.columns();

        assertThat(lines).filteredOn(line -> !line.startsWith("["))
                .allSatisfy(line -> assertThat(TextColumns.width(line)).isLessThanOrEqualTo(columns));
        assertThat(lines.get(0).strip()).isEqualTo("Corner Shop");
        assertThat(lines).contains(centred("1 High Street", columns), centred("Springfield", columns));
        assertThat(lines).anySatisfy(l -> assertThat(l.strip()).isEqualTo("Tax no. GB123456789"));
        assertThat(lines).contains(right("Milk", "3.00", columns), "  2 x 1.50",
                right("Apples", "4.20", columns), "  0.350 kg x 12.00/kg",
                right("有机牛奶", "8.80", columns),
                right("incl. tax STD 20%", "1.97", columns), right("incl. tax RED 5.5%", "0.22", columns),
                right("TOTAL", "16.00", columns),
                right("Cash", "16.00", columns), right("  Given", "20.00", columns), right("  Change", "4.00", columns),
                "Till: T1", "2026-12-06 14:03");
        assertThat(lines).anySatisfy(l -> assertThat(l.strip()).isEqualTo("No. " + ID));

        List<Block> blocks = receipt.blocks();
        assertThat(blocks).contains(new Barcode(ID));
        assertThat(blocks.get(blocks.size() - 2)).isInstanceOf(Cut.class);
        assertThat(blocks.get(blocks.size() - 1)).isEqualTo(DrawerPulse.STANDARD);
    }

    @ParameterizedTest
    @EnumSource(PaperWidth.class)
    @DisplayName("issue 12 (1): a Chinese name takes two columns a character, so its amount still ends at the paper's edge")
    void chineseNamesAreMeasuredInDoubleColumns(PaperWidth paper) {
        List<String> lines = PlainReceiptText.lines(layout(paper).receipt(cashSale()));
        String line = lines.stream().filter(l -> l.startsWith("有机牛奶")).findFirst().orElseThrow();
        assertThat(TextColumns.width(line)).isEqualTo(paper.columns());
        assertThat(line).hasSize(paper.columns() - 4).endsWith("8.80");
    }

    @Test
    @DisplayName("issue 12 (1): a QR tender prints its payment reference, and no drawer opens without cash")
    void nonCashTenderPrintsItsReferenceAndOpensNoDrawer() {
        ReceiptDocument receipt = layout(PaperWidth.MM58).receipt(qrSale());
        assertThat(PlainReceiptText.lines(receipt)).contains("Ref. 01JEQ7Z3K8M2W4X6Y8Z0A2B4C7");
        assertThat(receipt.blocks()).noneMatch(b -> b instanceof DrawerPulse);
        assertThat(receipt.blocks().get(receipt.blocks().size() - 1)).isInstanceOf(Cut.class);
    }

    @Test
    @DisplayName("issue 12 (1): a reprint is marked as a copy and never opens the drawer")
    void aCopyIsMarkedAndOpensNoDrawer() {
        ReceiptDocument copy = layout(PaperWidth.MM80).copy(cashSale());
        assertThat(PlainReceiptText.lines(copy)).anySatisfy(l -> assertThat(l.strip()).isEqualTo("COPY"));
        assertThat(copy.blocks()).noneMatch(b -> b instanceof DrawerPulse);
    }

    @Test
    @DisplayName("issue 12 (3): a refund receipt has its own title and names the original sale")
    void aRefundReceiptNamesTheOriginalSale() {
        List<String> lines = PlainReceiptText.lines(layout(PaperWidth.MM80).refund(qrSale(), "01JEQ0000000000000000000AA"));
        assertThat(lines).anySatisfy(l -> assertThat(l.strip()).isEqualTo("Refund"));
        assertThat(lines).anySatisfy(l -> assertThat(l.strip()).isEqualTo("For sale 01JEQ0000000000000000000AA"));
    }

    @Test
    void unknownTaxRatesPrintTheRecordsTaxOnOneLine() {
        ReceiptLayout noRates = new ReceiptLayout(STORE, new EnglishWords(), m -> m.toMajor().toPlainString(), List.of(), PaperWidth.MM58);
        assertThat(PlainReceiptText.lines(noRates.receipt(cashSale()))).contains(right("incl. tax", "2.19", 32));
    }

    @ParameterizedTest
    @EnumSource(PaperWidth.class)
    @DisplayName("issue 12 (1): the printer settings' test page shows the paper, Chinese text, a barcode and a QR code")
    void theTestPageShowsWhatThePrinterCanDo(PaperWidth paper) {
        ReceiptDocument page = layout(paper).testPage("tcp 10.0.0.9:9100");
        List<String> lines = PlainReceiptText.lines(page);
        assertThat(lines).contains("Paper " + paper.millimetres() + " mm, " + paper.columns() + " columns",
                "Printer: tcp 10.0.0.9:9100", "中文打印 测试 收据");
        assertThat(lines).filteredOn(line -> !line.startsWith("["))
                .allSatisfy(line -> assertThat(TextColumns.width(line)).isLessThanOrEqualTo(paper.columns()));
        assertThat(page.blocks()).hasAtLeastOneElementOfType(Barcode.class).hasAtLeastOneElementOfType(QrCode.class);
        assertThat(page.blocks().get(page.blocks().size() - 1)).isInstanceOf(Cut.class);
    }

    @Test
    @DisplayName("issue 12 (2): opening the drawer alone is a document with only a pulse")
    void aDrawerOnlyDocumentHoldsOnlyThePulse() {
        assertThat(ReceiptDocument.drawerPulse(PaperWidth.MM80).blocks()).containsExactly(DrawerPulse.STANDARD);
    }

    private static String right(String left, String amount, int columns) {
        return TextColumns.twoColumns(left, amount, columns).get(0);
    }

    private static String centred(String text, int columns) {
        return PlainReceiptText.align(text, ReceiptDocument.Align.CENTER, columns);
    }
}
