package pos.core.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import pos.core.card.Bank;
import pos.core.card.CardNumber;
import pos.core.money.Money;
import pos.core.pay.PreCheck;
import pos.core.sale.TenderType;

/** The rule base: R13 (checked before sending), R14 (keyword → rule, all must pass), R26 (sale time windows). */
class RuleBaseTest {

    static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    /** A Tuesday afternoon. */
    static final ZonedDateTime TUESDAY_3PM = ZonedDateTime.of(2026, 11, 24, 15, 0, 0, 0, ZONE);
    static final Bank NORDBANK = new Bank("NORDBANK", "Nordbank", List.of("411111"));

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static RuleBase compile(RuleSpec... rules) {
        return RuleRegistry.builtIn().compile(new RuleBaseDefinition(7, List.of(NORDBANK), List.of(rules)));
    }

    static PaymentFacts card(String pan, long amountMinor, SoldItem... items) {
        return new PaymentFacts("01JD0000000000000000000000", "store-12", TenderType.CARD,
                Money.ofMinor(amountMinor, "EUR"), CardNumber.typed(pan), "", List.of(items), TUESDAY_3PM, false);
    }

    @Test
    void r14_theSourceExample_aLimitOf1000AndAnAmountOf2000Fails_namingTheRule() {
        RuleBase rules = compile(new RuleSpec("bank.nordbank.single_limit", "bank_single_limit",
                params("bank", "NORDBANK", "limit", 1000)));

        Verification over = rules.verify(card("4111111111111111", 2000), CardSpending.none());

        assertThat(over.passed()).isFalse();
        assertThat(over.failures()).singleElement().satisfies(f -> {
            assertThat(f.keyword()).isEqualTo("bank.nordbank.single_limit");
            assertThat(f.messageKey()).isEqualTo("rule.bank_single_limit.over");
            assertThat(f.field()).isEqualTo(Fields.AMOUNT);
            assertThat(f.arguments()).containsExactly("Nordbank", Money.ofMinor(1000, "EUR"), Money.ofMinor(2000, "EUR"));
        });
        assertThat(rules.verify(card("4111111111111111", 1000), CardSpending.none()).passed()).isTrue();
        // another bank's card is not bound by Nordbank's limit
        assertThat(rules.verify(card("5555555555554444", 2000), CardSpending.none()).passed()).isTrue();
    }

    @Test
    void r14_everyKeywordIsCheckedAndTheCheckPassesOnlyIfAllPass() {
        RuleBase rules = compile(
                new RuleSpec("card.number", "card_number", params()),
                new RuleSpec("sale.max", "max_amount", params("limit", 50_000)),
                new RuleSpec("bank.single", "bank_single_limit", params("bank", "NORDBANK", "limit", 10_000)),
                new RuleSpec("payment.fields", "required_fields", params("fields", List.of("orderId", "payee", "amount"))));

        Verification allBad = rules.verify(card("4111111111111112", 60_000), CardSpending.none());
        assertThat(allBad.results()).extracting(RuleResult::keyword)
                .containsExactly("card.number", "sale.max", "bank.single", "payment.fields");
        // the bank is known from the BIN even while the check digit is wrong
        assertThat(allBad.failures()).extracting(RuleResult::keyword).containsExactly("card.number", "sale.max", "bank.single");
        assertThat(allBad.failures()).extracting(RuleResult::field).containsExactly(Fields.CARD, Fields.AMOUNT, Fields.AMOUNT);

        Verification oneBad = rules.verify(card("4111111111111111", 20_000), CardSpending.none());
        assertThat(oneBad.failures()).extracting(RuleResult::keyword).containsExactly("bank.single");
        assertThat(oneBad.passed()).isFalse();

        Verification good = rules.verify(card("4111111111111111", 9_999), CardSpending.none());
        assertThat(good.passed()).isTrue();
        assertThat(good.results()).hasSize(4).allMatch(RuleResult::passed);
        assertThat(good.ruleBaseVersion()).isEqualTo(7);
    }

