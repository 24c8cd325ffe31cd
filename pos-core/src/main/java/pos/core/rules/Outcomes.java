package pos.core.rules;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * One result per rule, in the rule base's order, held as the rule base's shared pass results plus
 * the few that differ (the failures), so that a verification costs nothing per passing rule.
 * A read-only {@link List}: equal to, and printed like, the list of every result. Immutable.
 */
final class Outcomes extends AbstractList<RuleResult> implements RandomAccess {

    /** Shared with the rule base; never written after it is built. */
    private final RuleResult[] passes;
    /** Ascending rule numbers whose result is not the pass in {@code passes}. */
    private final int[] differingAt;
    private final RuleResult[] differing;
    private final List<RuleResult> failures;

    Outcomes(RuleResult[] passes, int[] differingAt, RuleResult[] differing) {
        this.passes = passes;
        this.differingAt = differingAt;
        this.differing = differing;
        List<RuleResult> failed = new ArrayList<>(differing.length);
        for (RuleResult r : differing) {
            if (!r.passed()) {
                failed.add(r);
            }
        }
        this.failures = List.copyOf(failed);
    }

    @Override
    public RuleResult get(int index) {
        Objects.checkIndex(index, passes.length);
        int k = java.util.Arrays.binarySearch(differingAt, index);
        return k >= 0 ? differing[k] : passes[index];
    }

    @Override
    public int size() {
        return passes.length;
    }

    /** The failed results, in rule order. */
    List<RuleResult> failures() {
        return failures;
    }
}
