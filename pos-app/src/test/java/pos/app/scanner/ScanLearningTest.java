package pos.app.scanner;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.device.wedge.WedgeTerminator;

/** What the scanner set-up learns from the keys a scanner sent for the code it showed. */
class ScanLearningTest {

    private static final String CODE = "SETUP-KQ4711";

    @ParameterizedTest(name = "[{index}] {0}")
    @DisplayName("R1 DESIGN §7 the prefix, suffix and terminator around the shown code are learned")
    @CsvSource(delimiter = '|', textBlock = """
            # sent (⏎ Enter, ⇥ Tab)       | prefix | suffix | terminator
            SETUP-KQ4711⏎                 | ''     | ''     | ENTER
            ]C0SETUP-KQ4711⏎              | ]C0    | ''     | ENTER
            SETUP-KQ4711#⇥                | ''     | #      | TAB
            @@SETUP-KQ4711/END⏎           | @@     | /END   | ENTER
            """)
    void whatSurroundsTheCodeIsLearned(String sent, String prefix, String suffix, WedgeTerminator terminator) {
        ScanLearning learning = play(sent, 9);

        assertThat(learning.result()).isInstanceOfSatisfying(ScanLearning.Result.Learned.class, learned -> {
            assertThat(learned.scanner().prefix()).isEqualTo(prefix);
            assertThat(learned.scanner().suffix()).isEqualTo(suffix);
            assertThat(learned.scanner().terminator()).isEqualTo(terminator);
            assertThat(learned.scanner().typicalGap()).isEqualTo(Duration.ofMillis(9));
        });
    }

    @Test
    void thePaceIsTheMedianGapAndTheSlowestIsKept() {
        ScanLearning learning = new ScanLearning("ABCD");
        long[] at = {0, 8, 16, 60, 68};
        String sent = "ABCD";
        for (int i = 0; i < 4; i++) {
            learning.typed(sent.charAt(i), TimeUnit.MILLISECONDS.toNanos(at[i]));
        }
        learning.ended(WedgeTerminator.ENTER, TimeUnit.MILLISECONDS.toNanos(at[4]));

        LearnedScanner learned = ((ScanLearning.Result.Learned) learning.result()).scanner();
        assertThat(learned.typicalGap()).isEqualTo(Duration.ofMillis(8));
        assertThat(learned.longestGap()).isEqualTo(Duration.ofMillis(44));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @DisplayName("Bad input: another code, a keyboard language that differs, caps lock: not the code shown")
    @CsvSource(delimiter = '|', textBlock = """
            # sent                | received
            4006381333931⏎        | 4006381333931
            setup-kq4711⏎         | setup-kq4711
            SETUP?KQ4711⏎         | SETUP?KQ4711
            SETUP-KQ471⏎          | SETUP-KQ471
            """)
    void anotherReadIsNotTheCode(String sent, String received) {
        assertThat(play(sent, 9).result()).isEqualTo(new ScanLearning.Result.NotTheCode(received));
    }

    @Test
    @DisplayName("R1 a scanner that ends its codes with no Enter or Tab is told so")
    void aCodeWithoutTerminatorIsNoScan() {
        assertThat(play(CODE, 9).result()).isEqualTo(new ScanLearning.Result.NoTerminator(CODE));
    }

    @Test
    @DisplayName("the code typed by hand is no scanner: too slow")
    void typingTheCodeByHandIsTooSlow() {
        assertThat(play(CODE + "⏎", 180).result()).isEqualTo(new ScanLearning.Result.TooSlow(Duration.ofMillis(180)));
    }

    @Test
    void anEmptyCodeToScanIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ScanLearning(""))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ScanLearning play(String sent, long gapMillis) {
        ScanLearning learning = new ScanLearning(CODE);
        long at = 1_000_000_000L;
        for (char c : sent.toCharArray()) {
            switch (c) {
                case '⏎' -> learning.ended(WedgeTerminator.ENTER, at);
                case '⇥' -> learning.ended(WedgeTerminator.TAB, at);
                default -> learning.typed(c, at);
            }
            at += TimeUnit.MILLISECONDS.toNanos(gapMillis);
        }
        return learning;
    }
}
