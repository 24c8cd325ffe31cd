package pos.device.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.PrinterCoverOpenException;
import pos.core.receipt.PrinterFailedException;
import pos.core.receipt.PrinterOfflineException;
import pos.core.receipt.PrinterPaperOutException;
import pos.core.receipt.PrinterStatus;
import pos.core.receipt.ReceiptDocument;
import pos.core.receipt.ReceiptPrinter;
import pos.core.receipt.TextColumns;
import pos.testkit.printer.EscPosEvent;
import pos.testkit.printer.Receipt;
import pos.testkit.printer.VirtualEscPosPrinter;

/** The real ESC/POS printer adapter printing into the virtual printer of pos-testkit over TCP. */
class EscPosReceiptPrinterTest {

    VirtualEscPosPrinter virtual;
    ReceiptPrinter printer;

    @BeforeEach
    void start() {
        virtual = VirtualEscPosPrinter.onTcp();
        printer = ReceiptPrinters.create(new PrinterSettings(PrinterSettings.Kind.NETWORK, virtual.address(), 9600, PaperWidth.MM80, true));
    }

    @AfterEach
    void stop() {
        virtual.close();
    }

    @ParameterizedTest
    @EnumSource(PaperWidth.class)
    @DisplayName("issue 12 (1, 9): a cash sale's receipt decodes to the header, lines, tax per rate, tender and change, the id as CODE128 and text, a cut and a drawer pulse")
    void aCashSaleReceiptComesOutAsTheLayoutSaysFollowedByACutAndADrawerPulse(PaperWidth paper) {
        ReceiptDocument document = Receipts.layout(paper).receipt(Receipts.cashSale());

        printer.print(document);

        List<Receipt> receipts = virtual.awaitReceipts(1);
        assertThat(receipts).hasSize(1);
        Receipt receipt = receipts.get(0);
        assertThat(receipt.strippedLines()).contains("Corner Shop", "1 High Street", "Springfield", "Tax no. GB123456789", "Receipt",
                "2 x 1.50", "0.350 kg x 12.00/kg", "Till: T1", "2026-12-06 14:03", "No. " + Receipts.ID);
        assertThat(receipt.lines()).contains(
                row("Milk", "3.00", paper), row("Apples", "4.20", paper), row("有机牛奶 (鲜)", "8.80", paper),
                row("incl. tax STD 20%", "1.97", paper), row("incl. tax RED 5.5%", "0.22", paper),
                row("TOTAL", "16.00", paper), row("Cash", "16.00", paper),
                row("  Given", "20.00", paper), row("  Change", "4.00", paper));
        assertThat(receipt.textLines().get(0)).satisfies(title -> {
            assertThat(title.doubleSize()).isTrue();
            assertThat(title.bold()).isTrue();
            assertThat(title.align()).isEqualTo(EscPosEvent.Align.CENTER);
        });
        assertThat(receipt.textLines()).filteredOn(l -> l.text().startsWith("TOTAL")).allMatch(EscPosEvent.TextLine::bold);
        assertThat(receipt.barcodes()).containsExactly(new EscPosEvent.Barcode("CODE128", Receipts.ID, 1));
        assertThat(receipt.isCut()).isTrue();
        assertThat(receipt.drawerPulses()).containsExactly(new EscPosEvent.DrawerPulse(2, 50, 500));
        List<EscPosEvent> events = receipt.events();
        assertThat(events.get(events.size() - 1)).isInstanceOf(EscPosEvent.DrawerPulse.class);
        assertThat(events.get(events.size() - 2)).isInstanceOf(EscPosEvent.Cut.class);
    }

    @Test
    @DisplayName("issue 12 (1): Chinese product names go through the printer's GBK mode and decode back to the same text")
    void chineseNamesArePrintedInGbkModeAndComeBackIdentical() {
        printer.print(Receipts.layout(PaperWidth.MM58).receipt(Receipts.cashSale()));

        assertThat(virtual.awaitReceipts(1).get(0).lines()).anySatisfy(line -> assertThat(line).startsWith("有机牛奶 (鲜)").endsWith("8.80"));
        byte[] bytes = virtual.bytes();
        assertThat(indexOf(bytes, new byte[] {0x1C, '&'})).as("FS & before Chinese").isGreaterThanOrEqualTo(0);
        assertThat(indexOf(bytes, new byte[] {0x1C, '.'})).as("FS . after it").isGreaterThan(indexOf(bytes, new byte[] {0x1C, '&'}));
        assertThat(indexOf(bytes, "有机牛奶".getBytes(java.nio.charset.Charset.forName("GBK")))).as("GBK bytes").isGreaterThan(0);
    }

