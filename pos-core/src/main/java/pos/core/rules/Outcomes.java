package pos.core.rules;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * One result per rule, in the rule base's order, held as the rule base's shared pass results plus
 * the few that differ (the failures), so that a verification costs nothing per passing rule. The
 * reason of a failure the index found is built by its rule's own check the first time the results
 * or the failures are read (the popup reads them at once; a verdict alone does not need them). A
 * read-only {@link List}: equal to, and printed like, the list of every result. Immutable to its
 * readers and thread-safe: the reasons are built once, under a lock.
 */
final class Outcomes extends AbstractList<RuleResult> implements RandomAccess {

    /** Shared with the rule base; never written after it is built. */
    private final RuleResult[] passes;
    /** Ascending rule numbers whose result is not the pass in {@code passes}. */
    private final int[] differingAt;
    /** Their results; null where the reason is still to be built by {@code reasons}. */
    private final RuleResult[] differing;
    private final boolean passed;
    /** Builds rule {@code i}'s failed result; null once every reason is built. */
    private IntFunction<RuleResult> reasons;
    private List<RuleResult> failures;
    private volatile boolean built;

    /**
     * @param differing the results of the rules {@code differingAt}, null for a failure whose reason
     *                  {@code reasons} builds when first read (it must not be a pass)
     */
    Outcomes(RuleResult[] passes, int[] differingAt, RuleResult[] differing, IntFunction<RuleResult> reasons) {
        this.passes = passes;
        this.differingAt = differingAt;
        this.differing = differing;
        this.reasons = reasons;
        boolean allPassed = true;
        for (RuleResult r : differing) {
            allPassed &= r != null && r.passed();
        }
        this.passed = allPassed;
    }

    @Override
    public RuleResult get(int index) {
        Objects.checkIndex(index, passes.length);
        int k = Arrays.binarySearch(differingAt, index);
        if (k < 0) {
            return passes[index];
        }
        build();
        return differing[k];
    }

    @Override
    public int size() {
        return passes.length;
    }

    /** Whether every rule passed; known without building any reason. */
    boolean passed() {
        return passed;
    }

    /** The failed results, in rule order. */
    List<RuleResult> failures() {
        build();
        return failures;
    }

    private void build() {
        if (built) {
            return;
        }
        synchronized (this) {
            if (built) {
                return;
            }
            List<RuleResult> failed = new ArrayList<>(differing.length);
            for (int k = 0; k < differing.length; k++) {
                if (differing[k] == null) {
                    differing[k] = reasons.apply(differingAt[k]);
                }
                if (!differing[k].passed()) {
                    failed.add(differing[k]);
                }
            }
            failures = List.copyOf(failed);
            reasons = null;
            // the volatile write publishes the results above to every reader that sees built
            built = true;
        }
    }
}
