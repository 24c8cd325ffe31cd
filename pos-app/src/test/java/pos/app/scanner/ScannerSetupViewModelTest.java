package pos.app.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.device.wedge.WedgeScannerSettings;
import pos.device.wedge.WedgeTerminator;

/** The scanner set-up's view model, driven without a window: keys in, what the clerk reads out, the file. */
class ScannerSetupViewModelTest {

    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final String CODE = "SETUP-KQ4711";

    @TempDir
    Path dataDir;

    final List<WedgeScannerSettings> used = new ArrayList<>();
    long clock = 5_000_000_000L;

    ScannerSetupViewModel model(Path dir) {
        return new ScannerSetupViewModel(CODE, WedgeScannerSettings.defaults(), used::add, new LearnedScannerFile(dir), TEXT,
                TaskExecutor.sameThread(), UiThread.sameThread());
    }

    @Test
    @DisplayName("R1 DESIGN §7 a scan with a prefix is learned, shown, used by the scanner at once and kept in scanner.properties")
    void aScanWithAPrefixIsLearnedUsedAndKept() {
        ScannerSetupViewModel model = model(dataDir);
        assertThat(model.statusProperty().get()).isEqualTo("Waiting for the scan\u2026");
        assertThat(model.canSaveProperty().get()).isFalse();

        scan(model, "]C0" + CODE, WedgeTerminator.ENTER);

        assertThat(model.statusProperty().get()).isEqualTo("Learned. Check it below and press Ctrl+S to keep it.");
        assertThat(model.learnedTextProperty().get()).isEqualTo("""
                Before each code: \u201c]C0\u201d
                After each code: nothing
                Ends each code with: Enter
                Pace: 9 ms between keys (slowest 9 ms)""");
        assertThat(model.adviceProperty().get()).isEqualTo("Your scanner marks its codes: the till will never take a clerk's typing for a scan.");
        assertThat(model.canSaveProperty().get()).isTrue();

        model.save();

        assertThat(used).singleElement().satisfies(settings -> {
            assertThat(settings.prefix()).isEqualTo("]C0");
            assertThat(settings.terminators()).containsExactly(WedgeTerminator.ENTER);
        });
        assertThat(model.statusProperty().get()).isEqualTo("Saved. The till scans with these settings from now on.");
        assertThat(new LearnedScannerFile(dataDir).saved()).hasValueSatisfying(kept -> {
            assertThat(kept.prefix()).isEqualTo("]C0");
            assertThat(kept.typicalGap()).isEqualTo(Duration.ofMillis(9));
        });
    }

    @Test
    @DisplayName("a scanner that sends nothing around its codes is told how a prefix helps")
    void anUnmarkedScannerIsAdvisedToUseAPrefix() {
        ScannerSetupViewModel model = model(dataDir);

        scan(model, CODE, WedgeTerminator.TAB);

        assertThat(model.learnedTextProperty().get()).contains("Before each code: nothing").contains("Ends each code with: Tab");
        assertThat(model.adviceProperty().get()).startsWith("Your scanner sends nothing before or after its codes.");
    }

    @Test
    @DisplayName("Bad input: another code, or a read with a direction-changing character, is shown back plainly and nothing can be kept")
    void anotherCodeIsShownBackAndCannotBeKept() {
        ScannerSetupViewModel model = model(dataDir);

        scan(model, "4006\u202E381333931", WedgeTerminator.ENTER);

        assertThat(model.problemProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).startsWith("That was not the code on the screen (the scanner sent \u201c4006<U+202E>381333931\u201d).");
        assertThat(model.canSaveProperty().get()).isFalse();
        model.save();
        assertThat(model.statusProperty().get()).isEqualTo("Scan the code first.");
        assertThat(used).isEmpty();
        assertThat(Files.exists(dataDir.resolve(LearnedScannerFile.FILE_NAME))).isFalse();
    }

    @Test
    @DisplayName("a scanner that sends no Enter or Tab is told so once the keys stop")
    void noTerminatorIsToldAfterAQuietSpell() {
        ScannerSetupViewModel model = model(dataDir);
        for (char c : CODE.toCharArray()) {
            model.typed(c, tick());
        }
        assertThat(model.statusProperty().get()).isEqualTo("Reading\u2026");

        model.quiet();

        assertThat(model.statusProperty().get()).startsWith("The code came without an Enter or Tab after it.");
        scan(model, CODE, WedgeTerminator.ENTER);
        assertThat(model.canSaveProperty().get()).as("the next scan starts afresh").isTrue();
    }

    @Test
    @DisplayName("Bad input: a data directory that cannot be written says so; the scanner still uses the set-up until a restart")
    void aSaveThatFailsIsSaid() throws Exception {
        Path notADirectory = Files.writeString(dataDir.resolve("plain-file"), "x");
        ScannerSetupViewModel model = model(notADirectory);
        scan(model, "]C0" + CODE, WedgeTerminator.ENTER);

        model.save();

        assertThat(model.problemProperty().get()).isTrue();
        assertThat(model.statusProperty().get()).startsWith("The set-up could not be saved (").endsWith("it applies until the till restarts.");
        assertThat(used).hasSize(1);
    }

    @Test
    void scanAgainForgetsWhatWasLearned() {
        ScannerSetupViewModel model = model(dataDir);
        scan(model, CODE, WedgeTerminator.ENTER);

        model.scanAgain();

        assertThat(model.learned()).isEmpty();
        assertThat(model.learnedTextProperty().get()).isEmpty();
        assertThat(model.canSaveProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).isEqualTo("Waiting for the scan\u2026");
    }

    @Test
    void aFreshCodeIsNeitherAProductNorAVoucherNorAPayCode() {
        String code = ScannerSetupViewModel.newCode();

        assertThat(code).matches("SETUP-[A-Z]{2}\\d{4}");
    }

    private void scan(ScannerSetupViewModel model, String sent, WedgeTerminator terminator) {
        for (char c : sent.toCharArray()) {
            model.typed(c, tick());
        }
        model.ended(terminator, tick());
    }

    private long tick() {
        clock += TimeUnit.MILLISECONDS.toNanos(9);
        return clock;
    }
}
