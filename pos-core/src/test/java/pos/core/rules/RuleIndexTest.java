package pos.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static pos.core.rules.RuleBaseTest.TUESDAY_3PM;
import static pos.core.rules.RuleBaseTest.params;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.card.Bank;
import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.sale.TenderType;

/**
 * The compiled rule base (issue 15): a payment visits only the rules filed under its tender, its
 * card's bank and its items, and the results are the same, in the same order, as running every rule.
 */
class RuleIndexTest {

    static final Bank NORDBANK = new Bank("NORDBANK", "Nordbank", List.of("411111"));
    static final Bank SUDBANK = new Bank("SUDBANK", "Sudbank", List.of("555555", "4111112"));
    static final SoldItem MILK = new SoldItem("1001", "Whole milk 1 L", "dairy");
    static final SoldItem WINE = new SoldItem("7001", "Red wine 0.75 L", "alcohol");
    static final SoldItem CIGARS = new SoldItem("9001", "Cigars", "");

    /** A rule type the index knows nothing about: it must be run on every payment. */
    static final RuleType EVEN_CENTS = new RuleType() {
        @Override
        public String name() {
            return "even_cents";
        }

        @Override
        public Set<String> parameters() {
            return Set.of();
        }

        @Override
        public Rule create(String keyword, RuleParams params) {
            return new Rule() {
                @Override
                public String keyword() {
                    return keyword;
                }

                @Override
                public RuleResult check(PaymentFacts facts, RuleContext context) {
                    if (facts.amount() != null && facts.amount().minorUnits() % 7 == 3) {
                        throw new IllegalStateException("a defect in this rule type");
                    }
                    return facts.amount() == null || facts.amount().minorUnits() % 2 == 0 ? RuleResult.pass(keyword)
                            : RuleResult.fail(keyword, "rule.even_cents.odd", Fields.AMOUNT, facts.amount());
                }
            };
        }
    };

    static RuleBase compile(List<Bank> banks, List<RuleSpec> rules) {
        return RuleRegistry.builtIn().with(EVEN_CENTS).compile(new RuleBaseDefinition(9, banks, rules));
    }

    static PaymentFacts payment(TenderType tender, String pan, long amountMinor, SoldItem... items) {
        return new PaymentFacts("01JD0000000000000000000000", "store-12", tender, Money.ofMinor(amountMinor, "EUR"),
                pan == null ? null : CardNumber.typed(pan), "", List.of(items), TUESDAY_3PM, false);
    }