    @Test
    void r13_theOrderIdPayeeAmountAndCardAreRequiredBeforeAnythingIsSent() {
        RuleBase rules = compile(new RuleSpec("payment.fields", "required_fields",
                params("fields", List.of("orderId", "payee", "amount", "card"), "tenders", List.of("CARD"))));
        PaymentFacts empty = new PaymentFacts("", "", TenderType.CARD, null, null, "", List.of(), TUESDAY_3PM, false);

        RuleResult result = rules.verify(empty, CardSpending.none()).failures().get(0);

        assertThat(result.arguments()).containsExactly(List.of("orderId", "payee", "amount", "card"));
        assertThat(result.field()).isEqualTo("orderId");
        // the same rule does not apply to cash
        PaymentFacts cash = new PaymentFacts("", "", TenderType.CASH, null, null, "", List.of(), TUESDAY_3PM, false);
        assertThat(rules.verify(cash, CardSpending.none()).passed()).isTrue();
        // and the pre-check the payment component returns names the same failure
        PreCheck check = rules.verify(empty, CardSpending.none()).toPreCheck();
        assertThat(check.failures()).extracting(PreCheck.Failure::keyword).containsExactly("payment.fields");
    }

    @Test
    void theDailyLimitCountsWhatTheCardAlreadyPaidToday() {
        RuleBase rules = compile(new RuleSpec("card.daily", "card_daily_limit", params("limit", 100_000)));
        CardSpending paid90k = (c, day) -> {
            assertThat(day).isEqualTo(TUESDAY_3PM.toLocalDate());
            return 90_000;
        };

        assertThat(rules.verify(card("4111111111111111", 10_000), paid90k).passed()).isTrue();
        RuleResult over = rules.verify(card("4111111111111111", 10_001), paid90k).failures().get(0);
        assertThat(over.messageKey()).isEqualTo("rule.card_daily_limit.over");
        assertThat(over.arguments()).containsExactly(Money.ofMinor(100_000, "EUR"), Money.ofMinor(90_000, "EUR"),
                Money.ofMinor(10_001, "EUR"));

        CardSpending broken = (c, day) -> {
            throw new IllegalStateException("journal unreadable");
        };
        RuleResult unknown = rules.verify(card("4111111111111111", 1), broken).failures().get(0);
        assertThat(unknown.messageKey()).as("fails safe when today's total is unknown").isEqualTo("rule.card_daily_limit.unknown");
    }

    @Test
    void r26_aCategoryMayBeSoldOnlyInsideItsWindows_atScanAndAtPayment() {
        RuleBase rules = compile(new RuleSpec("sale.alcohol.hours", "sale_time_window", params(
                "categories", List.of("alcohol"),
                "windows", List.of(params("days", List.of("MON-SAT"), "from", "08:00", "to", "22:00"),
                        params("days", List.of("SUN"), "from", "10:00", "to", "18:00")))));
        SoldItem wine = new SoldItem("7001", "Red wine 0.75 L", "alcohol");
        SoldItem milk = new SoldItem("1001", "Whole milk 1 L", "dairy");

        assertThat(rules.sellable(wine, TUESDAY_3PM)).isEmpty();
        assertThat(rules.sellable(wine, TUESDAY_3PM.withHour(7).withMinute(59))).isPresent();
        assertThat(rules.sellable(wine, TUESDAY_3PM.withHour(22))).as("the end is exclusive").isPresent();
        ZonedDateTime sunday9 = TUESDAY_3PM.with(DayOfWeek.SUNDAY).withHour(9);
        assertThat(rules.sellable(wine, sunday9)).hasValueSatisfying(r -> {
            assertThat(r.keyword()).isEqualTo("sale.alcohol.hours");
            assertThat(r.windows()).hasSize(2);
        });
        assertThat(rules.sellable(milk, sunday9)).isEmpty();

        PaymentFacts lateSale = card("4111111111111111", 900, milk, wine).withCard(null);
        PaymentFacts atNight = new PaymentFacts("x", "p", TenderType.CASH, Money.ofMinor(900, "EUR"), null, "",
                lateSale.items(), TUESDAY_3PM.withHour(23), false);
        RuleResult result = rules.verify(atNight, CardSpending.none()).failures().get(0);
        assertThat(result.field()).isEqualTo(Fields.CART);
        assertThat(result.arguments().get(0)).isEqualTo("Red wine 0.75 L");
    }

    @Test
    void r26_aWindowPastMidnightAndAWindowInAnotherZone() {
        RuleBase rules = compile(new RuleSpec("late.bar", "sale_time_window", params(
                "products", List.of("9001"), "zone", "Asia/Shanghai",
                "windows", List.of(params("days", List.of("FRI"), "from", "22:00", "to", "02:00")))));
        SoldItem cocktail = new SoldItem("9001", "Cocktail", "");
        ZonedDateTime fri2330Shanghai = ZonedDateTime.of(2026, 11, 27, 23, 30, 0, 0, ZoneId.of("Asia/Shanghai"));
        ZonedDateTime sat0130Shanghai = fri2330Shanghai.plusHours(2);
        ZonedDateTime sat0230Shanghai = fri2330Shanghai.plusHours(3);

        // the till's clock is in Berlin; the rule's zone decides
        assertThat(rules.sellable(cocktail, fri2330Shanghai.withZoneSameInstant(ZONE))).isEmpty();
        assertThat(rules.sellable(cocktail, sat0130Shanghai.withZoneSameInstant(ZONE))).isEmpty();
        assertThat(rules.sellable(cocktail, sat0230Shanghai.withZoneSameInstant(ZONE))).isPresent();
    }

