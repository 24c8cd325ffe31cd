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

    @ParameterizedTest(name = "[{index}] {1} into a field expecting {0} at {2} ms per key")
    @DisplayName("R1 DESIGN §7 a burst that cannot be a code for the focused field is the clerk's typing, given back whole and in order")
    @CsvSource(delimiter = '|', textBlock = """
            # expects | script                       | gap ms | typed (delivered to the field)  | scans
            AMOUNT    | 100000⏎                      | 0      | 100000⏎                         | ''
            AMOUNT    | 100000⏎                      | 10     | 100000⏎                         | ''
            AMOUNT    | 10[500]0000⏎                 | 0      | 100000⏎                         | ''
            AMOUNT    | 2000⇥                        | 5      | 2000⇥                           | ''
            AMOUNT    | 4098369006028⏎               | 8      | 4098369006028⏎                  | ''
            AMOUNT    | 4098369006029⏎               | 8      | ''                              | 4098369006029
            AMOUNT    | 40063812⏎                    | 8      | ''                              | 40063812
            AMOUNT    | 036000291452⏎                | 8      | ''                              | 036000291452
            AMOUNT    | 10036000291459⏎              | 8      | ''                              | 10036000291459
            AMOUNT    | 10036000291458⏎              | 8      | 10036000291458⏎                 | ''
            AMOUNT    | 134567890123456789⏎          | 8      | ''                              | 134567890123456789
            AMOUNT    | 284567890123456⏎             | 8      | 284567890123456⏎                | ''
            AMOUNT    | 2845678901234567⏎            | 8      | ''                              | 2845678901234567
            AMOUNT    | PV1.k1.eyJ2IjoxfQ⏎           | 8      | ''                              | PV1.k1.eyJ2IjoxfQ
            AMOUNT    | pv1.k1.eyJ2IjoxfQ⏎           | 8      | ''                              | pv1.k1.eyJ2IjoxfQ
            AMOUNT    | 12,50⏎                       | 8      | 12,50⏎                          | ''
            PIN       | 123456⏎                      | 4      | 123456⏎                         | ''
            CARD      | 4111111111111111⏎            | 8      | 4111111111111111⏎               | ''
            CARD      | 4098369006029⏎               | 8      | ''                              | 4098369006029
            TEXT      | whole milk⏎                  | 8      | whole milk⏎                     | ''
            TEXT      | ABC-123⏎                     | 8      | ABC-123⏎                        | ''
            CODE      | 4098369006028⏎               | 8      | 4098369006028⏎                  | ''
            CODE      | 12345678⏎                    | 8      | 12345678⏎                       | ''
            CODE      | 4098369006029⏎               | 8      | ''                              | 4098369006029
            CODE      | ABC-123⏎                     | 8      | ''                              | ABC-123
            CODE      | 100000⏎                      | 8      | ''                              | 100000
            CODE      | 1234567890⏎                  | 8      | ''                              | 1234567890
            AMOUNT    | 12[300]4098369006029⏎        | 8      | 12                              | 4098369006029
            AMOUNT    | 4098369006029⏎1000⏎          | 8      | 1000⏎                           | 4098369006029
            """)
    void aBurstThatCannotBeACodeForTheFocusedFieldIsTyping(FieldExpectation expects, String script, long gapMillis,
                                                           String typed, String scans) {
        Run run = run(DEFAULTS, script, gapMillis, true, expects);

        assertThat(run.typed).isEqualTo(typed);
        assertThat(run.scans).isEqualTo(split(scans));
        assertThat(run.rejections).isEmpty();
    }

    @ParameterizedTest(name = "[{index}] prefix ''{0}'' suffix ''{1}'': {2} into an amount field")
    @DisplayName("R1 a configured prefix or suffix marks the scanner's burst whatever the field expects, and typing without it stays typing")
    @CsvSource(delimiter = '|', textBlock = """
            # prefix | suffix | script                 | typed          | scans     | rejections
            ]C       | ''     | ]C100000⏎              | ''             | 100000    | ''
            ]C       | ''     | ]CAB-7⏎                | ''             | AB-7      | ''
            ]C       | ''     | 100000⏎                | 100000⏎        | ''        | ''
            ]C       | ''     | ]C12⏎                  | ''             | ''        | TOO_SHORT
            ''       | #      | INT-4711#⏎             | ''             | INT-4711  | ''
            ''       | #      | 100000⏎                | 100000⏎        | ''        | ''
            ''       | #      | 4098369006029⏎         | 4098369006029⏎ | ''        | ''
            ]C       | #      | ]C4098369006028#⏎      | ''             | 4098369006028 | ''
            """)
    void aPrefixOrSuffixDecidesWhateverTheFieldExpects(String prefix, String suffix, String script, String typed,
                                                       String scans, String rejections) {
        Run run = run(DEFAULTS.withPrefix(prefix).withSuffix(suffix), script, 8, true, FieldExpectation.AMOUNT);

        assertThat(run.typed).isEqualTo(typed);
        assertThat(run.scans).isEqualTo(split(scans));
        assertThat(run.rejections).isEqualTo(split(rejections));
    }

    @Test
    @DisplayName("Bad input: an over-long burst is still swallowed and reported in a field that expects an amount")
    void anOverLongBurstIsRejectedInAnAmountFieldToo() {
        Run run = run(DEFAULTS.withLengths(4, 8), "123456789012⏎", 8, true, FieldExpectation.AMOUNT);

        assertThat(run.typed).isEmpty();
        assertThat(run.scans).isEmpty();
        assertThat(run.rejections).containsExactly("TOO_LONG:12");
    }

    @ParameterizedTest(name = "[{index}] ''{0}'' -> {1}")
    @DisplayName("a field's expects property names its expectation; none or an unknown name is a code field")
    @CsvSource(delimiter = '|', nullValues = "null", textBlock = """
            # property | expectation
            amount     | AMOUNT
            ' PIN '    | PIN
            card       | CARD
            text       | TEXT
            code       | CODE
            money      | CODE
            ''         | CODE
            null       | CODE
            """)
    void theExpectsPropertyNamesTheExpectation(String property, FieldExpectation expected) {
        assertThat(FieldExpectation.fromProperty(property)).isEqualTo(expected);
    }

    @Test
    void aPropertyThatIsNoStringIsACodeField() {
        assertThat(FieldExpectation.fromProperty(42)).isEqualTo(FieldExpectation.CODE);
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
        return run(settings, script, gapMillis, timer, null);
    }

    /** As above with the focused field's expectation given with every terminator; null gives none. */
    private static Run run(WedgeScannerSettings settings, String script, long gapMillis, boolean timer,
                           FieldExpectation expects) {
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
                case '⏎' -> terminate(detector, WedgeTerminator.ENTER, expects);
                case '⇥' -> terminate(detector, WedgeTerminator.TAB, expects);
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

    private static WedgeDecision terminate(WedgeBurstDetector detector, WedgeTerminator terminator, FieldExpectation expects) {
        return expects == null ? detector.terminator(terminator) : detector.terminator(terminator, expects);
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
