package pos.core.rules;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import pos.core.card.Bank;
import pos.core.card.BankDirectory;
import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.sale.TenderType;

/**
 * A rule base compiled for checking payments (issue 15): each built-in rule is filed under what can
 * make it fail (its tender, its bank, its products and categories; limits sorted, so one comparison
 * clears every limit a payment stays under), and a payment visits only the rules it can fail. A rule
 * it does not visit passes with its one shared pass result, so a payment that passes allocates
 * nothing here and gets one shared {@link Verification}. A failure's result (its reason, for the
 * popup) is built by the rule's own check, when the failures are first read ({@link Outcomes}),
 * exactly as if every rule had been run ({@link RuleBase#verifyEachRule} is that plain form, and the
 * tests hold the two to the same results). Rules of other types, and the daily limit (which asks the
 * card's history), run on every payment in their order. Immutable and thread-safe.
 */
final class RuleIndex {

    private static final int[] NONE = {};
    /** For building the reasons of the rules that never read the card's history (the daily limit runs at once). */
    private static final CardSpending NO_SPENDING = (card, day) -> {
        throw new IllegalStateException("a rule filed in the index read the card's spending");
    };
    private static final int TENDERS = TenderType.values().length;

    private final long version;
    private final BankDirectory banks;
    /** The rules as the rule base holds them (with the store's message, if any). */
    private final Rule[] rules;
    /** The built-in rule inside {@code rules[i]}, or null for a rule of another type. */
    private final BuiltInRule[] builtIn;
    /** The store's message of {@code rules[i]}, or "". */
    private final String[] messages;
    /** What {@code rules[i]} returns when the payment meets it. */
    private final RuleResult[] passes;
    private final Verification allPassed;

    /** card_number rules, by tender ordinal. */
    private final int[][] cardNumbers;
    /** required_fields rules by tender ordinal, their fields as bits, and the union of those bits. */
    private final int[][] requiredRules;
    private final int[][] requiredBits;
    private final int[] requiredAnyBits;
    /** max_amount rules by tender ordinal. */
    private final Limits[] maxAmounts;
    /** bank_single_limit rules by bank code. */
    private final Map<String, Limits> bankLimits;
    /** age_restricted and sale_time_window rules by the product codes and categories they select. */
    private final Map<String, int[]> itemRulesByProduct;
    private final Map<String, int[]> itemRulesByCategory;
    /** The rules run on every payment, in order: the daily limit and every rule of another type. */
    private final int[] always;

