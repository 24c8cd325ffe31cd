package pos.app.scanner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.config.ConfigException;
import pos.device.wedge.WedgeScannerSettings;
import pos.device.wedge.WedgeTerminator;

/** scanner.properties in a real data directory, and how what it keeps joins the configuration. */
class LearnedScannerFileTest {

    private static final WedgeScannerSettings CONFIGURED = WedgeScannerSettings.defaults().withMaxInterKeyGap(Duration.ofMillis(50));

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("R1 what the set-up learned survives a restart and the scanner starts with it")
    void whatWasLearnedIsKeptAndApplied() {
        LearnedScannerFile file = new LearnedScannerFile(dataDir);
        file.save(new LearnedScanner("]C0", "#", WedgeTerminator.TAB, Duration.ofMillis(9), Duration.ofMillis(14)));

        WedgeScannerSettings started = new LearnedScannerFile(dataDir).appliedTo(CONFIGURED);

        assertThat(Files.exists(dataDir.resolve("scanner.properties"))).isTrue();
        assertThat(started.prefix()).isEqualTo("]C0");
        assertThat(started.suffix()).isEqualTo("#");
        assertThat(started.terminators()).containsExactly(WedgeTerminator.TAB);
        assertThat(started.maxInterKeyGap()).as("the configured gap, roomier than twice 14 ms").isEqualTo(Duration.ofMillis(50));
    }

    @Test
    void withoutASetUpTheConfigurationIsUsedAsItIs() {
        assertThat(new LearnedScannerFile(dataDir).appliedTo(CONFIGURED)).isEqualTo(CONFIGURED);
    }

    @Test
    @DisplayName("a prefix named in the configuration wins over the learned one; a slow scanner widens the gap")
    void theConfigurationsPrefixWinsAndASlowScannerWidensTheGap() {
        LearnedScanner slow = new LearnedScanner("]C0", "", WedgeTerminator.ENTER, Duration.ofMillis(30), Duration.ofMillis(40));

        WedgeScannerSettings settings = slow.applyTo(CONFIGURED.withPrefix("$"));

        assertThat(settings.prefix()).isEqualTo("$");
        assertThat(settings.maxInterKeyGap()).isEqualTo(Duration.ofMillis(80));
        assertThat(settings.terminators()).isEqualTo(Set.of(WedgeTerminator.ENTER));
    }

    @Test
    @DisplayName("Bad input: a file that holds no set-up stops the start with a sentence naming it")
    void aBrokenFileIsNamed() throws Exception {
        Files.writeString(dataDir.resolve("scanner.properties"), "prefix=]C0\nterminator=SPACE\n");

        assertThatThrownBy(() -> new LearnedScannerFile(dataDir).appliedTo(CONFIGURED))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("scanner.properties")
                .hasMessageContaining("SPACE")
                .hasMessageContaining("Ctrl+J");
    }

    @Test
    void aGapThatIsNoNumberIsNamed() throws Exception {
        Files.writeString(dataDir.resolve("scanner.properties"), "terminator=ENTER\ntypicalGapMs=fast\n");

        assertThatThrownBy(() -> new LearnedScannerFile(dataDir).saved())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("typicalGapMs")
                .hasMessageContaining("fast");
    }
}