    @Test
    @DisplayName("R14 a payment visits only the rules filed under its tender, its card's bank and its items, and every rule run on all payments")
    void aPaymentVisitsOnlyTheRulesFiledUnderItsTenderBankAndItems() {
        RuleBase rules = compile(List.of(NORDBANK, SUDBANK), List.of(
                new RuleSpec("card.number", "card_number", params()),
                new RuleSpec("qr.max", "max_amount", params("limit", 1, "tenders", List.of("QR"))),
                new RuleSpec("card.max", "max_amount", params("limit", 50_000, "tenders", List.of("CARD"))),
                new RuleSpec("cash.fields", "required_fields", params("fields", List.of("payee"), "tenders", List.of("CASH"))),
                new RuleSpec("nordbank.single", "bank_single_limit", params("bank", "NORDBANK", "limit", 1_000)),
                new RuleSpec("sudbank.single", "bank_single_limit", params("bank", "SUDBANK", "limit", 1)),
                new RuleSpec("alcohol.hours", "sale_time_window", params("categories", List.of("alcohol"),
                        "windows", List.of(params("days", List.of("MON-SAT"), "from", "08:00", "to", "22:00")))),
                new RuleSpec("cigars.age", "age_restricted", params("products", List.of("9001"), "min_age", 18)),
                new RuleSpec("card.daily", "card_daily_limit", params("limit", 100_000)),
                new RuleSpec("even", "even_cents", params())));
        RuleIndex index = rules.index();

        PaymentFacts nordbankMilk = payment(TenderType.CARD, "4111111111111111", 2_000, MILK);
        assertThat(index.visitedBy(nordbankMilk)).as("not QR's limit, cash's fields, Sudbank's limit, wine's hours, cigars' age")
                .containsExactly("card.number", "card.max", "nordbank.single", "card.daily", "even");
        assertThat(rules.verify(nordbankMilk, CardSpending.none()).failures()).extracting(RuleResult::keyword)
                .containsExactly("nordbank.single");

        // 4111112… is Sudbank's 7-digit BIN inside Nordbank's 6-digit one: the longest prefix decides
        PaymentFacts sudbankWineCigars = payment(TenderType.CARD, "4111112222222227", 2_000, WINE, MILK, CIGARS);
        assertThat(index.visitedBy(sudbankWineCigars))
                .containsExactly("card.number", "card.max", "sudbank.single", "alcohol.hours", "cigars.age", "card.daily", "even");
        assertThat(rules.verify(sudbankWineCigars, CardSpending.none()).failures()).extracting(RuleResult::keyword)
                .containsExactly("sudbank.single", "cigars.age");

        PaymentFacts cash = payment(TenderType.CASH, null, 3, MILK);
        assertThat(index.visitedBy(cash)).containsExactly("cash.fields", "card.daily", "even");
        assertThat(rules.verify(cash, CardSpending.none()).failures()).singleElement()
                .satisfies(r -> assertThat(r.messageKey()).as("the other type's defect is a failure, as before").isEqualTo("rule.error"));
    }

    @Test
    void failuresFoundOutOfOrderAreNamedInTheRuleBasesOrderEachOnce() {
        // limits written from high to low: the index finds them low to high
        List<RuleSpec> specs = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            specs.add(new RuleSpec("max." + i, "max_amount", params("limit", 6_000 - i * 1_000)));
            specs.add(new RuleSpec("wine.age." + i, "age_restricted", params("categories", List.of("alcohol"),
                    "products", List.of("7001"), "min_age", 18, "message", "ID please (" + i + ")")));
        }
        RuleBase rules = compile(List.of(), specs);
        SoldItem secondWine = new SoldItem("7002", "White wine", "alcohol");

        Verification v = rules.verify(payment(TenderType.CASH, null, 3_500, WINE, secondWine, MILK), CardSpending.none());

