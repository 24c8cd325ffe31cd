package pos.bench.rules;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import pos.core.rules.PaymentFacts;

/**
 * JMH: one payment verified by the rule base ({@link #ruleBase}) against the same rules hand-coded
 * over arrays ({@link #raw}, the floor), for bases of 100 and 10,000 rules (issue 4); the payments
 * cycle through the fixture's 64 (some refused). {@link #ruleBaseWithReasons} also reads every failure's
 * result, as the till's popup does. {@link pos.bench.jmh.JmhMain} prints each ÷ raw.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RulesJmh {

    static final int[] SIZES = {100, 10_000};

    @Param({"100", "10000"})
    public int rules;

    private RuleVerificationBench.Fixture fixture;
    private int next;

    @Setup
    public void build() {
        fixture = new RuleVerificationBench.Fixture(rules);
    }

    private PaymentFacts nextPayment() {
        PaymentFacts facts = fixture.facts.get(next);
        next = (next + 1) % fixture.facts.size();
        return facts;
    }

    @Benchmark
    public boolean ruleBase() {
        return fixture.rules.verify(nextPayment(), fixture.spending).passed();
    }

    /**
     * The verdict and every failure's result as the popup reads it (keyword, message arguments,
     * field): the rule base builds those reasons only when they are read.
     */
    @Benchmark
    public int ruleBaseWithReasons() {
        return fixture.rules.verify(nextPayment(), fixture.spending).failures().size();
    }

    @Benchmark
    public boolean raw() {
        return fixture.raw.passes(nextPayment(), fixture.spending);
    }
}