    RuleIndex(long version, BankDirectory banks, List<Rule> ruleList) {
        this.version = version;
        this.banks = banks;
        int n = ruleList.size();
        rules = ruleList.toArray(new Rule[0]);
        builtIn = new BuiltInRule[n];
        messages = new String[n];
        passes = new RuleResult[n];
        List<List<Integer>> cardNumberLists = perTender();
        List<List<Integer>> requiredLists = perTender();
        List<List<Integer>> maxLists = perTender();
        Map<String, List<Integer>> bankLists = new HashMap<>();
        Map<String, List<Integer>> productLists = new HashMap<>();
        Map<String, List<Integer>> categoryLists = new HashMap<>();
        List<Integer> alwaysList = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Rule rule = rules[i];
            String message = "";
            if (rule instanceof RuleRegistry.WithMessage wrapped) {
                message = wrapped.message();
                rule = wrapped.rule();
            }
            messages[i] = message;
            if (!(rule instanceof BuiltInRule known)) {
                passes[i] = RuleResult.pass(rules[i].keyword());
                alwaysList.add(i);
                continue;
            }
            builtIn[i] = known;
            passes[i] = known.passed;
            if (known instanceof CardNumberRule.Check c) {
                file(cardNumberLists, c.tenders, i);
            } else if (known instanceof RequiredFieldsRule.Check r) {
                file(requiredLists, r.tenders, i);
            } else if (known instanceof MaxAmountRule.Check m) {
                file(maxLists, m.tenders, i);
            } else if (known instanceof BankSingleLimitRule.Check b) {
                bankLists.computeIfAbsent(b.bankCode, k -> new ArrayList<>()).add(i);
            } else if (known instanceof AgeRestrictedRule.Check a) {
                file(productLists, categoryLists, a.selector, i);
            } else if (known instanceof SaleTimeWindowRule.WindowRule w) {
                file(productLists, categoryLists, w.selector, i);
            } else {
                // the daily limit, and any built-in type without an index of its own
                alwaysList.add(i);
            }
        }
        cardNumbers = new int[TENDERS][];
        requiredRules = new int[TENDERS][];
        requiredBits = new int[TENDERS][];
        requiredAnyBits = new int[TENDERS];
        maxAmounts = new Limits[TENDERS];
        for (int t = 0; t < TENDERS; t++) {
            cardNumbers[t] = ints(cardNumberLists.get(t));
            requiredRules[t] = ints(requiredLists.get(t));
            requiredBits[t] = new int[requiredRules[t].length];
            for (int j = 0; j < requiredRules[t].length; j++) {
                requiredBits[t][j] = ((RequiredFieldsRule.Check) builtIn[requiredRules[t][j]]).fieldBits;
                requiredAnyBits[t] |= requiredBits[t][j];
            }
            maxAmounts[t] = limits(maxLists.get(t));
        }
        bankLimits = new HashMap<>();
        bankLists.forEach((bank, list) -> bankLimits.put(bank, limits(list)));
        itemRulesByProduct = intsByKey(productLists);
        itemRulesByCategory = intsByKey(categoryLists);
        always = ints(alwaysList);
        allPassed = new Verification(version, new Outcomes(passes, NONE, new RuleResult[0], null));
    }

    /**
     * Checks a payment against every rule (R13, R14): the same results, in the same order, as
     * running each rule's check in turn.
     */
    Verification verify(PaymentFacts facts, CardSpending spending) {
        int tender = facts.tender().ordinal();
        CardNumber card = facts.card();
        Bank issuer = card == null ? null : banks.issuerOrNull(card);
        Money amount = facts.amount();
        Failures failed = null;

        if (cardNumbers[tender].length > 0 && (card == null || !card.isValid())) {
            for (int i : cardNumbers[tender]) {
                failed = Failures.add(failed, i, null);
            }
        }
        if (requiredAnyBits[tender] != 0) {
            int missing = RequiredFieldsRule.missingFields(facts);
            if ((missing & requiredAnyBits[tender]) != 0) {
                int[] bits = requiredBits[tender];
                for (int j = 0; j < bits.length; j++) {
                    if ((bits[j] & missing) != 0) {
                        failed = Failures.add(failed, requiredRules[tender][j], null);
                    }
                }
            }
        }
        if (amount != null) {
            long minor = amount.minorUnits();
            failed = maxAmounts[tender].over(minor, failed);
            if (issuer != null) {
                Limits ofBank = bankLimits.get(issuer.code());
                if (ofBank != null) {
                    failed = ofBank.over(minor, failed);
                }
            }
        }
        if (!itemRulesByProduct.isEmpty() || !itemRulesByCategory.isEmpty()) {
            List<SoldItem> items = facts.items();
            for (int k = 0; k < items.size(); k++) {
                SoldItem item = items.get(k);
                failed = itemRules(itemRulesByProduct.get(item.code()), facts, failed);
                if (!item.category().isEmpty()) {
                    failed = itemRules(itemRulesByCategory.get(item.category()), facts, failed);
                }
            }
        }
        RuleContext context = null;
        for (int i : always) {
            RuleResult result;
            if (builtIn[i] != null) {
                result = outcome(i, facts, issuer, spending);
            } else {
                if (context == null) {
                    context = new RuleContext(banks, spending, facts, issuer);
                }
                try {
                    result = rules[i].check(facts, context);
                } catch (RuntimeException e) {
                    // a rule type's own defect must not let a payment through unchecked
                    result = error(i, e);
                }
                if (result == null) {
                    // as before the index: a verification never holds a missing result
                    throw new NullPointerException("rule '" + rules[i].keyword() + "' returned no result");
                }
            }
            if (result != passes[i] && !passes[i].equals(result)) {
                failed = Failures.add(failed, i, result);
            }
        }
        if (failed == null) {
            return allPassed;
        }
        return new Verification(version, failed.outcomes(this, facts, issuer));
    }

    /**
     * The keywords of the rules {@link #verify} looks at for this payment, in rule order: the ones
     * filed under its tender, its card's bank, its products and categories, and the ones run on
     * every payment. Every other rule passes without being looked at. For tests of the filing.
     */
    List<String> visitedBy(PaymentFacts facts) {
        int tender = facts.tender().ordinal();
        Bank issuer = facts.card() == null ? null : banks.issuerOrNull(facts.card());
        java.util.TreeSet<Integer> visited = new java.util.TreeSet<>();
        Arrays.stream(cardNumbers[tender]).forEach(visited::add);
        Arrays.stream(requiredRules[tender]).forEach(visited::add);
        Arrays.stream(maxAmounts[tender].rules()).forEach(visited::add);
        if (issuer != null && bankLimits.containsKey(issuer.code())) {
            Arrays.stream(bankLimits.get(issuer.code()).rules()).forEach(visited::add);
        }
        for (SoldItem item : facts.items()) {
            Arrays.stream(itemRulesByProduct.getOrDefault(item.code(), NONE)).forEach(visited::add);
            Arrays.stream(item.category().isEmpty() ? NONE : itemRulesByCategory.getOrDefault(item.category(), NONE))
                    .forEach(visited::add);
        }
        Arrays.stream(always).forEach(visited::add);
        return visited.stream().map(i -> rules[i].keyword()).toList();
    }

    /** Files the failing ones of the age and time-window rules {@code hits} (an item they select is sold). */
    private Failures itemRules(int[] hits, PaymentFacts facts, Failures failed) {
        if (hits == null) {
            return failed;
        }
        for (int i : hits) {
            boolean fails = builtIn[i] instanceof SaleTimeWindowRule.WindowRule window
                    ? window.outside(facts.at())
                    : !facts.ageConfirmed();
            if (fails) {
                // several items may select the same rule: Failures.outcomes keeps it once
                failed = Failures.add(failed, i, null);
            }
        }
        return failed;
    }

    /** What built-in rule {@code i} says about the payment, with the store's message; a defect becomes a failure. */
    private RuleResult outcome(int i, PaymentFacts facts, Bank issuer, CardSpending spending) {
        try {
            return builtIn[i].check(facts, issuer, spending).withCustomMessage(messages[i]);
        } catch (RuntimeException e) {
            return error(i, e);
        }
    }

    private RuleResult error(int i, RuntimeException e) {
        return RuleResult.fail(rules[i].keyword(), "rule.error", "", String.valueOf(e));
    }

    /**
     * Rules with a limit that fail when the amount is above it, sorted by limit: the ones a payment
     * fails are a prefix, so a payment under all of them costs one comparison.
     */
    private record Limits(long[] limits, int[] rules) {
        Failures over(long amount, Failures failed) {
            for (int j = 0; j < limits.length && amount > limits[j]; j++) {
                failed = Failures.add(failed, rules[j], null);
            }
            return failed;
        }
    }

    private Limits limits(List<Integer> list) {
        long[][] byLimit = new long[list.size()][];
        for (int j = 0; j < byLimit.length; j++) {
            int i = list.get(j);
            long limit = builtIn[i] instanceof MaxAmountRule.Check m ? m.limit : ((BankSingleLimitRule.Check) builtIn[i]).limit;
            byLimit[j] = new long[] {limit, i};
        }
        Arrays.sort(byLimit, (a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long[] limits = new long[byLimit.length];
        int[] rulesByLimit = new int[byLimit.length];
        for (int j = 0; j < byLimit.length; j++) {
            limits[j] = byLimit[j][0];
            rulesByLimit[j] = (int) byLimit[j][1];
        }
        return new Limits(limits, rulesByLimit);
    }

    /**
     * The rules a payment fails, as they are found (any order, possibly twice), each with its result
     * when it is already known. Made only when a payment fails something.
     */
    private static final class Failures {
        private int[] at = new int[8];
        private RuleResult[] results = new RuleResult[8];
        private int size;

        static Failures add(Failures failures, int rule, RuleResult result) {
            Failures f = failures == null ? new Failures() : failures;
            if (f.size == f.at.length) {
                f.at = Arrays.copyOf(f.at, f.size * 2);
                f.results = Arrays.copyOf(f.results, f.size * 2);
            }
            f.at[f.size] = rule;
            f.results[f.size] = result;
            f.size++;
            return f;
        }

        /**
         * Sorted into rule order, each rule once; the reasons of the failures the index found are
         * built by their rules when first read (they read only the payment and its card's bank).
         */
        Outcomes outcomes(RuleIndex index, PaymentFacts facts, Bank issuer) {
            sortByRule();
            int[] rulesAt = new int[size];
            RuleResult[] known = new RuleResult[size];
            int kept = 0;
            for (int k = 0; k < size; k++) {
                if (kept > 0 && rulesAt[kept - 1] == at[k]) {
                    continue;
                }
                rulesAt[kept] = at[k];
                known[kept] = results[k];
                kept++;
            }
            return new Outcomes(index.passes, Arrays.copyOf(rulesAt, kept), Arrays.copyOf(known, kept),
                    rule -> index.outcome(rule, facts, issuer, NO_SPENDING));
        }

        private void sortByRule() {
            boolean sorted = true;
            for (int k = 1; k < size && sorted; k++) {
                sorted = at[k - 1] <= at[k];
            }
            if (sorted) {
                return;
            }
            // rule number in the high half, place in the low half: one primitive sort, no boxing
            long[] keys = new long[size];
            for (int k = 0; k < size; k++) {
                keys[k] = ((long) at[k] << 32) | k;
            }
            Arrays.sort(keys);
            int[] sortedAt = new int[size];
            RuleResult[] sortedResults = new RuleResult[size];
            for (int k = 0; k < size; k++) {
                int from = (int) keys[k];
                sortedAt[k] = at[from];
                sortedResults[k] = results[from];
            }
            at = sortedAt;
            results = sortedResults;
        }
    }

    private static List<List<Integer>> perTender() {
        List<List<Integer>> lists = new ArrayList<>();
        for (int t = 0; t < TENDERS; t++) {
            lists.add(new ArrayList<>());
        }
        return lists;
    }

    private static void file(List<List<Integer>> byTender, Set<TenderType> tenders, int rule) {
        for (TenderType t : tenders) {
            byTender.get(t.ordinal()).add(rule);
        }
    }

    private static void file(Map<String, List<Integer>> byProduct, Map<String, List<Integer>> byCategory,
            ItemSelector selector, int rule) {
        for (String product : selector.products()) {
            byProduct.computeIfAbsent(product, k -> new ArrayList<>()).add(rule);
        }
        for (String category : selector.categories()) {
            byCategory.computeIfAbsent(category, k -> new ArrayList<>()).add(rule);
        }
    }

    private static int[] ints(List<Integer> list) {
        int[] out = new int[list.size()];
        for (int j = 0; j < out.length; j++) {
            out[j] = list.get(j);
        }
        return out;
    }

    private static Map<String, int[]> intsByKey(Map<String, List<Integer>> lists) {
        Map<String, int[]> out = new HashMap<>();
        lists.forEach((key, list) -> out.put(key, ints(list)));
        return out;
    }
}
