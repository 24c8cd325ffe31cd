package pos.bench.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import pos.bench.limits.LimitRow;
import pos.core.card.Bank;
import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.rules.CardSpending;
import pos.core.rules.PaymentFacts;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleSpec;
import pos.core.rules.SoldItem;
import pos.core.rules.Verification;
import pos.core.sale.TenderType;

/**
 * Verification time per payment (issue 4: rule bases of 100 and 10,000 rules), next to the raw
 * engine measured in the same run: the same rules written as hand-coded checks over plain arrays
 * (no registry, no result objects), the floor any rule engine pays for those checks. Both must
 * reach the same verdicts, or the run fails.
 *
 * <p>Each rule base mixes the built-in types as a store's would grow: per-bank single limits (one
 * bank per four rules, each with its own BIN), category sale time windows, age-restricted products,
 * card-only amount limits, plus card number, required fields and the daily limit. Each payment is a
 * card payment of a 20-item sale; payments cycle through cards of different banks and amounts so
 * some fail. The timing is JMH's ({@link RulesJmh}, issue 11): {@code ./pos bench rules [--forks 1]
 * [--warmups 2] [--iterations 3] [--seconds 1]}, also part of {@code ./pos bench jmh}; {@link #limitRows}
 * gives issue 15's two rows (goal: at most 2× the hand-coded time).
 */
