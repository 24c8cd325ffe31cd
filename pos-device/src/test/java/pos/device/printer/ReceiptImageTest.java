package pos.device.printer;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.Result;
import com.google.zxing.common.HybridBinarizer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pos.core.receipt.PaperWidth;
import pos.testkit.printer.Receipt;
import pos.testkit.printer.ReceiptImage;
import pos.testkit.printer.VirtualEscPosPrinter;

/**
 * issue 12 (9): "README shows a rendered receipt". Prints a sale through the real printer adapter
 * into the virtual printer and draws what it decoded. Run with
 * {@code -Dreceipt.screens=<repo>/docs/screens/issue-12} to write the README's pictures there.
 */
class ReceiptImageTest {

    @ParameterizedTest
    @EnumSource(PaperWidth.class)
    @DisplayName("issue 12 (9): a decoded receipt draws as paper one dot a pixel, and its barcode scans back to the transaction id")
    void aDecodedReceiptDrawsAsPaperWhoseBarcodeScansBack(PaperWidth paper, @TempDir Path directory) throws Exception {
        Receipt receipt;
        try (VirtualEscPosPrinter virtual = VirtualEscPosPrinter.onTcp()) {
            ReceiptPrinters.create(new PrinterSettings(PrinterSettings.Kind.NETWORK, virtual.address(), 9600, paper, true))
                    .print(Receipts.layout(paper).receipt(Receipts.cashSale()));
            receipt = virtual.awaitReceipts(1).get(0);
        }

        BufferedImage image = ReceiptImage.render(receipt, paper.columns());

        assertThat(image.getWidth()).isEqualTo(paper.dots() + 2 * 24);
        assertThat(scan(image, BarcodeFormat.CODE_128).getText()).isEqualTo(Receipts.ID);

        String screens = System.getProperty("receipt.screens");
        Path file = (screens == null ? directory : Path.of(screens)).resolve("receipt-" + paper.millimetres() + "mm.png");
        ReceiptImage.writePng(receipt, paper.columns(), file);
        assertThat(Files.size(file)).isPositive();
    }

    private static Result scan(BufferedImage image, BarcodeFormat format) throws NotFoundException {
        int[] pixels = image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
        MultiFormatReader reader = new MultiFormatReader();
        reader.setHints(Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(format), DecodeHintType.TRY_HARDER, Boolean.TRUE));
        return reader.decodeWithState(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(image.getWidth(), image.getHeight(), pixels))));
    }
}