    @Test
    @DisplayName("issue 12 (1): the test page prints Chinese, a barcode and a QR code")
    void theTestPagePrintsCodesAndChinese() {
        printer.print(Receipts.layout(PaperWidth.MM80).testPage(printer.name()));

        Receipt page = virtual.awaitReceipts(1).get(0);
        assertThat(page.strippedLines()).contains("Test page", "Printer: " + printer.name(), "中文打印 测试 收据");
        assertThat(page.barcodes()).extracting(EscPosEvent.Barcode::data).containsExactly("TEST-80");
        assertThat(page.qrCodes()).extracting(EscPosEvent.QrCode::data).containsExactly("TEST-80");
        assertThat(page.isCut()).isTrue();
        assertThat(page.drawerPulses()).isEmpty();
    }

    @Test
    @DisplayName("issue 12 (1): QR data is sent as UTF-8 whatever the JVM's default charset, so Chinese in a QR code comes back identical")
    void qrCodeDataIsUtf8() {
        printer.print(ReceiptDocument.builder(PaperWidth.MM58).qrCode("收据 " + Receipts.ID).cut().build());

        assertThat(virtual.awaitReceipts(1).get(0).qrCodes()).containsExactly(new EscPosEvent.QrCode("收据 " + Receipts.ID));
    }

    @Test
    @DisplayName("issue 12 (1): a print queue that does not exist is a setup problem named in the sentence, not \"offline\"")
    void aMissingPrintQueueIsNamed() {
        ReceiptPrinter cups = ReceiptPrinters.create(new PrinterSettings(PrinterSettings.Kind.CUPS, "no-such-queue-12", 9600, PaperWidth.MM80, true));

        assertThat(cups.status()).isEqualTo(PrinterStatus.OFFLINE);
        assertThatThrownBy(() -> cups.print(ReceiptDocument.drawerPulse(PaperWidth.MM80)))
                .isInstanceOf(PrinterFailedException.class)
                .hasMessage("The receipt printer CUPS queue no-such-queue-12 did not print: there is no print queue named 'no-such-queue-12'"
                        + " (lpstat -p lists them).");
    }

    @Test
    @DisplayName("issue 12 (2): the drawer opens alone with a document holding only a pulse, and no paper moves")
    void theDrawerOpensAloneWithAPulseOnlyDocument() {
        printer.print(ReceiptDocument.drawerPulse(PaperWidth.MM80));

        virtual.awaitReceipts(1);
        assertThat(virtual.events()).containsExactly(new EscPosEvent.DrawerPulse(2, 50, 500));
    }

    @Test
    @DisplayName("issue 12 (1): a ready printer answers READY to DLE EOT 1")
    void aReadyPrinterSaysReady() {
        assertThat(printer.status()).isEqualTo(PrinterStatus.READY);
        assertThat(virtual.statusRequests()).containsExactly(1);
    }

    @Test
    @DisplayName("issue 12 (1): paper out is a status and a sentence, and nothing is printed")
    void paperOutIsReportedAndNothingPrints() {
        virtual.paperOut(true);

        assertThat(printer.status()).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThatThrownBy(() -> printer.print(Receipts.layout(PaperWidth.MM80).receipt(Receipts.cashSale())))
                .isInstanceOf(PrinterPaperOutException.class)
                .hasMessage("The receipt printer " + printer.name() + " is out of paper: put in a new roll.");
        assertThat(virtual.events()).isEmpty();

        virtual.paperOut(false);
        printer.print(Receipts.layout(PaperWidth.MM80).copy(Receipts.cashSale()));
        assertThat(virtual.awaitReceipts(1)).hasSize(1);
    }

    @Test
    @DisplayName("issue 12 (1): cover open is a status and a sentence, and nothing is printed")
    void coverOpenIsReportedAndNothingPrints() {
        virtual.coverOpen(true);

        assertThat(printer.status()).isEqualTo(PrinterStatus.COVER_OPEN);
        assertThatThrownBy(() -> printer.print(ReceiptDocument.drawerPulse(PaperWidth.MM80)))
                .isInstanceOf(PrinterCoverOpenException.class)
                .hasMessage("The receipt printer " + printer.name() + " has its cover open: close the cover.");
        assertThat(virtual.events()).isEmpty();
    }

