package pos.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.receipt.ReceiptLayout;
import pos.core.receipt.StoreHeader;

/** Issue 12 point 1: the receipt's store header (name, address, tax number) and the id's code are store settings. */
class ReceiptSettingTest {

    final ConfigLoader loader = new ConfigLoader();
    final Path home = Path.of("/home/clerk");

    @Test
    @DisplayName("without settings: the store id as the name, no address, no tax number, the id as a QR code")
    void defaults() {
        TillConfig config = loader.load(null, Map.of(), Map.of(), home);
        assertThat(config.receipt().header()).isEqualTo(new StoreHeader("store-1", List.of(), ""));
        assertThat(config.receipt().idCode()).isEqualTo(ReceiptLayout.IdCode.QR);
    }

    @Test
    @DisplayName("pos.store.name, pos.store.address (lines at |), pos.store.taxNumber and pos.receipt.idCode, layered")
    void fromTheFileAndTheEnvironment(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("till.properties");
        Files.writeString(file, "pos.demo=true\npos.store.name=角落小店 Corner Shop\n"
                + "pos.store.address=1 High Street | Springfield ||\npos.store.taxNumber=GB123456789\n", StandardCharsets.UTF_8);
        TillConfig config = loader.load(file, Map.of("POS_RECEIPT_ID_CODE", "code128"), Map.of(), home);
        assertThat(config.receipt().header()).isEqualTo(
                new StoreHeader("角落小店 Corner Shop", List.of("1 High Street", "Springfield"), "GB123456789"));
        assertThat(config.receipt().idCode()).isEqualTo(ReceiptLayout.IdCode.CODE128);

        assertThatThrownBy(() -> loader.load(null, Map.of("POS_RECEIPT_ID_CODE", "ean13"), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining("pos.receipt.idCode")
                .hasMessageContaining("qr or code128");
    }
}
