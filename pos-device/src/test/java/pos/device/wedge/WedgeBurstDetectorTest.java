package pos.device.wedge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import pos.device.wedge.WedgeDecision.KeyAction;

/**
 * Scripts of keystrokes against the detector, with a fake clock and a simulated gap timer.
 *
 * <p>Script notation: plain characters are typed; {@code ⏎} is Enter, {@code ⇥} is Tab, {@code ⌫} is
 * a key that types nothing (Backspace); {@code [300]} pauses 300 ms. Between two keys the clock moves
 * by the row's gap. Expected typing uses the same symbols for keys that reached the focused control.
 * Expected scans and rejections are separated by {@code ;}.
 */
class WedgeBurstDetectorTest {

    private static final WedgeScannerSettings DEFAULTS = WedgeScannerSettings.defaults();

    @ParameterizedTest(name = "[{index}] {0} at {1} ms per key")
    @DisplayName("R1 the default settings tell a scanner burst from a person typing")
    @CsvSource(delimiter = '|', textBlock = """
            # script                          | gap ms | typed (delivered to the focused control) | scans
            4006381333931⏎                   | 10     | ''                                       | 4006381333931
            4006381333931⏎                   | 35     | ''                                       | 4006381333931
            4006381333931⏎                   | 16     | ''                                       | 4006381333931
            4006381333931⏎                   | 36     | 4006381333931⏎                           | ''
            hello                             | 250    | hello                                    | ''
            hello⏎                            | 120    | hello⏎                                   | ''
            abc⏎                              | 8      | abc⏎                                     | ''
            abcd⏎                             | 8      | ''                                       | abcd
            4006381333931                     | 10     | 4006381333931                            | ''
            4006381333931[200]⏎               | 10     | 4006381333931⏎                           | ''
            ab[300]4006381333931⏎            | 10     | ab                                       | 4006381333931
            ab[300]4006381333931⏎            | 150    | ab4006381333931⏎                         | ''
            12⌫34567⏎                        | 8      | 12⌫                                      | 34567
            12345⌫678⏎                       | 8      | 12345⌫678⏎                               | ''
            ⌫12345⏎                          | 8      | ⌫                                        | 12345
            4006381333931⇥                   | 10     | ''                                       | 4006381333931
            ⏎                                 | 10     | ⏎                                        | ''
            ABC-123⏎[400]XYZ-987⏎            | 12     | ''                                       | ABC-123;XYZ-987
            ABC-123⏎XYZ-987⏎                 | 12     | ''                                       | ABC-123;XYZ-987
            """)
    void fastBurstsEndedByATerminatorAreScansAndEverythingElseIsTyping(String script, long gapMillis, String typed, String scans) {
        Run run = run(DEFAULTS, script, gapMillis, true);

        assertThat(run.typed).isEqualTo(typed);
        assertThat(run.scans).isEqualTo(split(scans));
        assertThat(run.rejections).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] prefix ''{0}'' suffix ''{1}'': {2}")
    @DisplayName("R1 a configured prefix and suffix are required and stripped")
    @CsvSource(delimiter = '|', textBlock = """
            # prefix | suffix | script                | typed                  | scans          | rejections
            ]C       | ''     | ]C4006381333931⏎     | ''                     | 4006381333931  | ''
            ]C       | ''     | 4006381333931⏎       | 4006381333931⏎         | ''             | ''
            ]C       | ''     | ]4006381333931⏎      | ]4006381333931⏎        | ''             | ''
            ]C       | ''     | ]]C12345⏎            | ]                      | 12345          | ''
            ]C       | ''     | ]C12⏎                | ''                     | ''             | TOO_SHORT
            ]C       | ''     | ]C⏎                  | ''                     | ''             | TOO_SHORT
            ]        | ''     | ]⏎                   | ''                     | ''             | TOO_SHORT
            ''       | /END   | 4006381333931/END⏎   | ''                     | 4006381333931  | ''
            ''       | /END   | 4006381333931⏎       | 4006381333931⏎         | ''             | ''
            ''       | /END   | 12/END⏎              | 12/END⏎                | ''             | ''
            ]C       | /END   | ]C4006381333931/END⏎ | ''                     | 4006381333931  | ''
            ]C       | /END   | ]C4006381333931⏎     | ''                     | ''             | MISSING_SUFFIX
            ]C       | /END   | ]C12/END⏎            | ''                     | ''             | TOO_SHORT
            """)
    void prefixAndSuffixAreRequiredAndStripped(String prefix, String suffix, String script, String typed, String scans,
                                               String rejections) {
        WedgeScannerSettings settings = DEFAULTS.withPrefix(prefix).withSuffix(suffix);

        Run run = run(settings, script, 10, true);

        assertThat(run.typed).isEqualTo(typed);
        assertThat(run.scans).isEqualTo(split(scans));
        assertThat(run.rejections).isEqualTo(split(rejections));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @DisplayName("Bad input: a burst longer than any code is swallowed and rejected, the next scan still works")
    @CsvSource(delimiter = '|', textBlock = """
            # script (max length 8)                    | typed | scans    | rejections
            12345678⏎                                  | ''    | 12345678 | ''
            123456789⏎                                 | ''    | ''       | TOO_LONG:9
            123456789012345678901234567890⏎            | ''    | ''       | TOO_LONG:30
            123456789012345678901234567890             | ''    | ''       | TOO_LONG:30
            123456789012345678901234567890⌫            | ⌫     | ''       | TOO_LONG:30
            1234567890123[300]ab                       | ab    | ''       | TOO_LONG:13
            1234567890123⏎[300]5555⏎                   | ''    | 5555     | TOO_LONG:13
            1234567890123⏎5555⏎                        | ''    | 5555     | TOO_LONG:13
            """)
    void tooLongBurstsAreRejected(String script, String typed, String scans, String rejections) {
        WedgeScannerSettings settings = DEFAULTS.withLengths(4, 8);

        Run run = run(settings, script, 10, true);

        assertThat(run.typed).isEqualTo(typed);
        assertThat(run.scans).isEqualTo(split(scans));
        assertThat(run.rejections).isEqualTo(split(rejections));
    }

    @ParameterizedTest(name = "[{index}] terminators {0}: {1}")
    @DisplayName("R1 only the configured terminators end a scan")
    @CsvSource(delimiter = '|', textBlock = """
            # terminators | script          | typed            | scans
            ENTER         | 40063813⏎       | ''               | 40063813
            ENTER         | 40063813⇥       | 40063813⇥        | ''
            TAB           | 40063813⇥       | ''               | 40063813
            TAB           | 40063813⏎       | 40063813⏎        | ''
            ENTER TAB     | 40063813⇥       | ''               | 40063813
            """)
    void onlyConfiguredTerminatorsEndAScan(String terminators, String script, String typed, String scans) {
        EnumSet<WedgeTerminator> set = EnumSet.noneOf(WedgeTerminator.class);
        for (String name : terminators.split(" ")) {
            set.add(WedgeTerminator.valueOf(name));
        }

        Run run = run(DEFAULTS.withTerminators(set), script, 10, true);

        assertThat(run.typed).isEqualTo(typed);
        assertThat(run.scans).isEqualTo(split(scans));
    }

    @ParameterizedTest(name = "[{index}] {0} with no timer")
    @DisplayName("a late key gives back held characters even if the gap timer never ran (stalled UI thread)")
    @CsvSource(delimiter = '|', textBlock = """
            # script                  | gap ms | typed             | scans
            hello                     | 250    | hello             | ''
            ab[300]4006381333931⏎    | 10     | ab                | 4006381333931
            4006[100]381333931⏎      | 10     | 4006              | 381333931
            12⏎                       | 0      | 12⏎               | ''
            """)
    void aLateKeyReleasesHeldCharactersWithoutATimer(String script, long gapMillis, String typed, String scans) {
        Run run = run(DEFAULTS, script, gapMillis, false);

        assertThat(run.typed).isEqualTo(typed);
        assertThat(run.scans).isEqualTo(split(scans));
    }

    @Test
    void aSingleHeldCharacterIsReleasedOnlyOnceTheGapHasPassed() {
        FakeNanoClock clock = new FakeNanoClock();
        WedgeBurstDetector detector = new WedgeBurstDetector(DEFAULTS, clock);

        WedgeDecision typedH = detector.character('h');
        OptionalLong deadline = detector.expiryDeadlineNanos();
        clock.advanceMillis(35);
        WedgeDecision early = detector.expire();
        clock.advanceNanos(1);
        WedgeDecision due = detector.expire();

        assertThat(typedH.key()).isEqualTo(KeyAction.HOLD);
        assertThat(deadline).hasValue(TimeUnit.MILLISECONDS.toNanos(35) + 1);
        assertThat(early.releasedText()).isEmpty();
        assertThat(due.releasedText()).isEqualTo("h");
        assertThat(detector.isIdle()).isTrue();
        assertThat(detector.expiryDeadlineNanos()).isEmpty();
    }

    @Test
    void aKeyExactlyAtTheMaximumGapStillBelongsToTheBurst() {
        FakeNanoClock clock = new FakeNanoClock();
        WedgeBurstDetector detector = new WedgeBurstDetector(DEFAULTS, clock);

        for (char c : "1234".toCharArray()) {
            assertThat(detector.character(c).key()).isEqualTo(KeyAction.HOLD);
            clock.advanceMillis(35);
        }
        WedgeDecision enter = detector.terminator(WedgeTerminator.ENTER);

        assertThat(enter.scannedCode()).hasValue("1234");
        assertThat(enter.discardedCount()).isEqualTo(4);
        assertThat(enter.key()).isEqualTo(KeyAction.CONSUME);
    }

    @Test
    void theClockMayWrapAroundWithoutBreakingTheTiming() {
        FakeNanoClock clock = new FakeNanoClock(Long.MAX_VALUE - TimeUnit.MILLISECONDS.toNanos(20));
        WedgeBurstDetector detector = new WedgeBurstDetector(DEFAULTS, clock);

        for (char c : "98765".toCharArray()) {
            detector.character(c);
            clock.advanceMillis(10);
        }
        WedgeDecision enter = detector.terminator(WedgeTerminator.ENTER);

        assertThat(enter.scannedCode()).hasValue("98765");
    }

    @Test
    void flushGivesBackEverythingHeldAtOnce() {
        WedgeBurstDetector detector = new WedgeBurstDetector(DEFAULTS, new FakeNanoClock());
        detector.character('4');
        detector.character('0');

        WedgeDecision flushed = detector.flush();

        assertThat(flushed.releasedText()).isEqualTo("40");
        assertThat(flushed.key()).isEqualTo(KeyAction.NONE);
        assertThat(detector.isIdle()).isTrue();
    }

    @ParameterizedTest(name = "[{index}] gap {0} ms, lengths {1}..{2}, prefix ''{3}''")
    @DisplayName("settings that could never work are refused with the offending values")
    @CsvSource(delimiter = '|', textBlock = """
            # gap ms | min | max   | prefix     | message part
            0        | 4   | 64    | ''         | maxInterKeyGap
            1001     | 4   | 64    | ''         | maxInterKeyGap
            35       | 0   | 64    | ''         | minLength 0
            35       | 8   | 4     | ''         | minLength 8, maxLength 4
            35       | 4   | 5000  | ''         | maxLength 5000
            """)
    void impossibleSettingsAreRefused(long gapMillis, int min, int max, String prefix, String messagePart) {
        assertThatThrownBy(() -> new WedgeScannerSettings(Duration.ofMillis(gapMillis), min, max, prefix, "",
                EnumSet.of(WedgeTerminator.ENTER)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(messagePart);
    }

    @Test
    void aPrefixWithAControlCharacterIsRefusedBecauseNoKeyboardTypesIt() {
        assertThatThrownBy(() -> DEFAULTS.withPrefix("\u0002"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("U+0002");
    }

    @Test
    void settingsWithoutATerminatorAreRefused() {
        assertThatThrownBy(() -> DEFAULTS.withTerminators(EnumSet.noneOf(WedgeTerminator.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("terminator");
    }

    // ---- script runner -------------------------------------------------------------------------

    private static List<String> split(String joined) {
        return joined.isEmpty() ? List.of() : List.of(joined.split(";"));
    }

    /** What reached the focused control, and what the scanner reported, for one script. */
    private static final class Run {
        final StringBuilder typedText = new StringBuilder();
        final List<String> scans = new ArrayList<>();
        final List<String> rejections = new ArrayList<>();
        /** The caller's own queue of held keys, kept the way KeyboardWedgeScanner keeps its events. */
        final Deque<Character> heldKeys = new ArrayDeque<>();
        String typed;
    }

    /**
     * Plays a script. With {@code timer} the detector's expiry is called at its deadline whenever the
     * clock would pass it, as the JavaFX timer in KeyboardWedgeScanner does; without it only keys
     * move the detector, as on a stalled UI thread.
     */
    private static Run run(WedgeScannerSettings settings, String script, long gapMillis, boolean timer) {
        FakeNanoClock clock = new FakeNanoClock();
        WedgeBurstDetector detector = new WedgeBurstDetector(settings, clock);
        Run run = new Run();
        boolean firstKey = true;
        for (int i = 0; i < script.length(); i++) {
            char symbol = script.charAt(i);
            if (symbol == '[') {
                int end = script.indexOf(']', i);
                long pause = Long.parseLong(script.substring(i + 1, end));
                advance(clock, detector, run, TimeUnit.MILLISECONDS.toNanos(pause), timer);
                i = end;
                continue;
            }
            if (!firstKey) {
                advance(clock, detector, run, TimeUnit.MILLISECONDS.toNanos(gapMillis), timer);
            }
            firstKey = false;
            WedgeDecision decision = switch (symbol) {
                case '⏎' -> detector.terminator(WedgeTerminator.ENTER);
                case '⇥' -> detector.terminator(WedgeTerminator.TAB);
                case '⌫' -> detector.interruption();
                default -> detector.character(symbol);
            };
            apply(run, decision, symbol);
        }
        advance(clock, detector, run, TimeUnit.SECONDS.toNanos(10), timer);
        if (!timer) {
            apply(run, detector.expire(), null);
        }
        assertThat(run.heldKeys).as("keys still held after the script ended").isEmpty();
        run.typed = run.typedText.toString();
        return run;
    }

    private static void advance(FakeNanoClock clock, WedgeBurstDetector detector, Run run, long nanos, boolean timer) {
        long target = clock.getAsLong() + nanos;
        while (timer) {
            OptionalLong deadline = detector.expiryDeadlineNanos();
            if (deadline.isEmpty() || deadline.getAsLong() - target > 0) {
                break;
            }
            clock.set(deadline.getAsLong());
            apply(run, detector.expire(), null);
        }
        clock.set(target);
    }

    /** Applies a decision the way the scene filter does, checking the detector's bookkeeping contract. */
    private static void apply(Run run, WedgeDecision decision, Character key) {
        if (!decision.releasedText().isEmpty()) {
            assertThat(decision.releasedText()).isEqualTo(heldText(run));
            run.typedText.append(decision.releasedText());
            run.heldKeys.clear();
        }
        if (decision.discardedCount() > 0) {
            assertThat(decision.discardedCount()).isEqualTo(run.heldKeys.size());
            run.heldKeys.clear();
        }
        switch (decision.key()) {
            case HOLD -> run.heldKeys.add(key);
            case PASS -> run.typedText.append(key);
            case CONSUME, NONE -> { }
        }
        decision.scannedCode().ifPresent(run.scans::add);
        decision.rejection().ifPresent(rejection -> run.rejections.add(
                rejection.reason() == RejectReason.TOO_LONG ? rejection.reason() + ":" + rejection.length()
                        : rejection.reason().name()));
    }

    private static String heldText(Run run) {
        StringBuilder text = new StringBuilder();
        run.heldKeys.forEach(text::append);
        return text.toString();
    }
}
