package pos.bench.rules;

import java.io.PrintStream;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * some fail. Usage: {@code ./pos bench rules [--payments 20000] [--rounds 5]}.
 */
public final class RuleVerificationBench {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, ZONE);

    /** One measured size: ns per verification for ours and raw, per round. */
    public record Result(int rules, double[] oursNanos, double[] rawNanos, int failedVerdicts) {
        public double ours() {
            return median(oursNanos);
        }

        public double raw() {
            return median(rawNanos);
        }

        /** How many times slower than the raw floor (higher is slower). */
        public double ratio() {
            return ours() / raw();
        }
    }

    private RuleVerificationBench() {
    }

    public static void main(String[] args) {
        int payments = intOption(args, "--payments", 20_000);
        int rounds = intOption(args, "--rounds", 5);
        PrintStream out = System.out;
        out.printf(Locale.ROOT, "rule-base verification, %d payments per round, median of %d rounds after a warm-up%n",
                payments, rounds);
        out.printf(Locale.ROOT, "%8s %16s %16s %10s %10s%n", "rules", "ours ns/payment", "raw ns/payment", "ratio", "failed");
        for (int size : new int[] {100, 10_000}) {
            Result r = measure(size, payments, rounds);
            out.printf(Locale.ROOT, "%8d %16.0f %16.0f %9.1fx %10d%n", size, r.ours(), r.raw(), r.ratio(), r.failedVerdicts());
        }
    }

    /** Builds a rule base of {@code size} rules and times verification against the raw floor. */
    public static Result measure(int size, int payments, int rounds) {
        Fixture f = new Fixture(size);
        double[] ours = new double[rounds];
        double[] raw = new double[rounds];
        int failed = 0;
        // warm-up and agreement check
        for (int i = 0; i < f.facts.size(); i++) {
            boolean a = f.rules.verify(f.facts.get(i), f.spending).passed();
            boolean b = f.raw.passes(f.facts.get(i), f.spending);
            if (a != b) {
                throw new IllegalStateException("the rule base and the raw checks disagree on payment " + i);
            }
            failed += a ? 0 : 1;
        }
        timeOurs(f, payments);
        timeRaw(f, payments);
        for (int round = 0; round < rounds; round++) {
            ours[round] = timeOurs(f, payments);
            raw[round] = timeRaw(f, payments);
        }
        return new Result(size, ours, raw, failed);
    }

    private static double timeOurs(Fixture f, int payments) {
        int passed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < payments; i++) {
            Verification v = f.rules.verify(f.facts.get(i % f.facts.size()), f.spending);
            passed += v.passed() ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        sink(passed);
        return (double) elapsed / payments;
    }

    private static double timeRaw(Fixture f, int payments) {
        int passed = 0;
        long start = System.nanoTime();
        for (int i = 0; i < payments; i++) {
            passed += f.raw.passes(f.facts.get(i % f.facts.size()), f.spending) ? 1 : 0;
        }
        long elapsed = System.nanoTime() - start;
        sink(passed);
        return (double) elapsed / payments;
    }

    private static volatile int sink;

    private static void sink(int value) {
        sink += value;
    }

    /** The rule base, the same rules as plain arrays, and the payments. */
    private static final class Fixture {
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
    private record RawRules(String[] bins, long[] bankLimits, List<String> windowCategories, List<String> ageProducts,
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

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int intOption(String[] args, String name, int otherwise) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " needs a whole number, got " + args[i + 1], e);
                }
            }
        }
        return otherwise;
    }
}
