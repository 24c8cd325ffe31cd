package pos.app.receipt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.config.ReceiptSetting;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.ReceiptLayout;
import pos.core.sale.SaleRecord;
import pos.device.printer.PrinterSettings;
import pos.device.printer.ReceiptPrinters;
import pos.sync.journal.SqliteSaleJournal;
import pos.testkit.printer.Receipt;
import pos.testkit.printer.VirtualEscPosPrinter;

/**
 * Issue 12 point 1: the printer settings screen's model: the kind, address, serial speed, paper and GBK
 * as typed, a test page on the printer as typed, saved in printer.properties and used by the running
 * till at once (the old printer let go first). Real printer code, the virtual printer over TCP.
 */
class PrinterSettingsViewModelTest {

    @TempDir
    Path dataDir;

    VirtualEscPosPrinter printer;
    SqliteSaleJournal journal;
    ReceiptPrinting printing;

    @BeforeEach
    void open() {
        printer = VirtualEscPosPrinter.onTcp();
        journal = SqliteSaleJournal.open(dataDir);
        BundleReceiptWords words = new BundleReceiptWords(ReceiptPrintingTest.TEXT, Locale.US, Clock.systemUTC().getZone());
        printing = new ReceiptPrinting(PrinterSettings.none(), ReceiptPrinters::create,
                paper -> new ReceiptLayout(ReceiptSetting.header("Corner Shop", "", ""), words,
                        new MoneyFormat(Locale.US)::format, ReceiptPrintingTest.TAX, paper, ReceiptLayout.IdCode.QR),
                journal, Clock.systemUTC(), "T1", Duration.ofSeconds(15));
    }

    @AfterEach
    void close() {
        printing.close();
        journal.close();
        printer.close();
    }

    PrinterSettingsViewModel model() {
        return new PrinterSettingsViewModel(printing, dataDir, ReceiptPrintingTest.TEXT, TaskExecutor.sameThread(),
                UiThread.sameThread());
    }

    @Test
    void itStartsFromThePrinterInUseAndAnAddresslessPrinterIsRefusedWithASentence() {
        PrinterSettingsViewModel model = model();
        assertThat(model.kindProperty().get()).isEqualTo(PrinterSettings.Kind.NONE);
        assertThat(model.paperProperty().get()).isEqualTo(PaperWidth.MM80);

        model.kindProperty().set(PrinterSettings.Kind.NETWORK);
        assertThat(model.addressHintProperty().get()).contains("9100");
        model.save();
        assertThat(model.messageProperty().get()).startsWith("Check the settings:").contains("needs an address");
        assertThat(Files.exists(dataDir.resolve(PrinterSettings.FILE_NAME))).isFalse();

        model.kindProperty().set(PrinterSettings.Kind.SERIAL);
        model.addressProperty().set("/dev/ttyUSB0");
        model.baudProperty().set("fast");
        model.printTestPage();
        assertThat(model.messageProperty().get()).startsWith("Check the settings:");
    }

    @Test
    void enterPrintsATestPageOnThePrinterAsTypedBeforeItIsSaved() {
        PrinterSettingsViewModel model = model();
        model.kindProperty().set(PrinterSettings.Kind.NETWORK);
        model.addressProperty().set(printer.address());
        model.paperProperty().set(PaperWidth.MM58);
        model.printTestPage();

        await().atMost(Duration.ofSeconds(15)).until(() -> model.messageProperty().get().startsWith("The test page went to"));
        Receipt page = printer.awaitReceipts(1).get(0);
        assertThat(page.strippedLines()).contains("Printer test", "page", "Paper 58 mm, 32 columns", "中文打印 测试 收据");
        assertThat(printing.settings().kind()).as("not saved or used yet").isEqualTo(PrinterSettings.Kind.NONE);

        printer.offline(true);
        model.printTestPage();
        await().atMost(Duration.ofSeconds(15)).until(() -> model.messageProperty().get().startsWith("No test page:"));
    }

    @Test
    void ctrlEnterSavesAndTheRunningTillPrintsOnTheNewPrinter() throws Exception {
        PrinterSettingsViewModel model = model();
        model.kindProperty().set(PrinterSettings.Kind.NETWORK);
        model.addressProperty().set(printer.address());
        model.paperProperty().set(PaperWidth.MM58);
        model.gbkProperty().set(false);
        model.save();

        assertThat(model.messageProperty().get()).isEqualTo("Saved. The till prints on " + printer.address() + " from now on.");
        PrinterSettings saved = PrinterSettings.load(dataDir);
        assertThat(saved).isEqualTo(new PrinterSettings(PrinterSettings.Kind.NETWORK, printer.address(), 9600,
                PaperWidth.MM58, false));
        assertThat(printing.settings()).isEqualTo(saved);

        SaleRecord sale = ReceiptPrintingTest.cashSale("01JEQ9C0000000000000000001");
        journal.append(sale);
        assertThat(printing.saleJournaled(sale).get(20, TimeUnit.SECONDS)).isEqualTo(ReceiptPrinting.Outcome.PRINTED);
        assertThat(printer.awaitReceipts(1).get(0).lines()).allMatch(l -> l.length() <= 32);
    }
}
