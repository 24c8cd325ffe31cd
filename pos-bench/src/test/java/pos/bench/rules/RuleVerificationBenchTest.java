package pos.bench.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.bench.limits.LimitRow;
import org.junit.jupiter.api.parallel.Isolated;

/** Both sizes build, both engines agree on every verdict, and some payments fail (the mix is real); JMH times them (RulesJmh). */
@Isolated // timed: never beside the payments fault runs, which run two at a time (junit-platform.properties)
class RuleVerificationBenchTest {

    @Test
    void bothSizesRunAndTheRuleBaseAgreesWithTheHandCodedChecks() {
        for (int size : RulesJmh.SIZES) {
            assertThat(RuleVerificationBench.failedVerdicts(size)).as("some of the 64 payments fail at %d rules", size).isBetween(1, 63);
        }
    }

    @Test
    @DisplayName("issue 15: a very short in-process JMH run gives the two rows of the limits table, held to at most 2×")
    void limitRowsGiveOneRowPerSizeHeldToTwiceTheHandCodedTime() {
        List<LimitRow> rows = RuleVerificationBench.limitRows(0, 0, 2, 0.05);

        assertThat(rows).extracting(LimitRow::measure).containsExactly("rule verification ÷ hand-coded, 100 rules",
                "rule verification ÷ hand-coded, 10,000 rules");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.goal()).isEqualTo("≤ 2×");
            assertThat(row.unit()).isEqualTo("× slower");
            assertThat(row.value()).isPositive();
            assertThat(row.met()).isEqualTo(row.value() <= 2);
            assertThat(row.range()).matches("\\d+\\.\\d\\d–\\d+\\.\\d\\d");
            assertThat(row.detail()).matches("\\d+\\.\\d\\d µs vs \\d+\\.\\d\\d µs per payment \\(2 rounds\\); reading every failure.s reason too: \\d+\\.\\d\\d µs \\(\\d+\\.\\d\\d×\\)");
        });
    }
}
