package pos.device.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.receipt.PaperWidth;
import pos.core.receipt.PrinterPaperOutException;
import pos.core.receipt.PrinterStatus;
import pos.core.receipt.ReceiptPrinter;
import pos.testkit.printer.EscPosEvent;
import pos.testkit.printer.Receipt;
import pos.testkit.printer.VirtualEscPosPrinter;

/**
 * The connections that read status back over a line rather than a socket: a serial port
 * (jSerialComm) and a character device opened read/write as /dev/usb/lp0 is, both on a
 * pseudo-terminal pair that the virtual printer answers on.
 */
class SerialAndDevicePrinterTest {

    @TempDir
    Path directory;
    VirtualEscPosPrinter virtual;

    @BeforeEach
    void start() {
        virtual = VirtualEscPosPrinter.onSerialLine(directory);
    }

    @AfterEach
    void stop() {
        virtual.close();
    }

    @Test
    @DisplayName("issue 12 (1): a serial printer reads its status with DLE EOT and prints the receipt")
    void aSerialPrinterAnswersStatusAndPrints() {
        try (ReceiptPrinter serial = ReceiptPrinters.create(new PrinterSettings(PrinterSettings.Kind.SERIAL,
                virtual.tillSide().toString(), 19200, PaperWidth.MM58, true))) {
            printsAndReadsStatus(serial);
        }
    }

    private void printsAndReadsStatus(ReceiptPrinter serial) {
        assertThat(serial.status()).isEqualTo(PrinterStatus.READY);
        serial.print(Receipts.layout(PaperWidth.MM58).receipt(Receipts.cashSale()));

        Receipt receipt = virtual.awaitReceipts(1).get(0);
        assertThat(receipt.strippedLines()).contains("Corner Shop", "No. " + Receipts.ID);
        assertThat(receipt.barcodes()).extracting(EscPosEvent.Barcode::data).containsExactly(Receipts.ID);
        assertThat(receipt.drawerPulses()).containsExactly(new EscPosEvent.DrawerPulse(2, 50, 500));
        virtual.paperOut(true);
        assertThat(serial.status()).isEqualTo(PrinterStatus.PAPER_OUT);
    }

    @Test
    @DisplayName("issue 12 (1): a printer's character device is opened read/write, so paper out is read back before printing")
    void aCharacterDeviceReadsStatusBack() {
        try (ReceiptPrinter device = ReceiptPrinters.create(new PrinterSettings(PrinterSettings.Kind.DEVICE_FILE,
                virtual.tillSide().toString(), 9600, PaperWidth.MM80, true))) {
            refusesOnPaperOutAndPrintsAfter(device);
        }
    }

    private void refusesOnPaperOutAndPrintsAfter(ReceiptPrinter device) {        assertThat(device.status()).isEqualTo(PrinterStatus.READY);

        virtual.paperOut(true);
        assertThat(device.status()).isEqualTo(PrinterStatus.PAPER_OUT);
        assertThatThrownBy(() -> device.print(Receipts.layout(PaperWidth.MM80).receipt(Receipts.cashSale())))
                .isInstanceOf(PrinterPaperOutException.class);

        virtual.paperOut(false);
        device.print(Receipts.layout(PaperWidth.MM80).receipt(Receipts.cashSale()));
        assertThat(virtual.awaitReceipts(1).get(0).lines()).anySatisfy(l -> assertThat(l).startsWith("有机牛奶 (鲜)"));
    }
}
