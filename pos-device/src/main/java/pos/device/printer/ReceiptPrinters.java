package pos.device.printer;

import java.nio.file.Path;
import pos.core.receipt.ReceiptPrinter;

/** Builds the receipt printer that {@link PrinterSettings} describe. Stateless, thread-safe. */
public final class ReceiptPrinters {

    private ReceiptPrinters() {
    }

    public static ReceiptPrinter create(PrinterSettings settings) {
        return switch (settings.kind()) {
            case NONE -> new NoReceiptPrinter();
            case DEVICE_FILE -> new EscPosReceiptPrinter(new DeviceFilePrinterConnection(Path.of(settings.address())), settings.gbk());
            case NETWORK -> new EscPosReceiptPrinter(TcpPrinterConnection.parse(settings.address()), settings.gbk());
            case CUPS -> new EscPosReceiptPrinter(new CupsPrinterConnection(settings.address()), settings.gbk());
            case SERIAL -> new EscPosReceiptPrinter(new SerialPrinterConnection(settings.address(), settings.baudRate()), settings.gbk());
        };
    }
}
