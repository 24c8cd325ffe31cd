package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.people.ApprovalViewModel;
import pos.app.people.Fingerprints;
import pos.app.sell.discount.DiscountViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.audit.AuditKind;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.people.Authority;
import pos.core.people.Clerk;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.core.people.SupervisedSale;
import pos.core.sale.DiscountLimits;
import pos.core.sale.TransactionId;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Issue 12 point 4, the limits and approval rules: a cashier's discount above 10 % or above 10.00 (the
 * store's settings) and every price override by a cashier ask a supervisor through the approval
 * overlay; a supervisor signed in needs no approval; each discount, override and approval is in the
 * sale's audit trail with the clerk, the approver, the line, the amount and the reason.
 */
@DisplayName("issue 12: discount limits and supervisor approval")
class SupervisedDiscountsTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product MILK = new Product("1001", "4006381333931", "Whole milk 1 L", Money.ofMinor(119, EUR), STD,
            SaleUnit.PIECE, null, "dairy");
    static final Product WINE = new Product("1002", "96385074", "Red wine", Money.ofMinor(899, EUR), STD, SaleUnit.PIECE,
            null, "alcohol");
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    final Clock clock = Clock.fixed(Instant.parse("2026-12-06T09:00:00Z"), ZoneOffset.UTC);
    final FakeJournal journal = new FakeJournal();
    @TempDir
    Path dataDir;
    TillPeople people;
    Fingerprints fingerprints;
    Clerk sam;
    Clerk cara;
    SignedIn shift;
    ApprovalViewModel approval;
    SellViewModel model;
    DiscountViewModel discount;

    @BeforeEach
    void setUp() {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-1"));
        sam = people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246802".toCharArray());
        cara = people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        fingerprints = Fingerprints.off(people, "switched off");
        Authority authority = new Authority(clock);
        approval = new ApprovalViewModel(people, new PinSignIn(people, "till-3", 5, Duration.ofMinutes(5), clock), authority,
                fingerprints, () -> shift, TEXT, Locale.US, TaskExecutor.sameThread(), UiThread.sameThread());
        model = new SellViewModel(new Catalog(List.of(MILK, WINE), VariableMeasureLayout.DEFAULT), journal,
                new FakeSyncMonitor(), new FakePaymentDesk(), new TransactionId.Generator(clock), clock, "till-3", EUR,
                new MoneyFormat(Locale.US), TEXT, TaskExecutor.sameThread(), UiThread.sameThread());
        model.useSupervision(approval, new SupervisedSale(authority));
        model.checkout().discounts().useClerk(() -> shift == null ? null : shift.clerk().id());
        shift = new SignedIn(cara, "till-3", SignedIn.Method.PIN, clock.instant());
        model.showClerk(cara.name(), "Cashier");
        discount = model.discount();
        for (int i = 0; i < 3; i++) {
            model.handleScan("96385074"); // 3 × 8.99 = 26.97
        }
        model.handleScan("4006381333931");
        selectLine("Red wine");
    }

    @AfterEach
    void tearDown() {
        fingerprints.close();
        people.close();
    }

    private void selectLine(String name) {
        model.cart().selectedRowProperty().set(model.cart().rows().stream().filter(r -> r.name().equals(name))
                .findFirst().orElseThrow());
    }

    private void give(String typed, int reason) {
        discount.amountTextProperty().set(typed);
        discount.pickReason(reason);
        discount.apply();
    }

    private void samApproves() {
        approval.selectSupervisor(0);
        "246802".chars().forEach(c -> approval.pinDigit((char) c));
        approval.submitPin();
    }

    @Test
    @DisplayName("a cashier's 10 % (the limit) needs nobody; the audit names the cashier and no approver")
    void withinTheLimit() {
        discount.openLine();
        give("10%", 2);
        assertThat(approval.shownProperty().get()).isFalse();
        assertThat(model.currentSale().total().minorUnits()).isEqualTo(2697 - 270 + 119);
        assertThat(model.currentSale().audit()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AuditKind.LINE_DISCOUNT);
            assertThat(e.clerkId()).isEqualTo(cara.id());
            assertThat(e.approverId()).isNull();
            assertThat(e.subject()).isEqualTo("1");
            assertThat(e.amountMinor()).isEqualTo(270);
            assertThat(e.reason()).isEqualTo("Loyalty");
        });
    }

    @Test
    @DisplayName("a cashier's 15 % waits for a supervisor; after the PIN it is given, with APPROVAL in the audit")
    void abovePercentWaitsForTheSupervisor() {
        discount.openLine();
        give("15%", 0);
        assertThat(approval.shownProperty().get()).isTrue();
        assertThat(approval.actionTextProperty().get())
                .isEqualTo("Supervisor approval: give a discount above the cashier's limit");
        assertThat(model.currentSale().lineDiscount(1)).isEmpty();

        samApproves();
        assertThat(approval.shownProperty().get()).isFalse();
        assertThat(model.currentSale().lineDiscount(1)).isPresent();
        assertThat(model.currentSale().audit()).extracting(e -> e.kind() + " " + e.clerkId() + " " + e.approverId()
                + " " + e.amountMinor()).containsExactly(
                        "APPROVAL " + cara.id() + " " + sam.id() + " 405",
                        "LINE_DISCOUNT " + cara.id() + " " + sam.id() + " 405");
    }

    @Test
    @DisplayName("an amount above 10.00 needs the supervisor even when it is under 10 %; Esc gives nothing")
    void aboveAmountAndDeclined() {
        model.handleScan("96385074");
        for (int i = 0; i < 12; i++) {
            model.checkout().cart().increase();
        }
        discount.openSale(); // the sale is now well over 110.00
        give("10.01", 4);
        assertThat(approval.shownProperty().get()).isTrue();
        approval.cancel();
        assertThat(model.currentSale().saleDiscount()).isEmpty();
        assertThat(model.currentSale().audit()).isEmpty();
        assertThat(model.messageProperty().get()).startsWith("Not done: no supervisor approved");
    }

    @Test
    @DisplayName("every price override by a cashier asks the supervisor, even a small one")
    void overrideAlwaysAsks() {
        discount.openOverride();
        give("8.90", 1);
        assertThat(approval.shownProperty().get()).isTrue();
        assertThat(approval.actionTextProperty().get()).isEqualTo("Supervisor approval: override a price");
        samApproves();
        assertThat(model.currentSale().line(1).orElseThrow().unitPrice().minorUnits()).isEqualTo(890);
        assertThat(model.currentSale().audit()).extracting(e -> e.kind() + " " + e.subject() + " " + e.amountMinor()
                + " " + e.reason()).containsExactly("APPROVAL " + model.currentSale().id().value() + "/1 890 PRICE_OVERRIDE",
                        "PRICE_OVERRIDE 1 890 Price match");
    }

    @Test
    @DisplayName("a supervisor signed in gives 50 % without being asked; no APPROVAL entry, the approver is themselves")
    void supervisorNeedsNoApproval() {
        shift = new SignedIn(sam, "till-3", SignedIn.Method.PIN, clock.instant());
        discount.openLine();
        give("50%", 3);
        assertThat(approval.shownProperty().get()).isFalse();
        assertThat(model.currentSale().audit()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AuditKind.LINE_DISCOUNT);
            assertThat(e.clerkId()).isEqualTo(sam.id());
            assertThat(e.approverId()).isEqualTo(sam.id());
            assertThat(e.amountMinor()).isEqualTo(1349); // 26.97 × 50 % = 13.485 → 13.49
        });
    }

    @Test
    @DisplayName("the store's limits are settings: with 50 % and 100.00 a cashier's 40 % needs nobody")
    void limitsAreSettings() {
        model.checkout().discounts().use(new DiscountLimits(50, 10_000));
        discount.openLine();
        give("40%", 0);
        assertThat(approval.shownProperty().get()).isFalse();
        assertThat(model.currentSale().lineDiscount(1)).isPresent();
    }
}
