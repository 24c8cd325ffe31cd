package pos.core.rules;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import pos.core.card.BankDirectory;

/**
 * A compiled, immutable rule base: a version, the BIN table and the rules in order. Checking a
 * payment returns one result per keyword (R14), visiting through an index only the rules the
 * payment can fail; checking a scanned item runs the item rules only (R26). Thread-safe.
 */
public final class RuleBase {

    private final long version;
    private final BankDirectory banks;
    private final List<Rule> rules;
    private final List<ItemRule> itemRules;
    private final RuleIndex index;

    RuleBase(long version, BankDirectory banks, List<Rule> rules) {
        this.version = version;
        this.banks = banks;
        this.rules = List.copyOf(rules);
        List<ItemRule> items = new ArrayList<>();
        for (Rule r : this.rules) {
            if (r instanceof ItemRule ir) {
                items.add(ir);
            }
        }
        this.itemRules = List.copyOf(items);
        this.index = new RuleIndex(version, banks, this.rules);
    }

    /** A rule base with no rules: everything passes. For tills before any rules arrived, and tests. */
    public static RuleBase empty() {
        return new RuleBase(0, BankDirectory.empty(), List.of());
    }

    public long version() {
        return version;
    }

    public BankDirectory banks() {
        return banks;
    }

    public int size() {
        return rules.size();
    }

    public List<String> keywords() {
        return rules.stream().map(Rule::keyword).toList();
    }

    /**
     * Checks a payment against every rule (R13, R14): one result per rule, in order. Runs on the
     * compiled index ({@link RuleIndex}), which visits only the rules the payment can fail.
     */
    public Verification verify(PaymentFacts facts, CardSpending spending) {
        return index.verify(facts, spending);
    }

    /** The compiled form, for tests of what it visits. */
    RuleIndex index() {
        return index;
    }

    /**
     * The plain form of {@link #verify}: every rule's check in turn. What the index must agree with,
     * result for result; the tests compare the two.
     */
    Verification verifyEachRule(PaymentFacts facts, CardSpending spending) {
        RuleContext context = new RuleContext(banks, spending, facts);
        List<RuleResult> results = new ArrayList<>(rules.size());
        for (Rule rule : rules) {
            RuleResult result;
            try {
                result = rule.check(facts, context);
            } catch (RuntimeException e) {
                // a rule type's own defect must not let a payment through unchecked
                result = RuleResult.fail(rule.keyword(), "rule.error", "", String.valueOf(e));
            }
            results.add(result);
        }
        return new Verification(version, results);
    }

    /** Whether an item may be sold at {@code at} (R26); the first refusing rule answers. */
    public Optional<SaleWindowRefusal> sellable(SoldItem item, ZonedDateTime at) {
        for (ItemRule rule : itemRules) {
            Optional<SaleWindowRefusal> refusal = rule.refusal(item, at);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }
}
