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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.MessageKind;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.card.Bank;
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
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleRegistry;
import pos.core.rules.RuleSpec;
import pos.core.sale.SaleState;
import pos.core.sale.TenderLimits;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.core.sync.SyncStatus;

/**
 * Issue 11, the cash tender and the end of a sale, driven without a window: the paid sale names
 * every tender (defect 5), no message about the amount outlives it (defects 12, 14), an
 * implausible tender waits for the clerk's confirmation and an impossible one is refused with a
 * sentence (defect 13, R13 pre-check still first), and the status bar does not call a cancelled
 * sale a saved one (defect 14).
 */
class CashDefectsTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product RADIO = new Product("3001", "4006381333931", "Radio", Money.ofMinor(2000, EUR), STD, SaleUnit.PIECE,
            null, "electronics");
    static final Product GUM = new Product("1009", "96385074", "Chewing gum", Money.ofMinor(199, EUR), STD, SaleUnit.PIECE, null,
            "sweets");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneId.of("Europe/Berlin"));
    static final String NORDBANK_CARD = "4111111111111111";

    final FakeJournal journal = new FakeJournal();
    final FakeSyncMonitor sync = new FakeSyncMonitor();
    final List<FakePaymentDesk.FakeSession> cardSessions = new ArrayList<>();
    SellViewModel model;

    static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @BeforeEach
    void setUp() {
        model = new SellViewModel(new Catalog(List.of(RADIO, GUM), VariableMeasureLayout.DEFAULT), journal, sync,
                new FakePaymentDesk(), new TransactionId.Generator(CLOCK), CLOCK, "till-7", EUR, new MoneyFormat(Locale.US),
                pos.app.i18n.Texts.forLocale(Locale.US), TaskExecutor.sameThread(), UiThread.sameThread());
        var rules = RuleRegistry.builtIn().compile(new RuleBaseDefinition(3,
                List.of(new Bank("NORDBANK", "Nordbank", List.of("411111"))),
                List.of(new RuleSpec("card.number", "card_number", params()),
                        new RuleSpec("payment.fields", "required_fields", params("fields", List.of("orderId", "payee", "amount"))))));
        model.useRules(() -> rules, CardSpending.none(), "store-12");
        model.useCardPayments((attempt, amount, description, card, pin) -> {
            java.util.Arrays.fill(pin, '\0');
            FakePaymentDesk.FakeSession session = new FakePaymentDesk.FakeSession(
                    new PaymentOrder(attempt, "till-7", PaymentMethod.PAY_CODE, amount, description, CLOCK.instant()), null);
            cardSessions.add(session);
            return session;
        });
    }

    private void cash(String typed) {
        model.cash().tenderedTextProperty().set(typed);
        model.cash().confirm();
    }

    // ---------------------------------------------------------------- defect 5

    @Test
    void defect5_aCardAndCashSplitEndsNamingEveryTenderNotPaidInCash() {
        model.handleScan(RADIO.gtin());
        model.card().open();
        model.card().typed(NORDBANK_CARD);
        model.card().cardAmountTextProperty().set("15");
        model.card().check();
        for (char c : "000000".toCharArray()) {
            model.card().pinKeyAt(model.card().keypad().indexOf(c - '0'));
        }
        model.card().pinConfirm();
        cardSessions.get(0).move(PaymentSession.State.PAID);
        model.result().dismiss();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CASH);

        cash("5.50");

        assertThat(model.currentSale().state()).isEqualTo(SaleState.PAID);
        assertThat(journal.records.get(0).tenders()).extracting(t -> t.type()).containsExactly(TenderType.CARD, TenderType.CASH);
        assertThat(model.cash().titleTextProperty().get())
                .isEqualTo("Paid: card €15.00 + cash €5.00, change €0.50 ✔")
                .doesNotContain("Paid in cash");
        assertThat(model.messageProperty().get()).startsWith("Paid: card €15.00 + cash €5.00, change €0.50.");
        assertThat(model.cash().changeTextProperty().get()).isEqualTo("€0.50");
    }

    @Test
    void defect5_aMemberAndCashSplitNamesBothTendersAndAPlainCashSaleStaysPaidInCash() {
        model.handleScan(RADIO.gtin());
        model.checkout().paidByMember(model.currentSale().id().value(), Money.ofMinor(1200, EUR), "member-ref-1");
        cash("10");
        assertThat(model.cash().titleTextProperty().get()).isEqualTo("Paid: member account €12.00 + cash €8.00, change €2.00 ✔");

        model.cash().newSale();
        model.handleScan(GUM.gtin());
        model.cash().open();
        cash("5");
        assertThat(model.cash().titleTextProperty().get()).isEqualTo("Paid in cash ✔");
        assertThat(model.messageProperty().get()).contains("€3.01");
    }

    // ---------------------------------------------------------------- defect 12

    @Test
    void defect12_moreNeededGoesOnceTheAmountChangesAndTheChangeIsSaidInstead() {
        model.handleScan(RADIO.gtin());
        model.cash().open();
        cash("14.32");
        assertThat(model.messageProperty().get()).isEqualTo("€5.68 more needed.");
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);

        model.cash().tenderedTextProperty().set("29.82");

        assertThat(model.cash().changeTextProperty().get()).isEqualTo("€9.82");
        assertThat(model.messageProperty().get()).doesNotContain("more needed").contains("€9.82");
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.INFO);

        model.cash().tenderedTextProperty().set("");
        assertThat(model.messageProperty().get()).doesNotContain("€9.82").contains("€20.00");
        assertThat(model.cash().changeTextProperty().get()).isEmpty();
    }

    @Test
    void defect12_aMessageNotAboutTheAmountStaysWhileTyping() {
        model.handleScan(RADIO.gtin());
        model.cash().open();
        model.handleScan(GUM.gtin());
        String scanRefused = model.messageProperty().get();
        assertThat(scanRefused).contains("Esc");
        model.cash().tenderedTextProperty().set("2");
        assertThat(model.messageProperty().get()).isEqualTo(scanRefused);
    }

    // ---------------------------------------------------------------- defect 13

    @Test
    void defect13_anImplausibleTenderWaitsForTheClerksSecondEnterAndItsChangeIsShownInFull() {
        model.handleScan(GUM.gtin());
        model.cash().open();
        cash("2147483648");

        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CASH);
        assertThat(journal.records).isEmpty();
        assertThat(model.cash().confirmAskedProperty().get()).isTrue();
        assertThat(model.cash().confirmTextProperty().get()).contains("€2,147,483,648.00").contains("€2,147,483,646.01")
                .contains("€2,500.00").contains("Enter").contains("Esc");
        assertThat(model.messageProperty().get()).contains("Check the amount").contains("€2,147,483,648.00");
        assertThat(model.cash().changeTextProperty().get()).isEqualTo("€2,147,483,646.01");
        assertThat(model.cash().changeLongProperty().get()).as("shown smaller, never cut").isTrue();

        model.cash().confirm(); // Enter again: the clerk means it

        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAID);
        assertThat(model.cash().confirmAskedProperty().get()).isFalse();
        assertThat(journal.records).singleElement().satisfies(r -> assertThat(r.tenders().get(0).changeMinor())
                .isEqualTo(214_748_364_601L));
        assertThat(model.cash().changeTextProperty().get()).isEqualTo("€2,147,483,646.01");
    }

    @Test
    void defect13_escOrTypingWithdrawsTheConfirmationAndKeepsTheCashPanel() {
        model.handleScan(GUM.gtin());
        model.cash().open();
        cash("2147483648");
        assertThat(model.cash().confirmAskedProperty().get()).isTrue();

        model.backToCart(); // Esc: correct the amount, not leave the panel
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.CASH);
        assertThat(model.cash().confirmAskedProperty().get()).isFalse();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.INFO);

        model.cash().confirm(); // the same amount asks again: Esc withdrew the first answer
        assertThat(model.cash().confirmAskedProperty().get()).isTrue();
        assertThat(journal.records).isEmpty();

        model.cash().tenderedTextProperty().set("21474836"); // editing goes back too
        assertThat(model.cash().confirmAskedProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).doesNotContain("Check the amount");
        model.cash().tenderedTextProperty().set("5");
        model.cash().confirm();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAID);
        assertThat(journal.records).singleElement().satisfies(r -> assertThat(r.tenders().get(0).changeMinor()).isEqualTo(301));
    }

    @Test
    void defect13_theLimitIsAStoreSettingAndAPlausibleTenderIsTakenAtOnce() {
        model.checkout().cash().use(new TenderLimits(10_000, 2)); // two 100.00 notes
        model.handleScan(GUM.gtin());
        model.cash().open();
        cash("201.99");
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAID);
        model.cash().newSale();
        model.handleScan(GUM.gtin());
        model.cash().open();
        cash("202");
        assertThat(model.cash().confirmAskedProperty().get()).as("€200.01 change is more than 2 × €100").isTrue();
    }

    @Test
    void defect13_anImpossibleTenderIsRefusedWithASentence() {
        model.handleScan(GUM.gtin());
        model.cash().open();
        cash("0");
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).contains("more than zero");
        cash("1000000000000");
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).contains("too large");
        assertThat(model.cash().confirmAskedProperty().get()).isFalse();
        assertThat(journal.records).isEmpty();
    }

    // ---------------------------------------------------------------- defect 14

    @Test
    void defect14_aTwentyDigitAmountIsTooLargeNotNotAnAmount() {
        model.handleScan(GUM.gtin());
        model.cash().open();
        cash("12345678901234567890");
        assertThat(model.messageProperty().get()).contains("too large").doesNotContain("not an amount");
    }

    @Test
    void defect14_aRedValidationLineClearsOnceTheInputIsValid() {
        model.handleScan(GUM.gtin());
        model.cash().open();
        cash("abc");
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).contains("not an amount");

        model.cash().tenderedTextProperty().set("5");

        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.INFO);
        assertThat(model.messageProperty().get()).doesNotContain("not an amount").contains("€3.01");
        model.cash().confirm();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.SUCCESS);
    }

    @Test
    void defect14_theStatusBarDoesNotCallACancelledSaleSaved() {
        model.handleScan(GUM.gtin());
        model.cart().cancelSale();
        model.cart().cancelSale();
        assertThat(journal.records).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(SaleState.CANCELLED));
        sync.set(SyncStatus.off(journal.backlog()));

        String status = model.status().syncTextProperty().get();
        assertThat(status).doesNotContain("1 sale saved").contains("cancelled");
    }
}