        assertThat(v.failures()).extracting(RuleResult::keyword).containsExactly("wine.age.0", "wine.age.1", "wine.age.2",
                "max.3", "wine.age.3", "max.4", "wine.age.4", "max.5", "wine.age.5");
        assertThat(v.failures()).filteredOn(r -> r.keyword().startsWith("wine.age"))
                .allSatisfy(r -> assertThat(r.arguments()).as("the first item it selects").containsExactly(18, "Red wine 0.75 L"))
                .extracting(RuleResult::customMessage).startsWith("ID please (0)");
        assertThat(v.results()).isEqualTo(rules.verifyEachRule(payment(TenderType.CASH, null, 3_500, WINE, secondWine, MILK),
                CardSpending.none()).results());
    }

    @Test
    void theReasonsOfAFailedPaymentAreBuiltOnceWhoeverReadsThemFirst() throws Exception {
        RuleBase rules = compile(List.of(NORDBANK), List.of(
                new RuleSpec("card.number", "card_number", params()),
                new RuleSpec("nordbank.single", "bank_single_limit", params("bank", "NORDBANK", "limit", 1_000, "message", "Call the bank"))));
        Verification v = rules.verify(payment(TenderType.CARD, "4111111111111112", 2_000), CardSpending.none());
        assertThat(v.passed()).isFalse();

        java.util.concurrent.ExecutorService readers = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<List<RuleResult>>> read = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                read.add(readers.submit(t % 2 == 0 ? v::failures : v::results));
            }
            for (java.util.concurrent.Future<List<RuleResult>> f : read) {
                assertThat(f.get()).extracting(RuleResult::keyword).containsExactly("card.number", "nordbank.single");
            }
        } finally {
            readers.shutdownNow();
        }
        assertThat(v.failures().get(0)).isSameAs(v.results().get(0));
        assertThat(v.failures()).extracting(RuleResult::messageKey, RuleResult::field, RuleResult::customMessage)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("rule.card_number.check_digit", Fields.CARD, ""),
                        org.assertj.core.groups.Tuple.tuple("rule.bank_single_limit.over", Fields.AMOUNT, "Call the bank"));
        assertThat(v.failures().get(1).arguments()).containsExactly("Nordbank", Money.ofMinor(1_000, "EUR"), Money.ofMinor(2_000, "EUR"));
    }

    @Test
    void aPassingPaymentGetsTheSharedVerificationWithOneResultPerRule() {
        RuleBase rules = compile(List.of(NORDBANK), List.of(
                new RuleSpec("card.number", "card_number", params()),
                new RuleSpec("card.max", "max_amount", params("limit", 50_000))));
        PaymentFacts fine = payment(TenderType.CARD, "4111111111111111", 2_000, MILK);

        Verification first = rules.verify(fine, CardSpending.none());

        assertThat(rules.verify(fine.withAgeConfirmed(true), CardSpending.none())).isSameAs(first);
        assertThat(first.passed()).isTrue();
        assertThat(first.failures()).isEmpty();
        assertThat(first.results()).containsExactly(RuleResult.pass("card.number"), RuleResult.pass("card.max"));
        assertThat(first).isEqualTo(new Verification(9, List.of(RuleResult.pass("card.number"), RuleResult.pass("card.max"))))
                .hasToString(new Verification(9, List.of(RuleResult.pass("card.number"), RuleResult.pass("card.max"))).toString());
    }

    @Test
    @DisplayName("R14 R15 the index and running every rule agree result for result on random rule bases and payments")
    void theIndexAgreesWithRunningEveryRuleOnRandomRuleBasesAndPayments() {
        Random random = new Random(15);
        List<String> disagreements = new ArrayList<>();
        int compared = 0;
        int failing = 0;
        for (int base = 0; base < 150; base++) {
            List<Bank> banks = List.of(NORDBANK, SUDBANK, new Bank("ONE", "One", List.of("3")));
            RuleBase rules = compile(banks, randomRules(random));
            for (int p = 0; p < 40; p++) {
                PaymentFacts facts = randomPayment(random);
                CardSpending spending = random.nextInt(10) == 0
                        ? (card, day) -> {
                            throw new IllegalStateException("journal unreadable");
                        }
                        : (card, day) -> 40_000;
                Verification indexed = rules.verify(facts, spending);
                Verification plain = rules.verifyEachRule(facts, spending);
                // the verdict first: it is known before any reason is built
                boolean same = indexed.passed() == plain.passed()
                        && indexed.results().equals(plain.results())
                        && indexed.failures().equals(plain.failures())
                        && indexed.toPreCheck().equals(plain.toPreCheck())
                        && indexed.equals(plain) && indexed.hashCode() == plain.hashCode();
                if (!same) {
                    disagreements.add("base " + base + " payment " + p + ": " + indexed + " but every rule in turn gives " + plain);
                }
                compared++;
                failing += plain.passed() ? 0 : 1;
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(compared).isEqualTo(6_000);
        assertThat(failing).as("the payments exercise failures and passes").isBetween(600, 5_400);
    }

    private static List<RuleSpec> randomRules(Random random) {
        List<RuleSpec> specs = new ArrayList<>();
        int count = 1 + random.nextInt(30);
        for (int i = 0; i < count; i++) {
            String keyword = "r" + i;
            Map<String, Object> p = switch (random.nextInt(8)) {
                case 0 -> withTenders(random, params("type", "card_number"));
                case 1 -> withTenders(random, params("type", "max_amount", "limit", limit(random)));
                case 2 -> withTenders(random, params("type", "required_fields",
                        "fields", pick(random, List.of("orderId", "payee", "amount", "card", "account"))));
                case 3 -> params("type", "bank_single_limit", "bank", pick(random, List.of("NORDBANK", "SUDBANK", "ONE", "NOBANK")).get(0),
                        "limit", limit(random));
                case 4 -> random.nextBoolean() ? params("type", "card_daily_limit", "limit", limit(random) + 40_000)
                        : params("type", "card_daily_limit", "limit", limit(random) + 40_000, "bank", "SUDBANK");
                case 5 -> selecting(random, params("type", "age_restricted", "min_age", 16 + random.nextInt(5)));
                case 6 -> selecting(random, params("type", "sale_time_window", "windows",
                        List.of(params("days", List.of(random.nextBoolean() ? "MON-FRI" : "SAT"),
                                "from", String.format("%02d:00", random.nextInt(24)), "to", String.format("%02d:30", random.nextInt(24)))),
                        "zone", random.nextBoolean() ? "Asia/Shanghai" : "Europe/Berlin"));
                default -> params("type", "even_cents");
            };
            if (random.nextInt(4) == 0) {
                p.put("message", "store text " + i);
            }
            if (random.nextInt(10) == 0) {
                p.put("enabled", false);
            }
            String type = (String) p.remove("type");
            specs.add(new RuleSpec(keyword, type, p));
        }
        return specs;
    }

    /** Limits and amounts on a coarse grid, so that an amount often equals a limit or misses it by one cent. */
    private static long limit(Random random) {
        return 1_000L * random.nextInt(60);
    }

    private static Map<String, Object> withTenders(Random random, Map<String, Object> p) {
        if (random.nextBoolean()) {
            p.put("tenders", pick(random, List.of("CASH", "QR", "CARD", "MEMBER")));
        }
        return p;
    }

    private static Map<String, Object> selecting(Random random, Map<String, Object> p) {
        boolean categories = random.nextBoolean();
        if (categories || random.nextBoolean()) {
            p.put("categories", pick(random, List.of("alcohol", "dairy", "tobacco")));
        }
        if (!categories) {
            p.put("products", pick(random, List.of("1001", "7001", "9001", "7002")));
        }
        return p;
    }

    /** One or more distinct entries of {@code from}. */
    private static List<String> pick(Random random, List<String> from) {
        List<String> out = new ArrayList<>();
        for (String s : from) {
            if (random.nextInt(3) == 0) {
                out.add(s);
            }
        }
        return out.isEmpty() ? List.of(from.get(random.nextInt(from.size()))) : out;
    }

    private static PaymentFacts randomPayment(Random random) {
        TenderType tender = List.of(TenderType.CASH, TenderType.QR, TenderType.CARD, TenderType.MEMBER).get(random.nextInt(4));
        String pan = List.of("4111111111111111", "4111112222222227", "5555555555554444", "4111111111111112", "3111111111111113",
                "41111", "", "6011000990139424").get(random.nextInt(8));
        List<SoldItem> items = new ArrayList<>();
        List<SoldItem> catalog = List.of(MILK, WINE, CIGARS, new SoldItem("7002", "White wine", "alcohol"),
                new SoldItem("8001", "Pipe tobacco", "tobacco"));
        for (int i = random.nextInt(5); i > 0; i--) {
            items.add(catalog.get(random.nextInt(catalog.size())));
        }
        ZonedDateTime at = TUESDAY_3PM.plusHours(random.nextInt(24 * 7));
        return new PaymentFacts(random.nextInt(8) == 0 ? "" : "01JD" + random.nextInt(1000), random.nextInt(8) == 0 ? " " : "store-1",
                tender, random.nextInt(10) == 0 ? null : Money.ofMinor(Math.max(0, limit(random) + random.nextInt(3) - 1), "EUR"),
                random.nextInt(6) == 0 ? null : CardNumber.typed(pan), random.nextBoolean() ? "" : "M-17", items, at,
                random.nextInt(3) == 0);
    }
}
