package pos.bench.rules;

import java.io.PrintStream;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
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
 * some fail. The timing is JMH's ({@link RulesJmh}, issue 11): {@code ./pos bench rules [--forks 1]
 * [--iterations 3] [--seconds 1]}, also part of {@code ./pos bench jmh}.
 */
public final class RuleVerificationBench {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, ZONE);

    private RuleVerificationBench() {
    }

    /**
     * Runs the JMH benchmark {@link RulesJmh} (rule base against the hand-coded checks, 100 and
     * 10,000 rules) and prints ns per payment and the ratio, after checking that both reach the
     * same verdicts. Usage: {@code ./pos bench rules [--forks 1] [--iterations 3] [--seconds 1]}.
     */
    public static void main(String[] args) {
        for (int size : RulesJmh.SIZES) {
            int failed = failedVerdicts(size);
            System.out.printf(Locale.ROOT, "%d rules: the rule base and the hand-coded checks agree on all 64 payments"
                    + " (%d refused)%n", size, failed);
        }
        pos.bench.jmh.JmhMain.run(RulesJmh.class.getSimpleName(), args);
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
