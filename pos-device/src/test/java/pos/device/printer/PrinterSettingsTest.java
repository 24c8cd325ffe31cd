package pos.device.printer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.receipt.PaperWidth;

class PrinterSettingsTest {

    @Test
    @DisplayName("issue 12 (1): the chosen printer is remembered in printer.properties in the data directory")
    void settingsSurviveASaveAndALoad(@TempDir Path dataDirectory) {
        PrinterSettings serial = new PrinterSettings(PrinterSettings.Kind.SERIAL, "/dev/ttyUSB0", 38400, PaperWidth.MM58, false);

        serial.save(dataDirectory);

        assertThat(Files.exists(dataDirectory.resolve("printer.properties"))).isTrue();
        assertThat(PrinterSettings.load(dataDirectory)).isEqualTo(serial);
    }

    @Test
    void aTillWithoutTheFileHasNoPrinter(@TempDir Path dataDirectory) {
        assertThat(PrinterSettings.load(dataDirectory)).isEqualTo(PrinterSettings.none());
    }

    @Test
    void aBadFileIsRefusedWithASentenceNamingIt(@TempDir Path dataDirectory) throws Exception {
        Files.writeString(dataDirectory.resolve("printer.properties"), "printer.kind=NETWORK\nprinter.paper.mm=76\nprinter.address=10.0.0.5\n");

        assertThatThrownBy(() -> PrinterSettings.load(dataDirectory))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("printer.properties are not valid: paper width must be 58 or 80 mm, not 76");
    }

    @Test
    void aNetworkAddressWithoutAPortUsesTheRawPort() {
        assertThat(TcpPrinterConnection.parse("192.168.1.50").name()).isEqualTo("tcp 192.168.1.50:9100");
        assertThat(TcpPrinterConnection.parse("printer.local:9101").name()).isEqualTo("tcp printer.local:9101");
    }
}
