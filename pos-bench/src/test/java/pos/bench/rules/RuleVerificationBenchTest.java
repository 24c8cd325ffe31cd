package pos.bench.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The benchmark runs, both engines agree on every verdict, and some payments fail (the mix is real). */
class RuleVerificationBenchTest {

    @Test
    void bothSizesRunAndTheRuleBaseAgreesWithTheHandCodedChecks() {
        for (int size : new int[] {100, 10_000}) {
            RuleVerificationBench.Result r = RuleVerificationBench.measure(size, 200, 1);
            assertThat(r.failedVerdicts()).as("some of the 64 payments fail at %d rules", size).isBetween(1, 63);
            assertThat(r.ours()).isPositive();
            assertThat(r.raw()).isPositive();
        }
    }
}
