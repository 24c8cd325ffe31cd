package pos.app.sell;

import pos.app.checkout.CartRow;
import pos.app.checkout.CheckFailureRow;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.checkout.MessageKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.card.Bank;
import pos.core.card.CardNumber;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.rules.CardSpending;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleSpec;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;

/**
 * The card tender and the rule base on the sell screen, driven without a window: R13 (checked
 * before sending), R14 (every keyword, all must pass), R15 (popup with a Fix link to the field),
 * R17 (result page), R18 (6-digit PIN on a shuffled keypad), R26 (sale time windows at scan).
 */
class CardTenderViewModelTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product RADIO = new Product("3001", "4006381333931", "Radio", Money.ofMinor(2000, EUR), STD, SaleUnit.PIECE, null, "electronics");
    static final Product WINE = new Product("1002", "96385074", "Red wine", Money.ofMinor(899, EUR), STD, SaleUnit.PIECE, null, "alcohol");
    static final String NORDBANK_CARD = "4111111111111111";
    static final String HARBOUR_CARD = "5555555555554444";
    /** Tuesday 2026-11-24 15:00 in Berlin. */
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T14:00:00Z"), ZoneId.of("Europe/Berlin"));

    final FakeJournal journal = new FakeJournal();
    final FakePaymentDesk payments = new FakePaymentDesk();
    final List<Started> started = new ArrayList<>();
    final AtomicReference<RuleBase> rules = new AtomicReference<>();
    SellViewModel model;

    record Started(FakePaymentDesk.FakeSession session, String card, String pin) {
    }

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static RuleBase ruleBase(long version, long nordbankLimit) {
        return RuleRegistry.builtIn().compile(new RuleBaseDefinition(version,
                List.of(new Bank("NORDBANK", "Nordbank", List.of("411111")), new Bank("HARBOUR", "Harbour Bank", List.of("555555"))),
                List.of(new RuleSpec("card.number", "card_number", params()),
                        new RuleSpec("bank.nordbank.single_limit", "bank_single_limit", params("bank", "NORDBANK", "limit", nordbankLimit)),
                        new RuleSpec("sale.alcohol.hours", "sale_time_window", params("categories", List.of("alcohol"),
                                "windows", List.of(params("days", List.of("MON-SAT"), "from", "08:00", "to", "14:00")))),
                        new RuleSpec("payment.fields", "required_fields", params("fields", List.of("orderId", "payee", "amount"))))));
    }

    @BeforeEach
    void setUp() {
        Catalog catalog = new Catalog(List.of(RADIO, WINE), VariableMeasureLayout.DEFAULT);
        model = new SellViewModel(catalog, journal, new FakeSyncMonitor(), payments, new TransactionId.Generator(CLOCK), CLOCK,
                "till-7", EUR, new MoneyFormat(Locale.US), pos.app.i18n.Texts.forLocale(Locale.US),
                TaskExecutor.sameThread(), UiThread.sameThread());
        rules.set(ruleBase(12, 1000));
        model.useRules(rules::get, CardSpending.none(), "store-12");
        model.useCardPayments((attempt, amount, description, card, pin) -> {
            PaymentOrder order = new PaymentOrder(attempt, "till-7", PaymentMethod.PAY_CODE, amount, description, CLOCK.instant());
            FakePaymentDesk.FakeSession session = new FakePaymentDesk.FakeSession(order, null);
            started.add(new Started(session, card.revealForGateway(), new String(pin)));
            java.util.Arrays.fill(pin, '\0');
            return session;
        });
    }

    void openCardFor(Product product) {
        model.handleScan(product.gtin() == null ? product.code() : product.gtin());
        model.card().open();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_ENTRY);
    }

    void typePin(String pin) {
        for (char c : pin.toCharArray()) {
            model.card().pinKeyAt(model.card().keypad().indexOf(c - '0'));
        }
    }

    @Test
    void theCardNumberIsMaskedAsTypedAndTheBankIsDetectedFromTheBin() {
        openCardFor(RADIO);
        model.card().typed("4111 11");
        assertThat(model.card().cardNumberTextProperty().get()).as("the BIN names the bank; it may show").isEqualTo("4111 11");
        assertThat(model.card().cardBankTextProperty().get()).isEqualTo("Nordbank");
        model.card().typed("1111111111");
        assertThat(model.card().cardNumberTextProperty().get()).isEqualTo("4111 11•• •••• ••••");
        model.card().backspace();
        assertThat(model.card().cardNumberTextProperty().get()).isEqualTo("4111 11•• •••• •••");
        model.card().typed("x");
        assertThat(model.messageProperty().get()).contains("digits only");
        assertThat(model.card().cardAmountTextProperty().get()).isEqualTo("20.00");
    }

    @Test
    void r14_r15_overTheBanksLimitThePopupNamesTheRuleAndFixMovesToTheAmount() {
        openCardFor(RADIO); // 20.00, the Nordbank limit is 10.00: the source's 2000 > 1000
        model.card().typed(NORDBANK_CARD);
        model.card().check();

        assertThat(started).as("R13: nothing is sent before the check passes").isEmpty();
        assertThat(model.ruleCheck().visibleProperty().get()).isTrue();
        assertThat(model.ruleCheck().rows()).singleElement().satisfies(row -> {
            assertThat(row.keyword()).isEqualTo("bank.nordbank.single_limit");
            assertThat(row.reason()).isEqualTo("Nordbank cards may pay at most €10.00 at once; this payment is €20.00.");
            assertThat(row.field()).isEqualTo(FocusTarget.CARD_AMOUNT);
        });

        model.ruleCheck().fix(model.ruleCheck().rows().get(0));
        assertThat(model.ruleCheck().visibleProperty().get()).isFalse();
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.CARD_AMOUNT);

        model.card().cardAmountTextProperty().set("10.00");
        model.card().check();
        assertThat(model.ruleCheck().visibleProperty().get()).isFalse();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_PIN);
    }

    @Test
    void r14_everyFailedRuleIsListedEachWithItsOwnField() {
        openCardFor(RADIO);
        model.card().typed("4111111111111112"); // bad check digit, Nordbank BIN
        model.card().cardAmountTextProperty().set("12,3x");
        model.card().check();

        // issue 11 defect 14: "payment.fields" fails only for the amount the first line already names: not listed again
        assertThat(model.ruleCheck().rows()).extracting(CheckFailureRow::keyword)
                .containsExactly("card.amount", "card.number");
        assertThat(model.ruleCheck().rows()).extracting(CheckFailureRow::field)
                .containsExactly(FocusTarget.CARD_AMOUNT, FocusTarget.CARD_NUMBER);
        assertThat(model.ruleCheck().rows().get(1).reason()).contains("mistyped");
        model.ruleCheck().fix(model.ruleCheck().rows().get(1));
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.CARD_NUMBER);
    }

    @Test
    @org.junit.jupiter.api.DisplayName("R17: the last customer's card result goes when the next sale starts (F12 or the next scan)")
    void theCardResultGoesWithTheNextSale() {
        openCardFor(RADIO);
        model.card().typed(HARBOUR_CARD);
        model.card().check();
        typePin("123456");
        model.card().pinConfirm();
        started.get(0).session().move(PaymentSession.State.PAID);
        assertThat(model.result().visibleProperty().get()).as("R17 result page").isTrue();

        model.cart().newSale();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CART);
        assertThat(model.result().visibleProperty().get()).as("the next customer does not see the last one's result").isFalse();

        model.handleScan(RADIO.gtin());
        typePinAndPay();
        model.handleScan(RADIO.gtin());
        assertThat(model.cart().rows()).hasSize(1);
        assertThat(model.result().visibleProperty().get()).as("a scan after a paid sale starts the next one, without the result").isFalse();
    }

    private void typePinAndPay() {
        model.card().open();
        model.card().typed(HARBOUR_CARD);
        model.card().check();
        typePin("123456");
        model.card().pinConfirm();
        started.get(started.size() - 1).session().move(PaymentSession.State.PAID);
        assertThat(model.result().visibleProperty().get()).isTrue();
    }

    @Test
    void r18_aPassedCheckAsksForASixDigitPinOnAShuffledKeypadThenSendsThePayment() {
        openCardFor(RADIO);
        model.card().typed(HARBOUR_CARD);
        model.card().check();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_PIN);
        assertThat(model.card().keypad()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        // shuffled: over several payments the layout is not always the same
        java.util.Set<List<Integer>> layouts = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            model.backToCart();
            model.card().open();
            model.card().typed(HARBOUR_CARD);
            model.card().check();
            layouts.add(List.copyOf(model.card().keypad()));
        }
        assertThat(layouts).hasSizeGreaterThan(1);

        typePin("12345");
        assertThat(model.card().pinDotsTextProperty().get()).isEqualTo("●●●●●○");
        model.card().pinConfirm();
        assertThat(model.messageProperty().get()).contains("6 digits");
        assertThat(started).isEmpty();
        typePin("6");
        typePin("7"); // a seventh digit is ignored
        model.card().pinConfirm();

        assertThat(started).singleElement().satisfies(s -> {
            assertThat(s.card()).isEqualTo(HARBOUR_CARD);
            assertThat(s.pin()).isEqualTo("123456");
            assertThat(s.session().order().amount()).isEqualTo(Money.ofMinor(2000, EUR));
        });
        assertThat(model.card().pinDotsTextProperty().get()).isEqualTo("○○○○○○");
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAYING);

        started.get(0).session().move(PaymentSession.State.PAID);
        assertThat(model.result().visibleProperty().get()).as("R17 result page").isTrue();
        assertThat(model.result().successProperty().get()).isTrue();
        assertThat(model.result().detailProperty().get()).isEqualTo("€20.00 paid by card 555555******4444.");
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAID);
        assertThat(journal.records).singleElement().satisfies(r -> {
            assertThat(r.tenders()).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo(TenderType.CARD);
                assertThat(t.reference()).isEqualTo(started.get(0).session().order().outTradeNo());
            });
        });
        model.result().dismiss();
        assertThat(model.result().visibleProperty().get()).isFalse();
    }

    @Test
    void aCardThatPaysPartLeavesTheRestForCash() {
        openCardFor(RADIO);
        model.card().typed(NORDBANK_CARD);
        model.card().cardAmountTextProperty().set("10");
        model.card().check();
        typePin("000000");
        model.card().pinConfirm();
        started.get(0).session().move(PaymentSession.State.PAID);

        assertThat(model.result().detailProperty().get()).isEqualTo("€10.00 paid by card 411111******1111. Still due: €10.00.");
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CASH);
        assertThat(model.cash().dueTextProperty().get()).isEqualTo("€10.00");
        model.backToCart();
        assertThat(model.stateProperty().get()).as("the cart is frozen once part is paid").isEqualTo(CheckoutState.CASH);
        model.cash().tenderedTextProperty().set("10");
        model.cash().confirm();
        assertThat(model.currentSale().state()).isEqualTo(SaleState.PAID);
        assertThat(journal.records.get(0).tenders()).extracting(t -> t.type()).containsExactly(TenderType.CARD, TenderType.CASH);
    }

    @Test
    void aRefusedCardShowsTheReasonAndPayAgainReturnsToTheCardPanel() {
        openCardFor(RADIO);
        model.card().typed(HARBOUR_CARD);
        model.card().check();
        typePin("999999");
        model.card().pinConfirm();
        FakePaymentDesk.FakeSession session = started.get(0).session();
        session.reason = "WRONG_PIN:WRONG_PIN";
        session.move(PaymentSession.State.FAILED);

        assertThat(model.result().visibleProperty().get()).isTrue();
        assertThat(model.result().successProperty().get()).isFalse();
        assertThat(model.result().detailProperty().get()).startsWith("Wrong PIN");
        model.checkout().payAgain();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_ENTRY);
        model.card().check();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_PIN);
        typePin("123456");
        model.card().pinConfirm();
        assertThat(started).hasSize(2);
        assertThat(started.get(1).session().order().transactionId()).as("a new attempt has a new id")
                .isNotEqualTo(session.order().transactionId());
        assertThat(journal.records).isEmpty();
    }

    @Test
    void r26_anItemOutsideItsSaleWindowIsRefusedAtScanWithTheWindowShown() {
        model.handleScan(WINE.gtin()); // 15:00 Tuesday; alcohol only 08:00–14:00
        assertThat(model.cart().rows()).isEmpty();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).isEqualTo("Red wine cannot be sold now. Sale hours: Mon–Sat 08:00–14:00.");
        model.handleScan(RADIO.gtin());
        assertThat(model.cart().rows()).hasSize(1);
    }

    @Test
    void r14_aNewRuleBaseVersionAppliesToTheNextCheckAndTheStatusBarShowsIt() {
        assertThat(model.status().ruleBaseTextProperty().get()).startsWith("Rules v12");
        openCardFor(RADIO);
        model.card().typed(NORDBANK_CARD);
        model.card().check();
        assertThat(model.ruleCheck().visibleProperty().get()).isTrue();
        model.ruleCheck().close();

        rules.set(ruleBase(13, 5000));
        model.showRuleBase(13, "HUB", "");
        model.card().check();
        assertThat(model.ruleCheck().visibleProperty().get()).isFalse();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CARD_PIN);
        assertThat(model.status().ruleBaseTextProperty().get()).isEqualTo("Rules v13 · from the store hub");

        model.showRuleBase(13, "HUB", "rule 'x': unknown type 'y'");
        assertThat(model.status().ruleBaseTextProperty().get()).contains("v13").contains("update refused").contains("unknown type");
        assertThat(model.status().ruleBaseProblemProperty().get()).isTrue();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("SEC-312 R14 the status bar says a forged rule base was refused, and that rule updates"
            + " are off without the store owner's key, each in one plain sentence")
    void sec312_theStatusBarSaysAForgedUpdateWasRefusedAndWhenUpdatesAreOff() {
        model.showRuleBase(13, "HUB", "update refused: version 9223372036854775807 is not signed by the store owner");
        assertThat(model.status().ruleBaseTextProperty().get())
                .isEqualTo("Rules v13 · ⚠ update refused: version 9223372036854775807 is not signed by the store owner");
        assertThat(model.status().ruleBaseProblemProperty().get()).isTrue();

        model.showRuleBase(0, "DEFAULTS", pos.sync.rules.RuleBaseTrust.UPDATES_OFF);
        assertThat(model.status().ruleBaseTextProperty().get())
                .isEqualTo("Rules v0 · ⚠ rule updates off: the store owner's key is not set up on this till")
                .as("issue 11 defect 6: no setting key for the clerk").doesNotContain("pos.");
        assertThat(model.status().ruleBaseProblemProperty().get()).isTrue();
    }

    @Test
    void ageRestrictedItemsNeedTheBoxTickedBeforeAnyTender() {
        rules.set(RuleRegistry.builtIn().compile(new RuleBaseDefinition(3, List.of(), List.of(
                new RuleSpec("age.alcohol", "age_restricted", params("categories", List.of("alcohol"), "min_age", 18))))));
        model.handleScan(WINE.gtin());
        model.cash().open();
        model.cash().tenderedTextProperty().set("10");
        model.cash().confirm();
        assertThat(journal.records).isEmpty();
        assertThat(model.ruleCheck().rows()).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo(FocusTarget.AGE_CONFIRMATION);
            assertThat(r.reason()).contains("aged 18 or over");
        });
        model.ruleCheck().fix(model.ruleCheck().rows().get(0));
        assertThat(model.cart().ageCheckVisibleProperty().get()).isTrue();
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.AGE_CONFIRMATION);
        model.cart().ageConfirmedProperty().set(true);
        model.cash().confirm();
        assertThat(journal.records).hasSize(1);
    }

    @Test
    void aCardNumberNeverReachesTheScreenTheMessagesOrToString() {
        openCardFor(RADIO);
        model.card().typed(NORDBANK_CARD);
        model.card().cardAmountTextProperty().set("10");
        model.card().check();
        String everything = String.join("|", model.card().cardNumberTextProperty().get(), model.messageProperty().get(),
                model.card().cardBankTextProperty().get(), String.valueOf(CardNumber.typed(NORDBANK_CARD)));
        assertThat(everything).doesNotContain(NORDBANK_CARD).doesNotContain("4111 1111 1111").doesNotContain("11111111");
    }

    @Test
    void r17_theCustomerDisplayShowsThePinPromptAndTheResultPage() {
        pos.app.customer.CustomerDisplayViewModel customer = new pos.app.customer.CustomerDisplayViewModel(model.checkout());
        var status = customer.statusTextProperty();
        openCardFor(RADIO);
        model.card().typed(HARBOUR_CARD);
        model.card().check();
        assertThat(status.get()).startsWith("Customer: enter the 6-digit PIN for €20.00 (555555******4444)");
        typePin("123456");
        model.card().pinConfirm();
        started.get(0).session().move(PaymentSession.State.PAID);
        assertThat(status.get()).isEqualTo("Payment successful ✔ · €20.00 paid by card 555555******4444.");
    }

    @Test
    void r19_tenderPagesShownAndButtonsPressedAreRecordedWithTheTillsIdAndTime() {
        List<pos.core.events.UiEvent> recorded = new ArrayList<>();
        model.useEvents(new pos.core.events.EventRecorder(recorded::add, "till-7", CLOCK));
        openCardFor(RADIO);
        model.card().typed(HARBOUR_CARD);
        model.card().check();
        model.backToCart();
        model.cash().open();
        model.cash().exact();
        model.cash().confirm();

        assertThat(recorded).extracting(e -> e.kind() + " " + e.targetId()).containsExactly(
                "PAGE_SHOWN tender.card", "ELEMENT_CLICKED card.pay", "PAGE_SHOWN tender.cash",
                "ELEMENT_CLICKED cash.exact", "ELEMENT_CLICKED cash.confirm");
        assertThat(recorded).allSatisfy(e -> {
            assertThat(e.clientId()).isEqualTo("till-7");
            assertThat(e.at()).isEqualTo(CLOCK.instant());
        });
        assertThat(recorded).extracting(pos.core.events.UiEvent::id).doesNotHaveDuplicates();
    }

    @Test
    void r13_aQrPaymentFailingTheRulesSendsNothingAndLeavesTheCartOpenToFix() {
        rules.set(RuleRegistry.builtIn().compile(new RuleBaseDefinition(3, List.of(), List.of(
                new RuleSpec("age.alcohol", "age_restricted", params("categories", List.of("alcohol"), "min_age", 18))))));
        model.handleScan(WINE.gtin());
        model.qr().open();
        assertThat(payments.sessions).as("nothing sent").isEmpty();
        assertThat(model.ruleCheck().rows()).extracting(CheckFailureRow::keyword).containsExactly("age.alcohol");
        model.ruleCheck().close();
        model.handleScan(RADIO.gtin());
        assertThat(model.cart().rows()).as("the cart is still open").hasSize(2);
        model.cart().ageConfirmedProperty().set(true);
        model.qr().open();
        assertThat(payments.sessions).hasSize(1);
        assertThat(payments.last().order().amount()).isEqualTo(Money.ofMinor(2899, EUR));
    }
}
