package pos.app.sell;

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
                "till-7", EUR, new MoneyFormat(Locale.US), ResourceBundle.getBundle("pos.app.i18n.messages", Locale.US),
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
        model.openCardTender();
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.CARD_ENTRY);
    }

    void typePin(String pin) {
        for (char c : pin.toCharArray()) {
            model.pinKeyAt(model.keypad().indexOf(c - '0'));
        }
    }

    @Test
    void theCardNumberIsMaskedAsTypedAndTheBankIsDetectedFromTheBin() {
        openCardFor(RADIO);
        model.cardTyped("4111 11");
        assertThat(model.cardNumberTextProperty().get()).as("the BIN names the bank; it may show").isEqualTo("4111 11");
        assertThat(model.cardBankTextProperty().get()).isEqualTo("Nordbank");
        model.cardTyped("1111111111");
        assertThat(model.cardNumberTextProperty().get()).isEqualTo("4111 11•• •••• ••••");
        model.cardBackspace();
        assertThat(model.cardNumberTextProperty().get()).isEqualTo("4111 11•• •••• •••");
        model.cardTyped("x");
        assertThat(model.messageProperty().get()).contains("digits only");
        assertThat(model.cardAmountTextProperty().get()).isEqualTo("20.00");
    }

    @Test
    void r14_r15_overTheBanksLimitThePopupNamesTheRuleAndFixMovesToTheAmount() {
        openCardFor(RADIO); // 20.00, the Nordbank limit is 10.00: the source's 2000 > 1000
        model.cardTyped(NORDBANK_CARD);
        model.checkCard();

        assertThat(started).as("R13: nothing is sent before the check passes").isEmpty();
        assertThat(model.checkPopupVisibleProperty().get()).isTrue();
        assertThat(model.checkFailures()).singleElement().satisfies(row -> {
            assertThat(row.keyword()).isEqualTo("bank.nordbank.single_limit");
            assertThat(row.reason()).isEqualTo("Nordbank cards may pay at most €10.00 at once; this payment is €20.00.");
            assertThat(row.field()).isEqualTo(FocusTarget.CARD_AMOUNT);
        });

        model.fix(model.checkFailures().get(0));
        assertThat(model.checkPopupVisibleProperty().get()).isFalse();
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.CARD_AMOUNT);

        model.cardAmountTextProperty().set("10.00");
        model.checkCard();
        assertThat(model.checkPopupVisibleProperty().get()).isFalse();
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.CARD_PIN);
    }

    @Test
    void r14_everyFailedRuleIsListedEachWithItsOwnField() {
        openCardFor(RADIO);
        model.cardTyped("4111111111111112"); // bad check digit, Nordbank BIN
        model.cardAmountTextProperty().set("12,3x");
        model.checkCard();

        assertThat(model.checkFailures()).extracting(CheckFailureRow::keyword)
                .containsExactly("card.amount", "card.number", "payment.fields");
        assertThat(model.checkFailures()).extracting(CheckFailureRow::field)
                .containsExactly(FocusTarget.CARD_AMOUNT, FocusTarget.CARD_NUMBER, FocusTarget.CARD_AMOUNT);
        assertThat(model.checkFailures().get(1).reason()).contains("mistyped");
        model.fix(model.checkFailures().get(1));
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.CARD_NUMBER);
    }

    @Test
    void r18_aPassedCheckAsksForASixDigitPinOnAShuffledKeypadThenSendsThePayment() {
        openCardFor(RADIO);
        model.cardTyped(HARBOUR_CARD);
        model.checkCard();
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.CARD_PIN);
        assertThat(model.keypad()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);

        // shuffled: over several payments the layout is not always the same
        java.util.Set<List<Integer>> layouts = new java.util.HashSet<>();
        for (int i = 0; i < 8; i++) {
            model.backToCart();
            model.openCardTender();
            model.cardTyped(HARBOUR_CARD);
            model.checkCard();
            layouts.add(List.copyOf(model.keypad()));
        }
        assertThat(layouts).hasSizeGreaterThan(1);

        typePin("12345");
        assertThat(model.pinDotsTextProperty().get()).isEqualTo("●●●●●○");
        model.pinConfirm();
        assertThat(model.messageProperty().get()).contains("6 digits");
        assertThat(started).isEmpty();
        typePin("6");
        typePin("7"); // a seventh digit is ignored
        model.pinConfirm();

        assertThat(started).singleElement().satisfies(s -> {
            assertThat(s.card()).isEqualTo(HARBOUR_CARD);
            assertThat(s.pin()).isEqualTo("123456");
            assertThat(s.session().order().amount()).isEqualTo(Money.ofMinor(2000, EUR));
        });
        assertThat(model.pinDotsTextProperty().get()).isEqualTo("○○○○○○");
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.PAYING);

        started.get(0).session().move(PaymentSession.State.PAID);
        assertThat(model.resultVisibleProperty().get()).as("R17 result page").isTrue();
        assertThat(model.resultSuccessProperty().get()).isTrue();
        assertThat(model.resultDetailProperty().get()).isEqualTo("€20.00 paid by card 555555******4444.");
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.PAID);
        assertThat(journal.records).singleElement().satisfies(r -> {
            assertThat(r.tenders()).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo(TenderType.CARD);
                assertThat(t.reference()).isEqualTo(started.get(0).session().order().outTradeNo());
            });
        });
        model.dismissResult();
        assertThat(model.resultVisibleProperty().get()).isFalse();
    }

    @Test
    void aCardThatPaysPartLeavesTheRestForCash() {
        openCardFor(RADIO);
        model.cardTyped(NORDBANK_CARD);
        model.cardAmountTextProperty().set("10");
        model.checkCard();
        typePin("000000");
        model.pinConfirm();
        started.get(0).session().move(PaymentSession.State.PAID);

        assertThat(model.resultDetailProperty().get()).isEqualTo("€10.00 paid by card 411111******1111. Still due: €10.00.");
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.TENDERING);
        assertThat(model.dueTextProperty().get()).isEqualTo("€10.00");
        model.backToCart();
        assertThat(model.modeProperty().get()).as("the cart is frozen once part is paid").isEqualTo(SellMode.TENDERING);
        model.tenderedTextProperty().set("10");
        model.confirmCash();
        assertThat(model.currentSale().state()).isEqualTo(SaleState.PAID);
        assertThat(journal.records.get(0).tenders()).extracting(t -> t.type()).containsExactly(TenderType.CARD, TenderType.CASH);
    }

    @Test
    void aRefusedCardShowsTheReasonAndPayAgainReturnsToTheCardPanel() {
        openCardFor(RADIO);
        model.cardTyped(HARBOUR_CARD);
        model.checkCard();
        typePin("999999");
        model.pinConfirm();
        FakePaymentDesk.FakeSession session = started.get(0).session();
        session.reason = "WRONG_PIN";
        session.move(PaymentSession.State.FAILED);

        assertThat(model.resultVisibleProperty().get()).isTrue();
        assertThat(model.resultSuccessProperty().get()).isFalse();
        assertThat(model.resultDetailProperty().get()).startsWith("Wrong PIN");
        model.payAgain();
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.CARD_ENTRY);
        model.checkCard();
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.CARD_PIN);
        typePin("123456");
        model.pinConfirm();
        assertThat(started).hasSize(2);
        assertThat(started.get(1).session().order().transactionId()).as("a new attempt has a new id")
                .isNotEqualTo(session.order().transactionId());
        assertThat(journal.records).isEmpty();
    }

    @Test
    void r26_anItemOutsideItsSaleWindowIsRefusedAtScanWithTheWindowShown() {
        model.handleScan(WINE.gtin()); // 15:00 Tuesday; alcohol only 08:00–14:00
        assertThat(model.cart()).isEmpty();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).isEqualTo("Red wine cannot be sold now. Sale hours: Mon–Sat 08:00–14:00.");
        model.handleScan(RADIO.gtin());
        assertThat(model.cart()).hasSize(1);
    }

    @Test
    void r14_aNewRuleBaseVersionAppliesToTheNextCheckAndTheStatusBarShowsIt() {
        assertThat(model.ruleBaseTextProperty().get()).startsWith("Rules v12");
        openCardFor(RADIO);
        model.cardTyped(NORDBANK_CARD);
        model.checkCard();
        assertThat(model.checkPopupVisibleProperty().get()).isTrue();
        model.closeCheckPopup();

        rules.set(ruleBase(13, 5000));
        model.showRuleBase(13, "HUB", "");
        model.checkCard();
        assertThat(model.checkPopupVisibleProperty().get()).isFalse();
        assertThat(model.modeProperty().get()).isEqualTo(SellMode.CARD_PIN);
        assertThat(model.ruleBaseTextProperty().get()).isEqualTo("Rules v13 · from the store hub");

        model.showRuleBase(13, "HUB", "rule 'x': unknown type 'y'");
        assertThat(model.ruleBaseTextProperty().get()).contains("v13").contains("update refused").contains("unknown type");
        assertThat(model.ruleBaseProblemProperty().get()).isTrue();
    }

    @Test
    @org.junit.jupiter.api.DisplayName("SEC-312 R14 the status bar says a forged rule base was refused, and that rule updates"
            + " are off without the store owner's key, each in one plain sentence")
    void sec312_theStatusBarSaysAForgedUpdateWasRefusedAndWhenUpdatesAreOff() {
        model.showRuleBase(13, "HUB", "update refused: version 9223372036854775807 is not signed by the store owner");
        assertThat(model.ruleBaseTextProperty().get())
                .isEqualTo("Rules v13 · ⚠ update refused: version 9223372036854775807 is not signed by the store owner");
        assertThat(model.ruleBaseProblemProperty().get()).isTrue();

        model.showRuleBase(0, "DEFAULTS", pos.sync.rules.RuleBaseTrust.UPDATES_OFF);
        assertThat(model.ruleBaseTextProperty().get())
                .isEqualTo("Rules v0 · ⚠ rule updates off: no store owner key configured (pos.rules.ownerPublicKey)");
        assertThat(model.ruleBaseProblemProperty().get()).isTrue();
    }

    @Test
    void ageRestrictedItemsNeedTheBoxTickedBeforeAnyTender() {
        rules.set(RuleRegistry.builtIn().compile(new RuleBaseDefinition(3, List.of(), List.of(
                new RuleSpec("age.alcohol", "age_restricted", params("categories", List.of("alcohol"), "min_age", 18))))));
        model.handleScan(WINE.gtin());
        model.openCashTender();
        model.tenderedTextProperty().set("10");
        model.confirmCash();
        assertThat(journal.records).isEmpty();
        assertThat(model.checkFailures()).singleElement().satisfies(r -> {
            assertThat(r.field()).isEqualTo(FocusTarget.AGE_CONFIRMATION);
            assertThat(r.reason()).contains("aged 18 or over");
        });
        model.fix(model.checkFailures().get(0));
        assertThat(model.ageCheckVisibleProperty().get()).isTrue();
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.AGE_CONFIRMATION);
        model.ageConfirmedProperty().set(true);
        model.confirmCash();
        assertThat(journal.records).hasSize(1);
    }

    @Test
    void aCardNumberNeverReachesTheScreenTheMessagesOrToString() {
        openCardFor(RADIO);
        model.cardTyped(NORDBANK_CARD);
        model.cardAmountTextProperty().set("10");
        model.checkCard();
        String everything = String.join("|", model.cardNumberTextProperty().get(), model.messageProperty().get(),
                model.cardBankTextProperty().get(), String.valueOf(CardNumber.typed(NORDBANK_CARD)));
        assertThat(everything).doesNotContain(NORDBANK_CARD).doesNotContain("4111 1111 1111").doesNotContain("11111111");
    }

    @Test
    void r17_theCustomerDisplayShowsThePinPromptAndTheResultPage() {
        pos.app.customer.CustomerDisplayViewModel customer = new pos.app.customer.CustomerDisplayViewModel(model);
        var status = customer.statusTextBinding();
        openCardFor(RADIO);
        model.cardTyped(HARBOUR_CARD);
        model.checkCard();
        assertThat(status.get()).startsWith("Customer: enter the 6-digit PIN for €20.00 (555555******4444)");
        typePin("123456");
        model.pinConfirm();
        started.get(0).session().move(PaymentSession.State.PAID);
        assertThat(status.get()).isEqualTo("Payment successful ✔ · €20.00 paid by card 555555******4444.");
    }

    @Test
    void r19_tenderPagesShownAndButtonsPressedAreRecordedWithTheTillsIdAndTime() {
        List<pos.core.events.UiEvent> recorded = new ArrayList<>();
        model.useEvents(new pos.core.events.EventRecorder(recorded::add, "till-7", CLOCK));
        openCardFor(RADIO);
        model.cardTyped(HARBOUR_CARD);
        model.checkCard();
        model.backToCart();
        model.openCashTender();
        model.tenderExact();
        model.confirmCash();

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
        model.openQrTender();
        assertThat(payments.sessions).as("nothing sent").isEmpty();
        assertThat(model.checkFailures()).extracting(CheckFailureRow::keyword).containsExactly("age.alcohol");
        model.closeCheckPopup();
        model.handleScan(RADIO.gtin());
        assertThat(model.cart()).as("the cart is still open").hasSize(2);
        model.ageConfirmedProperty().set(true);
        model.openQrTender();
        assertThat(payments.sessions).hasSize(1);
        assertThat(payments.last().order().amount()).isEqualTo(Money.ofMinor(2899, EUR));
    }
}
