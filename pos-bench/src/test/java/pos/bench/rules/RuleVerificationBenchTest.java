package pos.bench.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Both sizes build, both engines agree on every verdict, and some payments fail (the mix is real); JMH times them (RulesJmh). */
class RuleVerificationBenchTest {

    @Test
    void bothSizesRunAndTheRuleBaseAgreesWithTheHandCodedChecks() {
        for (int size : RulesJmh.SIZES) {
            assertThat(RuleVerificationBench.failedVerdicts(size)).as("some of the 64 payments fail at %d rules", size).isBetween(1, 63);
        }
    }
}
