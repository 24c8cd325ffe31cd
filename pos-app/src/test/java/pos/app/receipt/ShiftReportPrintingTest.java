package pos.app.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.config.ReceiptSetting;
import pos.app.shift.NoSale;
import pos.app.shift.ShiftViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
import pos.core.catalog.TaxClass;
import pos.core.people.Approval;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.PlainReceiptText;
import pos.core.receipt.ReceiptLayout;
import pos.core.receipt.ShiftReportLayout;
import pos.core.receipt.TextColumns;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.core.shift.ShiftFigures;
import pos.core.shift.ZReport;
import pos.device.printer.PrinterSettings;
import pos.device.printer.ReceiptPrinters;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.shift.TillShifts;
import pos.testkit.printer.Receipt;
import pos.testkit.printer.VirtualEscPosPrinter;

/**
 * Issue 12 points 2 and 5: X and Z reports printed and the drawer opened through the till's real receipt printing
 * (escpos-coffee into the virtual ESC/POS printer over TCP), with the shift screen's model and "no sale" on a real
 * SQLite journal: what the paper shows holds the shift's figures; every drawer opening is a pulse on the printer
 * and is journaled.
 */
@DisplayName("Issue 12 points 2 and 5: X and Z reports on paper, the drawer through the printer")
class ShiftReportPrintingTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.UK);
    static final MoneyFormat MONEY = new MoneyFormat(Locale.UK);
    static final Clock CLOCK = Clock.systemUTC();

    @TempDir
    Path dataDir;

    VirtualEscPosPrinter printer;
    SqliteSaleJournal journal;
    ReceiptPrinting printing;
    PrintedShifts printed;
    TillShifts shifts;
    final TransactionId.Generator ids = new TransactionId.Generator(CLOCK);

    static ShiftReportLayout layout(PaperWidth paper) {
        return new ShiftReportLayout(new BundleShiftReportWords(TEXT, Locale.UK, ZoneOffset.UTC), MONEY::format, paper);
    }

    @BeforeEach
    void open() {
        printer = VirtualEscPosPrinter.onTcp();
        journal = SqliteSaleJournal.open(dataDir);
        BundleReceiptWords words = new BundleReceiptWords(TEXT, Locale.UK, ZoneOffset.UTC);
        printing = new ReceiptPrinting(new PrinterSettings(PrinterSettings.Kind.NETWORK, printer.address(), 9600,
                PaperWidth.MM80, true), ReceiptPrinters::create,
                paper -> new ReceiptLayout(ReceiptSetting.header("Corner Shop", "1 High Street", "GB1"), words, MONEY::format,
                        List.of(new TaxClass("STD", 2000)), paper, ReceiptLayout.IdCode.QR),
                journal, CLOCK, "till-z", Duration.ofSeconds(15));
        printing.start();
        shifts = new TillShifts(journal, "till-z", "GBP", CLOCK, () -> ids.next().value());
        printing.useShift(() -> shifts.currentShiftId().orElse(null));
        printed = new PrintedShifts(printing, ShiftReportPrintingTest::layout, CLOCK, () -> "c-ann", Duration.ofSeconds(20));
    }

    @AfterEach
    void close() {
        printing.close();
        journal.close();
        printer.close();
    }

    List<TillEvent> events(AuditKind kind) {
        return journal.records(TillEvent.class, Instant.EPOCH, Instant.now().plusSeconds(3600)).stream()
                .filter(e -> e.entry().kind() == kind).toList();
    }

    /** A cash sale of 20.00 (tax 3.33 at 20 %) paid with 50.00, journaled in the open shift. */
    SaleRecord cashSale(String shiftId) {
        SaleRecord sale = new SaleRecord(ids.next().value(), "till-z", SaleState.PAID, "GBP", 2000, 333, Instant.now(),
                Instant.now(), List.of(new SaleRecord.Line(1, "1001", "Tea", 1, 0, 2000, 2000, "STD", 2000, 0, null, 2000, 333)),
                List.of(new SaleRecord.Payment(TenderType.CASH, 2000, 5000, 3000)), "c-ann", "Ann", shiftId, 0, null, 0,
                List.of());
        journal.append(sale);
        return sale;
    }

    /** A card sale of 7.50 (tax 1.25), journaled in the open shift. */
    SaleRecord cardSale(String shiftId) {
        SaleRecord sale = new SaleRecord(ids.next().value(), "till-z", SaleState.PAID, "GBP", 750, 125, Instant.now(),
                Instant.now(), List.of(new SaleRecord.Line(1, "1002", "Scones", 1, 0, 750, 750, "STD", 750, 0, null, 2000, 125)),
                List.of(new SaleRecord.Payment(TenderType.CARD, 750, 750, 0, "card-ref")), "c-bob", "Bob", shiftId, 0, null, 0,
                List.of());
        journal.append(sale);
        return sale;
    }

    /** A cash return of 5.00 (tax 0.83), journaled in the open shift. */
    void cashReturn(String shiftId, String saleId) {
        journal.appendRecord(new ReturnRecord(ids.next().value(), saleId, "till-z", "till-z", "c-ann", null, shiftId, "GBP",
                500, 83, Instant.now(), List.of(new ReturnRecord.Line(1, "1001", "Tea", 1, 0, 500, 83, "STD", 2000)),
                List.of(new ReturnRecord.Refund(TenderType.CASH, 500, null, null, null)), "spilt"));
    }

    @Test
    @DisplayName("shift screen → sales, a return, a pay-out (drawer pulse) → X printed → close with a variance → Z printed with its figures, then cut")
    void theShiftScreensXAndZComeOutOfThePrinterWithTheirFigures() {
        ShiftViewModel model = new ShiftViewModel(shifts, () -> printed, () -> printed, () -> "c-ann", () -> false, TEXT, MONEY,
                ZoneOffset.UTC, TaskExecutor.sameThread(), UiThread.sameThread());
        model.activate();
        model.amountProperty().set("100");
        model.enter();
        String shiftId = shifts.currentShiftId().orElseThrow();
        SaleRecord sale = cashSale(shiftId);
        cardSale(shiftId);
        cashReturn(shiftId, sale.transactionId());

        model.amountProperty().set("12.50");
        model.reasonProperty().set("window cleaner");
        model.payOut();
        Receipt pulse = printer.awaitReceipts(1).get(0);
        assertThat(pulse.drawerPulses()).as("the pay-out opens the drawer through the printer").hasSize(1);
        assertThat(events(AuditKind.DRAWER_PULSED)).singleElement().satisfies(e -> {
            assertThat(e.entry().subject()).isEqualTo("pay-out");
            assertThat(e.shiftId()).isEqualTo(shiftId);
        });

        model.x();
        model.print();
        Receipt x = printer.awaitReceipts(2).get(1);
        assertThat(x.strippedLines()).contains("X report", "Till: till-z", "Shift " + shiftId);
        assertThat(x.strippedLines()).anyMatch(l -> l.startsWith("Sales (2)") && l.endsWith("£27.50"));
        assertThat(x.isCut()).isTrue();

        // expected: 100.00 + 20.00 − 5.00 − 12.50 = 102.50; counted 100 + 2 × 1 = 102.00
        model.startCount();
        model.counts().stream().filter(r -> r.denominationMinor() == 5000L).findFirst().orElseThrow().countProperty().set("2");
        model.counts().stream().filter(r -> r.denominationMinor() == 100L).findFirst().orElseThrow().countProperty().set("2");
        model.reasonProperty().set("coins miscounted");
        model.makeZ();
        ZReport z = model.lastZ().orElseThrow();
        assertThat(z.handedOnPending()).as("no outbox runs in this test: every record is still waiting").isPositive();

        Receipt paper = printer.awaitReceipts(3).get(2);
        List<String> lines = paper.strippedLines();
        assertThat(lines).contains("Z report #1", "Till: till-z", "Shift " + shiftId, "Reason: coins miscounted",
                z.handedOnPending() + " records were not yet handed on to the store");
        assertThat(lines).anyMatch(l -> l.startsWith("Opened ") && l.endsWith(" by c-ann"))
                .anyMatch(l -> l.startsWith("Closed ") && l.endsWith(" by c-ann"))
                .anyMatch(l -> l.startsWith("Sales (2)") && l.endsWith("£27.50"))
                .anyMatch(l -> l.startsWith("Returns (1)") && l.endsWith("-£5.00"))
                .anyMatch(l -> l.startsWith("Net takings") && l.endsWith("£22.50"))
                .anyMatch(l -> l.startsWith("Cash") && l.endsWith("£15.00"))
                .anyMatch(l -> l.startsWith("sales (1)") && l.endsWith("£20.00"))
                .anyMatch(l -> l.startsWith("refunds (1)") && l.endsWith("-£5.00"))
                .anyMatch(l -> l.startsWith("Card") && l.endsWith("£7.50"))
                .anyMatch(l -> l.startsWith("Tax 20%") && l.endsWith("£3.75"))
                .anyMatch(l -> l.startsWith("Float") && l.endsWith("£100.00"))
                .anyMatch(l -> l.startsWith("Pay-outs (1)") && l.endsWith("-£12.50"))
                .anyMatch(l -> l.startsWith("Pay-ins (0)") && l.endsWith("£0.00"))
                .anyMatch(l -> l.startsWith("No-sale drawer openings") && l.endsWith("0"))
                .anyMatch(l -> l.startsWith("Voided lines (0)"))
                .anyMatch(l -> l.startsWith("Cancelled sales (0)"))
                .anyMatch(l -> l.startsWith("Discounted lines (0)"))
                .anyMatch(l -> l.startsWith("Cash expected") && l.endsWith("£102.50"))
                .anyMatch(l -> l.startsWith("2 x £50.00") && l.endsWith("£100.00"))
                .anyMatch(l -> l.startsWith("2 x £1.00") && l.endsWith("£2.00"))
                .anyMatch(l -> l.startsWith("Counted") && l.endsWith("£102.00"))
                .anyMatch(l -> l.startsWith("Variance") && l.endsWith("-£0.50"));
        assertThat(paper.isCut()).isTrue();
        assertThat(paper.drawerPulses()).as("a report opens no drawer").isEmpty();
        assertThat(lines).allSatisfy(l -> assertThat(TextColumns.width(l)).isLessThanOrEqualTo(48));
        await().atMost(Duration.ofSeconds(5)).until(() -> model.messageProperty().get().contains(TEXT.getString("shift.printed")));
    }

    @Test
    @DisplayName("Ctrl+N no sale with a supervisor's approval: a drawer pulse on the printer, DRAWER_OPENED (who, who approved) and DRAWER_PULSED journaled")
    void noSaleWithApprovalPulsesTheDrawerAndIsJournaled() {
        shifts.open(10000, "c-ann");
        List<String> said = new ArrayList<>();
        pos.app.checkout.Supervision approving = (action, subject, onWhat, approved, declined) ->
                approved.accept(new Approval(action, subject, "boss", "c-ann", CLOCK.instant()));
        new NoSale(shifts, () -> approving, () -> printed, said::add, TEXT, TaskExecutor.sameThread(), UiThread.sameThread())
                .request();
        assertThat(said).containsExactly("Drawer opened without a sale, approved by boss.");
        Receipt receipt = printer.awaitReceipts(1).get(0);
        assertThat(receipt.drawerPulses()).hasSize(1);
        assertThat(receipt.printsSomething()).as("no paper moves for a drawer pulse").isFalse();
        assertThat(events(AuditKind.DRAWER_OPENED)).singleElement().satisfies(e -> {
            assertThat(e.entry().clerkId()).isEqualTo("c-ann");
            assertThat(e.entry().approverId()).isEqualTo("boss");
        });
        assertThat(events(AuditKind.DRAWER_PULSED)).singleElement()
                .satisfies(e -> assertThat(e.entry().subject()).isEqualTo("no sale"));
        assertThat(shifts.x().noSaleCount()).isEqualTo(1);
    }

    @Test
    @DisplayName("the Z report on 58 mm (32 columns) and 80 mm (48 columns): every line fits, the same figures, the pending records said")
    void theZFitsBothPaperWidths() {
        shifts.open(5000, null);
        String shiftId = shifts.currentShiftId().orElseThrow();
        cashSale(shiftId);
        ZReport z = shifts.close(Map.of(2000L, 3, 500L, 2), "", null);
        ShiftFigures f = z.figures();
        assertThat(f.salesMinor()).isEqualTo(2000);
        for (PaperWidth paper : PaperWidth.values()) {
            List<String> lines = PlainReceiptText.lines(layout(paper).z(z));
            assertThat(lines).as(paper + " fits").allSatisfy(l -> assertThat(TextColumns.width(l)).isLessThanOrEqualTo(paper.columns()));
            assertThat(lines).anyMatch(l -> l.startsWith("Sales (1)") && l.endsWith("£20.00"))
                    .anyMatch(l -> l.startsWith("Cash expected") && l.endsWith("£70.00"))
                    .anyMatch(l -> l.startsWith("Variance") && l.endsWith("£0.00"))
                    .anyMatch(l -> l.startsWith("Opened ") && !l.contains(" by "));
            assertThat(String.join(" ", lines)).contains(z.handedOnPending() + " records were not yet handed on to the store");
            assertThat(lines.get(lines.size() - 1)).as("then cut").contains("CUT");
        }
    }
}