public final class RuleVerificationBench {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, ZONE);

    private RuleVerificationBench() {
    }

    /** The goal of issue 15 for both sizes: at most this many times the hand-coded checks' time. */
    public static final double GOAL_TIMES_SLOWER = 2;

    /**
     * Runs the JMH benchmark {@link RulesJmh} (rule base against the hand-coded checks, 100 and
     * 10,000 rules) after checking that both reach the same verdicts, and prints µs per payment,
     * the ratio and whether issue 15's goal is met, and the time with every failure's reason read. Usage: {@code ./pos bench rules [--forks 1]
     * [--warmups 2] [--iterations 3] [--seconds 1]}.
     */
    public static void main(String[] args) {
        List<LimitRow> rows = limitRows(intOption(args, "--forks", 1), intOption(args, "--warmups", 2),
                intOption(args, "--iterations", 3), doubleOption(args, "--seconds", 1));
        System.out.println();
        System.out.println("rule verification ÷ the same rules hand-coded over arrays (JMH; ratio > 1 = slower than hand-coded)");
        for (LimitRow row : rows) {
            System.out.println(row.line());
            System.out.println("    " + row.detail());
        }
    }

    /**
     * The two rows of issue 15's table for the rule base (100 and 10,000 rules): the rule base's time
     * per payment ÷ the hand-coded checks' time, both timed by JMH ({@link RulesJmh}) in the same
     * run. The value is the median of the rounds' ratios (a round: the same measured iteration of
     * both, in the same fork), the range their spread: verdict against verdict, as the hand-coded
     * checks give only a verdict. The detail adds the time when every failure's reason is read
     * too, as the till's popup does. Checks first that both reach the same verdict on every payment.
     *
     * @throws IllegalStateException when they disagree on a payment, or JMH fails
     */
    public static List<LimitRow> limitRows(int forks, int warmups, int iterations, double seconds) {
        for (int size : RulesJmh.SIZES) {
            int failed = failedVerdicts(size);
            System.out.printf(Locale.ROOT, "%d rules: the rule base and the hand-coded checks agree on all 64 payments"
                    + " (%d refused)%n", size, failed);
        }
        TimeValue each = TimeValue.milliseconds(Math.max(1, Math.round(seconds * 1000)));
        Collection<RunResult> results;
        try {
            results = new Runner(new OptionsBuilder()
                    .include("pos\\.bench\\.rules\\." + RulesJmh.class.getSimpleName() + "\\.")
                    .forks(forks)
                    .warmupIterations(warmups)
                    .measurementIterations(iterations)
                    .warmupTime(each)
                    .measurementTime(each)
                    .timeUnit(TimeUnit.NANOSECONDS)
                    .verbosity(VerboseMode.NORMAL)
                    .shouldFailOnError(true)
                    .build()).run();
        } catch (RunnerException e) {
            throw new IllegalStateException("the JMH run of the rule benchmark failed: " + e.getMessage(), e);
        }
        List<LimitRow> rows = new ArrayList<>();
        for (int size : RulesJmh.SIZES) {
            RunResult ours = find(results, "ruleBase", size);
            RunResult raw = find(results, "raw", size);
            RunResult withReasons = find(results, "ruleBaseWithReasons", size);
            List<Double> rounds = roundRatios(ours, raw);
            double median = median(rounds);
            String range = String.format(Locale.ROOT, "%.2f–%.2f", Collections.min(rounds), Collections.max(rounds));
            rows.add(LimitRow.atMost(String.format(Locale.ROOT, "rule verification ÷ hand-coded, %,d rules", size), median, range,
                    "× slower", GOAL_TIMES_SLOWER, String.format(Locale.ROOT,
                            "%.2f µs vs %.2f µs per payment (%d rounds); reading every failure's reason too: %.2f µs (%.2f×)",
                            ours.getPrimaryResult().getScore() / 1_000, raw.getPrimaryResult().getScore() / 1_000, rounds.size(),
                            withReasons.getPrimaryResult().getScore() / 1_000,
                            withReasons.getPrimaryResult().getScore() / raw.getPrimaryResult().getScore())));
        }
        return rows;
    }

    private static RunResult find(Collection<RunResult> results, String method, int size) {
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            if (benchmark.endsWith("." + method) && r.getParams().getParam("rules").equals(String.valueOf(size))) {
                return r;
            }
        }
        throw new IllegalStateException("JMH returned no result for " + method + " with " + size + " rules");
    }

    /** Ours ÷ raw for each measured iteration, paired by fork and iteration number. */
    private static List<Double> roundRatios(RunResult ours, RunResult raw) {
        List<BenchmarkResult> oursForks = new ArrayList<>(ours.getBenchmarkResults());
        List<BenchmarkResult> rawForks = new ArrayList<>(raw.getBenchmarkResults());
        List<Double> ratios = new ArrayList<>();
        for (int f = 0; f < Math.min(oursForks.size(), rawForks.size()); f++) {
            List<IterationResult> o = new ArrayList<>(oursForks.get(f).getIterationResults());
            List<IterationResult> w = new ArrayList<>(rawForks.get(f).getIterationResults());
            for (int i = 0; i < Math.min(o.size(), w.size()); i++) {
                ratios.add(o.get(i).getPrimaryResult().getScore() / w.get(i).getPrimaryResult().getScore());
            }
        }
        if (ratios.isEmpty()) {
            ratios.add(ours.getPrimaryResult().getScore() / raw.getPrimaryResult().getScore());
        }
        return ratios;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static int intOption(String[] args, String name, int otherwise) {
        String value = option(args, name);
        try {
            return value == null ? otherwise : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + value + "'", e);
        }
    }

    private static double doubleOption(String[] args, String name, double otherwise) {
        String value = option(args, name);
        try {
            return value == null ? otherwise : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, not '" + value + "'", e);
        }
    }

    private static String option(String[] args, String name) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(name)) {
                if (i + 1 == args.length) {
                    throw new IllegalArgumentException(name + " needs a value");
                }
                return args[i + 1];
            }
        }
        return null;
    }

    /**
     * Checks that the rule base and the hand-coded checks of a base of {@code size} rules reach the
     * same verdict on every payment of the fixture, and returns how many payments fail.
     *
     * @throws IllegalStateException naming the first payment they disagree on
     */
    public static int failedVerdicts(int size) {
        Fixture f = new Fixture(size);
        int failed = 0;
        for (int i = 0; i < f.facts.size(); i++) {
            boolean ours = f.rules.verify(f.facts.get(i), f.spending).passed();
            boolean raw = f.raw.passes(f.facts.get(i), f.spending);
            if (ours != raw) {
                throw new IllegalStateException("the rule base and the raw checks disagree on payment " + i);
            }
            failed += ours ? 0 : 1;
        }
        return failed;
    }

    /** The rule base, the same rules as plain arrays, and the payments. */
    static final class Fixture {
        final RuleBase rules;
        final RawRules raw;
        final List<PaymentFacts> facts = new ArrayList<>();
        final CardSpending spending;

        Fixture(int size) {
            List<Bank> banks = new ArrayList<>();
            List<RuleSpec> specs = new ArrayList<>();
            specs.add(new RuleSpec("card.number", "card_number", Map.of()));
            specs.add(new RuleSpec("payment.fields", "required_fields", Map.of("fields", List.of("orderId", "payee", "amount"))));
            specs.add(new RuleSpec("card.daily", "card_daily_limit", Map.of("limit", 500_000)));
            int banksCount = Math.max(1, size / 4);
            long[] bankLimits = new long[banksCount];
            String[] bins = new String[banksCount];
            List<String> windowCategories = new ArrayList<>();
            List<String> ageProducts = new ArrayList<>();
            List<Long> cardLimits = new ArrayList<>();
            for (int i = 0; specs.size() < size; i++) {
                switch (i % 4) {
                    case 0 -> {
                        int b = i / 4;
                        if (b < banksCount) {
                            bins[b] = String.format(Locale.ROOT, "%06d", 400_000 + b);
                            bankLimits[b] = 1_000 + (b % 50) * 1_000L;
                            banks.add(new Bank("B" + b, "Bank " + b, List.of(bins[b])));
                            specs.add(new RuleSpec("bank.b" + b + ".single", "bank_single_limit",
                                    params("bank", "B" + b, "limit", bankLimits[b])));
                        }
                    }
                    case 1 -> {
                        String category = "cat" + i;
                        windowCategories.add(category);
                        specs.add(new RuleSpec("window." + category, "sale_time_window", params("categories", List.of(category),
                                "windows", List.of(params("days", List.of("MON-SAT"), "from", "08:00", "to", "22:00")))));
                    }
                    case 2 -> {
                        String product = "p" + i;
                        ageProducts.add(product);
                        specs.add(new RuleSpec("age." + product, "age_restricted", params("products", List.of(product), "min_age", 18)));
                    }
                    default -> {
                        long limit = 50_000 + i;
                        cardLimits.add(limit);
                        specs.add(new RuleSpec("max.card." + i, "max_amount", params("limit", limit, "tenders", List.of("CARD"))));
                    }
                }
            }
            rules = RuleRegistry.builtIn().compile(new RuleBaseDefinition(1, banks, specs));
            raw = new RawRules(bins, bankLimits, windowCategories, ageProducts,
                    cardLimits.stream().mapToLong(Long::longValue).toArray(), 500_000);
            Map<String, Long> paidToday = new HashMap<>();
            spending = (card, day) -> paidToday.getOrDefault(card.lastFour(), 0L);
            List<SoldItem> items = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                items.add(new SoldItem("item" + i, "Item " + i, i == 7 && !windowCategories.isEmpty()
                        ? windowCategories.get(windowCategories.size() / 2) : "groceries"));
            }
            for (int p = 0; p < 64; p++) {
                int bank = (p * 7) % banksCount;
                String pan = withCheckDigit(bins[bank] + String.format(Locale.ROOT, "%09d", p));
                long amount = 500 + (p * 997L) % 60_000;
                facts.add(new PaymentFacts("01JD" + p, "store-1", TenderType.CARD, Money.ofMinor(amount, "EUR"),
                        CardNumber.typed(pan), "", items, AT, p % 2 == 0));
            }
        }
    }

    /** The same rules hand-coded over arrays: the floor a rule engine is compared against. */
    record RawRules(String[] bins, long[] bankLimits, List<String> windowCategories, List<String> ageProducts,
            long[] cardLimits, long dailyLimit) {

        boolean passes(PaymentFacts f, CardSpending spending) {
            boolean ok = true;
            CardNumber card = f.card();
            ok &= card != null && card.isValid();
            ok &= !f.orderId().isEmpty() && !f.payee().isEmpty() && f.amount() != null;
            long amount = f.amount().minorUnits();
            ok &= spending.paidMinorOn(card, f.at().toLocalDate()) + amount <= dailyLimit;
            String bin = card.bin();
            for (int b = 0; b < bins.length; b++) {
                if (bins[b] != null && bins[b].equals(bin) && amount > bankLimits[b]) {
                    ok = false;
                }
            }
            boolean open = f.at().getDayOfWeek() != DayOfWeek.SUNDAY && !f.at().toLocalTime().isBefore(LocalTime.of(8, 0))
                    && f.at().toLocalTime().isBefore(LocalTime.of(22, 0));
            for (String category : windowCategories) {
                for (SoldItem item : f.items()) {
                    if (item.category().equals(category) && !open) {
                        ok = false;
                    }
                }
            }
            for (String product : ageProducts) {
                for (SoldItem item : f.items()) {
                    if (item.code().equals(product) && !f.ageConfirmed()) {
                        ok = false;
                    }
                }
            }
            for (long limit : cardLimits) {
                if (amount > limit) {
                    ok = false;
                }
            }
            return ok;
        }
    }

    static String withCheckDigit(String body) {
        for (char d = '0'; d <= '9'; d++) {
            if (CardNumber.luhnValid(body + d)) {
                return body + d;
            }
        }
        throw new IllegalStateException("no check digit for " + body);
    }

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
