package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.app.checkout.CheckFailureRow;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.checkout.MessageKind;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.rules.CardSpending;
import pos.core.rules.PaymentFacts;
import pos.core.rules.Rule;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleContext;
import pos.core.rules.RuleParams;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleResult;
import pos.core.rules.RuleSpec;
import pos.core.rules.RuleType;
import pos.core.sale.TransactionId;
import pos.sync.rules.RuleBaseKeeper;

/**
 * Issue 11 defects of the rule-check popup and the age check (R13–R15), driven without a window:
 * the till's bundled default rules (assets/rules/default-rules.json) and a fixed clock inside the
 * alcohol sale hours.
 */
class RuleCheckDefectsTest {

    static final java.util.Currency EUR = java.util.Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product BEER = new Product("1056", "4093705438021", "Lager beer 0.5 L", Money.ofMinor(569, EUR), STD,
            SaleUnit.PIECE, null, "alcohol");
    static final Product MILK = new Product("1001", "4098369006029", "Whole milk 1 L", Money.ofMinor(509, EUR), STD,
            SaleUnit.PIECE, null, "dairy");
    /** Tuesday 2026-11-24 15:00 in Berlin: alcohol may be sold. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneId.of("Europe/Berlin"));
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    final FakeJournal journal = new FakeJournal();
    final FakePaymentDesk payments = new FakePaymentDesk();
    SellViewModel model;

    @BeforeEach
    void setUp() {
        model = new SellViewModel(new Catalog(List.of(BEER, MILK), VariableMeasureLayout.DEFAULT), journal,
                new FakeSyncMonitor(), payments, new TransactionId.Generator(CLOCK), CLOCK, "till-7", EUR,
                new MoneyFormat(Locale.US), TEXT, TaskExecutor.sameThread(), UiThread.sameThread());
        use(RuleBaseKeeper.defaults(RuleRegistry.builtIn()));
        model.useCardPayments((attempt, amount, description, card, pin) -> {
            java.util.Arrays.fill(pin, '\0');
            return new FakePaymentDesk.FakeSession(new pos.core.pay.PaymentOrder(attempt, "till-7",
                    pos.core.pay.PaymentMethod.PAY_CODE, amount, description, CLOCK.instant()), null);
        });
    }

    void use(RuleBase rules) {
        model.useRules(() -> rules, CardSpending.none(), "store-1");
    }

    @Test
    @DisplayName("issue 11 defect 2, R15: an age-restricted scan says at once to check the age, naming the item; the box shows")
    void defect2_anAgeRestrictedScanSaysCheckTheAgeAtOnce() {
        model.handleScan(MILK.gtin());
        assertThat(model.cart().ageCheckVisibleProperty().get()).as("milk needs no age check").isFalse();
        model.handleScan(BEER.gtin());
        assertThat(model.cart().rows()).hasSize(2);
        assertThat(model.messageProperty().get()).startsWith("Check the customer's age: ").contains("Lager beer 0.5 L")
                .contains("18").contains("Alt+A");
        assertThat(model.messageKindProperty().get()).isNotEqualTo(MessageKind.SUCCESS);
        assertThat(model.cart().ageCheckVisibleProperty().get()).isTrue();
        assertThat(model.ruleCheck().visibleProperty().get()).as("non-modal: no popup").isFalse();

        model.cart().ageConfirmedProperty().set(true);
        model.handleScan(BEER.gtin());
        assertThat(model.messageProperty().get()).as("once ticked, not asked again").doesNotContain("Check the customer's age");
    }

    @Test
    @DisplayName("issue 11 defect 2, R13: a cash payment stopped by a rule says nothing was taken, not 'not sent'")
    void defect2_cashStoppedByARuleSaysNothingWasTaken() {
        model.handleScan(BEER.gtin());
        model.cash().open();
        model.cash().tenderedTextProperty().set("10");
        model.cash().confirm();
        assertThat(model.ruleCheck().visibleProperty().get()).isTrue();
        assertThat(model.ruleCheck().titleProperty().get()).isEqualTo(TEXT.getString("check.title.cash"))
                .doesNotContainIgnoringCase("sent");
        assertThat(model.messageProperty().get()).doesNotContainIgnoringCase("not sent").containsIgnoringCase("nothing was taken");
        assertThat(journal.records).isEmpty();
    }

    @Test
    @DisplayName("issue 11 defect 2, R13: a QR payment stopped by a rule says it was not sent")
    void defect2_gatewayStoppedByARuleSaysNotSent() {
        model.handleScan(BEER.gtin());
        model.qr().open();
        assertThat(payments.sessions).isEmpty();
        assertThat(model.ruleCheck().titleProperty().get()).isEqualTo(TEXT.getString("check.title.sent"));
        assertThat(model.messageProperty().get()).contains("not sent");
    }

    @Test
    @DisplayName("issue 11 defect 2: after Fix on the age line, Enter on the age box pays (here: the cart's box retries the tender)")
    void defect2_enterAfterTheAgeBoxRetriesTheTenderThatWasStopped() {
        model.handleScan(BEER.gtin());
        model.qr().open();
        model.ruleCheck().fixRow(0);
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.AGE_CONFIRMATION);
        model.cart().ageConfirmedProperty().set(true);
        model.ruleCheck().payAfterAgeCheck();
        assertThat(payments.sessions).as("the QR payment went out").hasSize(1);
    }

    @Test
    @DisplayName("issue 11 defect 6, R15: each known rule shows a sentence from the bundle, never its keyword")
    void defect6_knownRulesShowASentenceNeverTheirKeyword() {
        model.handleScan(BEER.gtin());
        model.card().open();
        model.card().typed("4111111111111112"); // a mistyped Nordbank card
        model.card().cardAmountTextProperty().set("5.69");
        model.card().check();
        List<CheckFailureRow> rows = model.ruleCheck().rows();
        assertThat(rows).extracting(CheckFailureRow::keyword).contains("alcohol-age", "card-number");
        for (CheckFailureRow row : rows) {
            String shown = row.reason() + " | " + model.ruleCheck().detailText(row);
            assertThat(shown).as(row.keyword()).doesNotContain(row.keyword()).doesNotContain("rule.").doesNotContain("_");
            assertThat(model.ruleCheck().detailText(row)).as(row.keyword()).isNotBlank();
        }
        assertThat(model.ruleCheck().detailText(rows.stream().filter(r -> r.keyword().equals("alcohol-age")).findFirst()
                .orElseThrow())).isEqualTo(TEXT.getString("rule.kind.age_restricted"));
    }

    @Test
    @DisplayName("issue 11 defect 6: a rule of a newer rule base with a message this till has no words for gets a generic sentence")
    void defect6_anUnknownRuleFromANewerRuleBaseGetsAGenericSentence() {
        RuleType newer = new RuleType() {
            @Override public String name() { return "deposit_return"; }
            @Override public Set<String> parameters() { return Set.of(); }
            @Override public Rule create(String keyword, RuleParams params) {
                return new Rule() {
                    @Override public String keyword() { return keyword; }
                    @Override public RuleResult check(PaymentFacts facts, RuleContext context) {
                        return RuleResult.fail(keyword, "rule.deposit_return.missing", "amount", 3);
                    }
                };
            }
        };
        use(RuleRegistry.builtIn().with(newer).compile(new RuleBaseDefinition(40, List.of(),
                List.of(new RuleSpec("bottle-deposit", "deposit_return", Map.of())))));
        model.handleScan(MILK.gtin());
        model.cash().open();
        model.cash().tenderedTextProperty().set("10");
        model.cash().confirm();
        CheckFailureRow row = model.ruleCheck().rows().get(0);
        String shown = row.reason() + " | " + model.ruleCheck().detailText(row);
        assertThat(row.reason()).isEqualTo(TEXT.getString("rule.failedGeneric"));
        assertThat(shown).doesNotContain("bottle-deposit").doesNotContain("deposit_return").doesNotContain("rule.");
    }

    @Test
    @DisplayName("issue 11 defect 14, R15: a field that fails two checks is listed once")
    void defect14_eachFailedFieldIsListedOnce() {
        model.handleScan(MILK.gtin());
        model.card().open();
        model.card().cardAmountTextProperty().set("abc"); // not an amount, and no card number typed
        model.card().check();
        List<CheckFailureRow> rows = model.ruleCheck().rows();
        assertThat(rows).extracting(CheckFailureRow::field).containsExactlyInAnyOrder(FocusTarget.CARD_AMOUNT, FocusTarget.CARD_NUMBER);
        assertThat(rows).extracting(CheckFailureRow::reason).doesNotHaveDuplicates();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_ENTRY);
    }
}
