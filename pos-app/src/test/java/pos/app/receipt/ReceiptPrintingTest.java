package pos.app.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.config.ReceiptSetting;
import pos.app.ui.MoneyFormat;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.catalog.TaxClass;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.PrinterStatus;
import pos.core.receipt.ReceiptDocument;
import pos.core.receipt.ReceiptLayout;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.device.printer.PrinterSettings;
import pos.device.printer.ReceiptPrinters;
import pos.sync.journal.SqliteSaleJournal;
import pos.testkit.printer.EscPosEvent;
import pos.testkit.printer.Receipt;
import pos.testkit.printer.VirtualEscPosPrinter;

/**
 * Issue 12 points 1 and 2: the till's print service with the real ESC/POS printer code printing into
 * the virtual printer over TCP and a real SQLite journal: after the journal append, once, with the
 * drawer pulse after cash journaled; failures said and never retried by themselves; reprints as copies.
 */
class ReceiptPrintingTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final List<TaxClass> TAX = List.of(new TaxClass("STD", 2000), new TaxClass("RED", 700));

    @TempDir
    Path dataDir;

    VirtualEscPosPrinter printer;
    SqliteSaleJournal journal;
    ReceiptPrinting printing;

    @BeforeEach
    void open() {
        printer = VirtualEscPosPrinter.onTcp();
        journal = SqliteSaleJournal.open(dataDir);
    }

    @AfterEach
    void close() {
        if (printing != null) {
            printing.close();
        }
        journal.close();
        printer.close();
    }

    PrinterSettings network(VirtualEscPosPrinter target) {
        return new PrinterSettings(PrinterSettings.Kind.NETWORK, target.address(), 9600, PaperWidth.MM58, true);
    }

    ReceiptPrinting start(PrinterSettings settings, ReceiptLayout.IdCode code) {
        BundleReceiptWords words = new BundleReceiptWords(TEXT, Locale.US, Clock.systemUTC().getZone());
        MoneyFormat money = new MoneyFormat(Locale.US);
        printing = new ReceiptPrinting(settings, ReceiptPrinters::create,
                paper -> new ReceiptLayout(ReceiptSetting.header("Corner Shop", "1 High Street|Springfield", "GB1"), words,
                        money::format, TAX, paper, code),
                journal, Clock.systemUTC(), "T1", Duration.ofSeconds(15));
        printing.start();
        return printing;
    }

    static SaleRecord cashSale(String id) {
        return new SaleRecord(id, "T1", SaleState.PAID, "EUR", 509, 33, Instant.now(), Instant.now(),
                List.of(new SaleRecord.Line(1, "1001", "Whole milk 1 L", 1, 0, 509, 509, "RED")),
                List.of(new SaleRecord.Payment(TenderType.CASH, 509, 1000, 491)), "c-ann", "Ann", null, 0, null, 0, List.of());
    }

    static SaleRecord cardSale(String id) {
        return new SaleRecord(id, "T1", SaleState.PAID, "EUR", 509, 33, Instant.now(), Instant.now(),
                List.of(new SaleRecord.Line(1, "1001", "Whole milk 1 L", 1, 0, 509, 509, "RED")),
                List.of(new SaleRecord.Payment(TenderType.CARD, 509, 509, 0, "01JEQ7Z3K8M2W4X6Y8Z0A2B4C7")));
    }

    /** Journaled first, as the checkout does; then handed to the print service. */
    ReceiptPrinting.Outcome finish(SaleRecord sale) throws Exception {
        journal.append(sale);
        return printing.saleJournaled(sale).get(20, TimeUnit.SECONDS);
    }

    List<TillEvent> events(AuditKind kind) {
        return journal.records(TillEvent.class, Instant.EPOCH, Instant.now().plusSeconds(3600)).stream()
                .filter(e -> e.entry().kind() == kind).toList();
    }

    @Test
    void aCashSalePrintsOnceWithItsClerkQrCodeCutAndDrawerPulseAndThePulseIsJournaled() throws Exception {
        start(network(printer), ReceiptLayout.IdCode.QR);
        String id = "01JEQ9A0000000000000000001";
        assertThat(finish(cashSale(id))).isEqualTo(ReceiptPrinting.Outcome.PRINTED);

        Receipt receipt = printer.awaitReceipts(1).get(0);
        assertThat(receipt.strippedLines()).contains("Corner Shop", "Clerk: Ann", "No. " + id);
        assertThat(receipt.qrCodes()).extracting(EscPosEvent.QrCode::data).containsExactly(id);
        assertThat(receipt.isCut()).isTrue();
        assertThat(receipt.drawerPulses()).hasSize(1);
        assertThat(events(AuditKind.DRAWER_PULSED)).singleElement().satisfies(e -> {
            assertThat(e.entry().subject()).isEqualTo(id);
            assertThat(e.entry().clerkId()).isEqualTo("c-ann");
            assertThat(e.tillId()).isEqualTo("T1");
        });
        assertThat(printing.lastSale()).hasValueSatisfying(s -> assertThat(s.transactionId()).isEqualTo(id));
    }

    @Test
    void aCardSaleOpensNoDrawerAndCode128IsUsedWhenChosen() throws Exception {
        start(network(printer), ReceiptLayout.IdCode.CODE128);
        String id = "01JEQ9A0000000000000000002";
        assertThat(finish(cardSale(id))).isEqualTo(ReceiptPrinting.Outcome.PRINTED);
        Receipt receipt = printer.awaitReceipts(1).get(0);
        assertThat(receipt.barcodes()).extracting(EscPosEvent.Barcode::data).containsExactly(id);
        assertThat(receipt.drawerPulses()).isEmpty();
        assertThat(events(AuditKind.DRAWER_PULSED)).isEmpty();
    }

    @Test
    void paperOutIsSaidTheSaleStaysAndAlt_R_PrintsTheCopyOnceWithoutTheDrawer() throws Exception {
        start(network(printer), ReceiptLayout.IdCode.QR);
        printer.paperOut(true);
        String id = "01JEQ9A0000000000000000003";
        assertThat(finish(cashSale(id))).isEqualTo(ReceiptPrinting.Outcome.NOT_PRINTED);
        assertThat(journal.find(id)).isPresent();
        await().atMost(Duration.ofSeconds(10)).until(() -> printing.state().status() == PrinterStatus.PAPER_OUT);
        assertThat(PrinterStatusText.of(printing.state(), TEXT))
                .isEqualTo("Printer: paper out — receipt of the last sale not printed, Alt+R prints it");
        assertThat(PrinterStatusText.problem(printing.state())).isTrue();
        assertThat(printer.receipts()).isEmpty();
        assertThat(events(AuditKind.DRAWER_PULSED)).as("no pulse went out").isEmpty();

        printer.paperOut(false);
        assertThat(printing.reprintLast("c-bob").get(20, TimeUnit.SECONDS)).isEqualTo(ReceiptPrinting.Outcome.PRINTED);
        Receipt copy = printer.awaitReceipts(1).get(0);
        assertThat(copy.strippedLines()).contains("*** COPY ***", "No. " + id);
        assertThat(copy.drawerPulses()).isEmpty();
        assertThat(printer.receipts()).hasSize(1);
        assertThat(events(AuditKind.RECEIPT_REPRINTED)).singleElement()
                .satisfies(e -> assertThat(e.entry().clerkId()).isEqualTo("c-bob"));
        await().atMost(Duration.ofSeconds(10)).until(() -> PrinterStatusText.of(printing.state(), TEXT).equals("Printer: ready"));
    }

    @Test
    void aReceiptIsFoundByItsNumberInTheJournalAndAnUnknownNumberIsSaid() throws Exception {
        start(network(printer), ReceiptLayout.IdCode.QR);
        String id = "01JEQ9A0000000000000000004";
        journal.append(cashSale(id)); // journaled earlier, e.g. before a restart
        assertThat(printing.reprint(" " + id + " ", null).get(20, TimeUnit.SECONDS)).isEqualTo(ReceiptPrinting.Outcome.PRINTED);
        assertThat(printer.awaitReceipts(1).get(0).strippedLines()).contains("*** COPY ***", "No. " + id);
        assertThat(printing.reprint("01JEQ9A0000000000000000099", null).get(20, TimeUnit.SECONDS))
                .isEqualTo(ReceiptPrinting.Outcome.NOT_FOUND);
        assertThat(PrinterStatusText.outcome(ReceiptPrinting.Outcome.NOT_FOUND, "X1", "", TEXT))
                .isEqualTo("No sale or return with the number X1 is in this till's journal.");
        assertThat(printing.reprintLast(null).get(5, TimeUnit.SECONDS)).as("nothing finished since start")
                .isEqualTo(ReceiptPrinting.Outcome.NOTHING_TO_REPRINT);
    }

    @Test
    void aCashRefundPrintsItsRefundReceiptAndOpensTheDrawerJournaled() throws Exception {
        start(network(printer), ReceiptLayout.IdCode.QR);
        ReturnRecord ret = new ReturnRecord("01JEQ9B0000000000000000001", "01JEQ9A0000000000000000001", "T1", "T1", "c-ann",
                null, null, "EUR", 509, 33, Instant.now(),
                List.of(new ReturnRecord.Line(1, "1001", "Whole milk 1 L", 1, 0, 509, 33, "RED", 700)),
                List.of(new ReturnRecord.Refund(TenderType.CASH, 509, null, null, null)), null);
        assertThat(printing.printReturn(ret).get(20, TimeUnit.SECONDS)).isEqualTo(ReceiptPrinting.Outcome.PRINTED);
        Receipt receipt = printer.awaitReceipts(1).get(0);
        assertThat(receipt.strippedLines()).contains("Refund", "For sale", "01JEQ9A0000000000000000001",
                "No. " + ret.returnId()); // 58 mm: the long line wraps
        assertThat(receipt.drawerPulses()).hasSize(1);
        assertThat(events(AuditKind.DRAWER_PULSED)).extracting(e -> e.entry().subject()).containsExactly(ret.returnId());
    }

    @Test
    void withoutAPrinterNothingIsAttemptedAndTheStatusBarSaysSo() throws Exception {
        start(PrinterSettings.none(), ReceiptLayout.IdCode.QR);
        assertThat(finish(cashSale("01JEQ9A0000000000000000005"))).isEqualTo(ReceiptPrinting.Outcome.NO_PRINTER);
        assertThat(PrinterStatusText.of(printing.state(), TEXT)).isEqualTo("No receipt printer");
        assertThat(PrinterStatusText.problem(printing.state())).isFalse();
        assertThat(printer.events()).isEmpty();
    }

    @Test
    void theTillSwitchesToANewPrinterAndAJobNeverHoldsUpTheCaller() throws Exception {
        start(network(printer), ReceiptLayout.IdCode.QR);
        try (VirtualEscPosPrinter second = VirtualEscPosPrinter.onTcp()) {
            printing.usePrinter(network(second)).get(10, TimeUnit.SECONDS);
            printer.offline(true); // the old one is gone; nothing goes there any more
            SaleRecord sale = cashSale("01JEQ9A0000000000000000006");
            journal.append(sale);
            long before = System.nanoTime();
            var pending = printing.saleJournaled(sale);
            assertThat(Duration.ofNanos(System.nanoTime() - before)).as("queued, not printed on the caller's thread")
                    .isLessThan(Duration.ofMillis(200));
            assertThat(pending.get(20, TimeUnit.SECONDS)).isEqualTo(ReceiptPrinting.Outcome.PRINTED);
            assertThat(second.awaitReceipts(1).get(0).strippedLines()).contains("No. 01JEQ9A0000000000000000006");
        }
    }

    @Test
    void aDocumentOfAnotherPartPrintsAsItIs() throws Exception {
        start(network(printer), ReceiptLayout.IdCode.QR);
        ReceiptDocument pulse = ReceiptDocument.drawerPulse(PaperWidth.MM58);
        assertThat(printing.printDocument(pulse, "no-sale", "c-sue").get(20, TimeUnit.SECONDS))
                .isEqualTo(ReceiptPrinting.Outcome.PRINTED);
        await().atMost(Duration.ofSeconds(10)).until(() -> !printer.events().isEmpty());
        assertThat(printer.events()).filteredOn(EscPosEvent.DrawerPulse.class::isInstance).hasSize(1);
        assertThat(events(AuditKind.DRAWER_PULSED)).singleElement().satisfies(e -> assertThat(e.entry().clerkId()).isEqualTo("c-sue"));
    }
}
