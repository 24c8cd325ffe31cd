package pos.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Currency;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("R18 issue 16: pos.face and pos.face.pinAbove")
class FaceConfigTest {

    final ConfigLoader loader = new ConfigLoader();
    final Path home = Path.of("/home/clerk");

    @Test
    @DisplayName("issue 16: face is off by default; the PIN is needed too above 50.00")
    void faceIsOffByDefaultAndThePinIsNeededAboveFifty() {
        TillConfig config = loader.load(null, Map.of(), Map.of(), home);
        assertThat(config.face().on()).isFalse();
        assertThat(config.face().pinAboveMinor(Currency.getInstance("EUR"))).isEqualTo(5_000);
        assertThat(config.toString()).contains("face=off (PIN above 50.00)");
    }

    @Test
    void theEnvironmentTheFileAndTheCommandLineSwitchFaceOn(@TempDir Path dir) throws Exception {
        assertThat(loader.load(null, Map.of("POS_FACE", "on", "POS_DEMO", "true"), Map.of(), home).face().on()).isTrue();
        assertThat(loader.load(null, Map.of(), Map.of("pos.face", "ON", "pos.demo", "true"), home).face().on()).isTrue();
        Path file = dir.resolve("till.properties");
        Files.writeString(file, "pos.demo=true\npos.face=on\npos.face.pinAbove=20.5\n");
        FaceSetting face = loader.load(file, Map.of(), Map.of(), home).face();
        assertThat(face.on()).isTrue();
        assertThat(face.pinAboveMinor(Currency.getInstance("CNY"))).isEqualTo(2_050);
        assertThat(ConfigLoader.SETTINGS).containsEntry("pos.face", "POS_FACE").containsEntry("pos.face.pinAbove",
                "POS_FACE_PIN_ABOVE");
    }

    @ParameterizedTest(name = "pos.face.pinAbove={0} is {2} minor units of {1}")
    @CsvSource(textBlock = """
            50.00,   EUR, 5000
            50,      EUR, 5000
            0,       EUR, 0
            0.00,    CNY, 0
            12.345,  EUR, 1234
            1500,    JPY, 1500
            99.99,   JPY, 99
            7.5,     KWD, 7500
            """)
    void theAmountIsParsedToMinorUnitsOfTheStoreCurrency(String setting, String currency, long minor) {
        FaceSetting face = loader.load(null, Map.of("POS_FACE_PIN_ABOVE", setting, "POS_DEMO", "true"), Map.of(), home).face();
        assertThat(face.pinAboveMinor(Currency.getInstance(currency))).isEqualTo(minor);
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource(textBlock = """
            POS_FACE,           maybe,  'pos.face is ''maybe'' (from the environment variable POS_FACE): it must be off or on'
            POS_FACE_PIN_ABOVE, -1,     'pos.face.pinAbove is ''-1'' (from the environment variable POS_FACE_PIN_ABOVE): it must be an amount like 50.00'
            POS_FACE_PIN_ABOVE, 50€,    'it must be an amount like 50.00'
            POS_FACE_PIN_ABOVE, '1,50', 'it must be an amount like 50.00'
            POS_FACE_PIN_ABOVE, 1e3,    'it must be an amount like 50.00'
            """)
    void aBadFaceSettingIsRefusedByName(String variable, String value, String sentence) {
        assertThatThrownBy(() -> loader.load(null, Map.of(variable, value, "POS_DEMO", "true"), Map.of(), home))
                .isInstanceOf(ConfigException.class).hasMessageContaining(sentence);
    }
}