    @Test
    @DisplayName("issue 12 (1): a printer switched off (connection refused) is OFFLINE and printing says so; back on, it prints")
    void anUnreachablePrinterIsOfflineAndPrintsAgainWhenBack() {
        virtual.offline(true);

        assertThat(printer.status()).isEqualTo(PrinterStatus.OFFLINE);
        assertThatThrownBy(() -> printer.print(Receipts.layout(PaperWidth.MM80).receipt(Receipts.cashSale())))
                .isInstanceOf(PrinterOfflineException.class)
                .hasMessage("The receipt printer " + printer.name() + " is offline: check that it is switched on and connected.")
                .hasCauseInstanceOf(java.io.IOException.class);

        virtual.offline(false);
        assertThat(printer.status()).isEqualTo(PrinterStatus.READY);
        printer.print(Receipts.layout(PaperWidth.MM80).copy(Receipts.cashSale()));
        assertThat(virtual.awaitReceipts(1)).hasSize(1);
        assertThat(virtual.receipts().get(0).strippedLines()).contains("COPY");
    }

    @Test
    @DisplayName("issue 12 (1): a printer that is there but answers no status (a plain TCP sink) is NONE, and jobs still go out")
    void aPrinterThatNeverAnswersIsUnknownAndStillPrints() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread sink = new Thread(() -> {
                try (var socket = silent.accept(); var in = socket.getInputStream()) {
                    in.readAllBytes();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            sink.setDaemon(true);
            sink.start();
            EscPosReceiptPrinter quiet = new EscPosReceiptPrinter(new TcpPrinterConnection("127.0.0.1", silent.getLocalPort()),
                    new EscPosRenderer(true), java.time.Duration.ofMillis(200));
            assertThat(quiet.status()).isEqualTo(PrinterStatus.NONE);
        }
    }

    @Test
    @DisplayName("issue 12 (1): a till with no printer set up says so in a sentence")
    void noPrinterSaysSo() {
        ReceiptPrinter none = ReceiptPrinters.create(PrinterSettings.none());
        assertThat(none.status()).isEqualTo(PrinterStatus.NONE);
        assertThatThrownBy(() -> none.print(ReceiptDocument.drawerPulse(PaperWidth.MM80)))
                .isInstanceOf(PrinterFailedException.class)
                .hasMessageContaining("no receipt printer is set up on this till");
    }

    @Test
    @DisplayName("issue 12 (1, 9): a printer behind a device file (a named pipe standing in for /dev/usb/lp0) prints the same receipt")
    void aDeviceFilePrinterPrintsThroughANamedPipe(@TempDir Path directory) {
        try (VirtualEscPosPrinter pipe = VirtualEscPosPrinter.onNamedPipe(directory.resolve("lp0"))) {
            ReceiptPrinter device = ReceiptPrinters.create(new PrinterSettings(PrinterSettings.Kind.DEVICE_FILE,
                    pipe.path().toString(), 9600, PaperWidth.MM58, true));
            assertThat(device.status()).as("a pipe cannot answer").isEqualTo(PrinterStatus.NONE);

            device.print(Receipts.layout(PaperWidth.MM58).receipt(Receipts.cashSale()));

            Receipt receipt = pipe.awaitReceipts(1).get(0);
            assertThat(receipt.drawerPulses()).hasSize(1);
            assertThat(receipt.lines()).contains(row("有机牛奶 (鲜)", "8.80", PaperWidth.MM58));
            assertThat(receipt.barcodes()).extracting(EscPosEvent.Barcode::data).containsExactly(Receipts.ID);
        }
    }

    @Test
    @DisplayName("issue 12 (1, 9): a plain file as the device keeps the job, and a missing device is offline with a sentence")
    void aPlainFileDeviceKeepsTheJobAndAMissingOneIsOffline(@TempDir Path directory) {
        try (VirtualEscPosPrinter file = VirtualEscPosPrinter.onFile(directory.resolve("paper.bin"))) {
            ReceiptPrinter device = ReceiptPrinters.create(new PrinterSettings(PrinterSettings.Kind.DEVICE_FILE,
                    file.path().toString(), 9600, PaperWidth.MM80, false));
            device.print(Receipts.layout(PaperWidth.MM80).receipt(Receipts.cashSale()));
            assertThat(file.receipts()).hasSize(1);
            assertThat(file.receipts().get(0).strippedLines()).contains("Corner Shop", "No. " + Receipts.ID);
        }
        ReceiptPrinter unplugged = ReceiptPrinters.create(new PrinterSettings(PrinterSettings.Kind.DEVICE_FILE,
                directory.resolve("lp9").toString(), 9600, PaperWidth.MM80, true));
        assertThat(unplugged.status()).isEqualTo(PrinterStatus.OFFLINE);
        assertThatThrownBy(() -> unplugged.print(ReceiptDocument.drawerPulse(PaperWidth.MM80)))
                .isInstanceOf(PrinterOfflineException.class)
                .hasRootCauseMessage(directory.resolve("lp9") + ": no such device (is the printer plugged in and switched on?)");
    }

    private static String row(String left, String amount, PaperWidth paper) {
        return TextColumns.twoColumns(left, amount, paper.columns()).get(0);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