    @Test
    void ageRestrictedItemsNeedTheClerksConfirmation() {
        RuleBase rules = compile(new RuleSpec("age.alcohol", "age_restricted",
                params("categories", List.of("alcohol"), "min_age", 18, "message", "Ask for ID: 18+")));
        PaymentFacts sale = card("4111111111111111", 900, new SoldItem("7001", "Red wine", "alcohol"));

        RuleResult result = rules.verify(sale, CardSpending.none()).failures().get(0);
        assertThat(result.field()).isEqualTo(Fields.AGE_CONFIRMATION);
        assertThat(result.customMessageIfAny()).contains("Ask for ID: 18+");
        assertThat(rules.verify(sale.withAgeConfirmed(true), CardSpending.none()).passed()).isTrue();
    }

    @Test
    void badRuleDataIsRefusedNamingEveryProblem() {
        RuleBaseDefinition bad = new RuleBaseDefinition(3, List.of(NORDBANK), List.of(
                new RuleSpec("ok", "max_amount", params("limit", 10)),
                new RuleSpec("ok", "max_amount", params("limit", 10)),
                new RuleSpec("Bad Keyword", "max_amount", params("limit", 10)),
                new RuleSpec("nope", "no_such_type", params()),
                new RuleSpec("neg", "max_amount", params("limit", -1)),
                new RuleSpec("frac", "max_amount", params("limit", new java.math.BigDecimal("10.5"))),
                new RuleSpec("text", "max_amount", params("limit", "1000")),
                new RuleSpec("typo", "max_amount", params("limt", 1000)),
                new RuleSpec("win", "sale_time_window", params("categories", List.of("a"),
                        "windows", List.of(params("days", List.of("FUNDAY"), "from", "25:00", "to", "x"))))));

        assertThatThrownBy(() -> RuleRegistry.builtIn().compile(bad))
                .isInstanceOfSatisfying(RuleDefinitionException.class, e -> assertThat(e.problems()).hasSize(8)
                        .anySatisfy(p -> assertThat(p).contains("'ok' is written twice"))
                        .anySatisfy(p -> assertThat(p).contains("Bad Keyword"))
                        .anySatisfy(p -> assertThat(p).contains("unknown type 'no_such_type'"))
                        .anySatisfy(p -> assertThat(p).contains("rule 'neg'").contains("must not be negative"))
                        .anySatisfy(p -> assertThat(p).contains("rule 'frac'").contains("whole number"))
                        .anySatisfy(p -> assertThat(p).contains("rule 'text'").contains("the text \"1000\""))
                        .anySatisfy(p -> assertThat(p).contains("unknown parameter limt"))
                        .anySatisfy(p -> assertThat(p).contains("FUNDAY")));
    }

    @Test
    void addingARuleTypeIsOneClassAndOneRegistration() {
        RuleType evenCents = new RuleType() {
            @Override
            public String name() {
                return "even_cents";
            }

            @Override
            public java.util.Set<String> parameters() {
                return java.util.Set.of();
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
                        return facts.amount().minorUnits() % 2 == 0 ? RuleResult.pass(keyword)
                                : RuleResult.fail(keyword, "rule.even_cents.odd", Fields.AMOUNT);
                    }
                };
            }
        };
        RuleRegistry registry = RuleRegistry.builtIn().with(evenCents);
        RuleBase rules = registry.compile(new RuleBaseDefinition(1, List.of(), List.of(new RuleSpec("even", "even_cents", Map.of()))));

        assertThat(rules.verify(card("4111111111111111", 3), CardSpending.none()).failures())
                .extracting(RuleResult::keyword).containsExactly("even");
        assertThat(registry.typeNames()).contains("even_cents", "bank_single_limit", "sale_time_window");
    }

    @Test
    void aDisabledRuleIsKeptInDataButNotChecked() {
        RuleBase rules = compile(new RuleSpec("sale.max", "max_amount", params("limit", 1, "enabled", false)));
        assertThat(rules.size()).isZero();
        assertThat(rules.verify(card("4111111111111111", 99), CardSpending.none()).passed()).isTrue();
    }
}
