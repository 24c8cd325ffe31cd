package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.checkout.Supervision;
import pos.app.people.ApprovalViewModel;
import pos.app.people.Fingerprints;
import pos.app.sell.discount.DiscountViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.people.Approval;
import pos.core.people.Authority;
import pos.core.people.GuardedAction;
import pos.core.people.Clerk;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.core.people.SupervisedSale;
import pos.core.sale.TransactionId;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Issue 16: every supervised action tells the supervision the money at stake (a supervisor's face approves alone
 * only up to pos.face.pinAbove): a void the line's amount, a cancel the sale's total, a discount what it takes off,
 * a price override what it changes the line by. The approval overlay and the sale are real; a recording
 * {@link Supervision} in front of the overlay hears each request.
 */
@DisplayName("R18 issue 16: the money at stake of each supervised action")
class SupervisionAmountsTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product MILK = new Product("1001", "4006381333931", "Whole milk 1 L", Money.ofMinor(119, EUR), STD,
            SaleUnit.PIECE, null, "dairy");
    static final Product WINE = new Product("1002", "96385074", "Red wine", Money.ofMinor(899, EUR), STD, SaleUnit.PIECE,
            null, "alcohol");
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    final Clock clock = Clock.fixed(Instant.parse("2026-12-07T09:00:00Z"), ZoneOffset.UTC);
    final FakeJournal journal = new FakeJournal();
    @TempDir
    Path dataDir;
    TillPeople people;
    Fingerprints fingerprints;
    SignedIn shift;
    ApprovalViewModel approval;
    SellViewModel model;
    DiscountViewModel discount;
    final List<String> asked = new ArrayList<>();

    @BeforeEach
    void setUp() {
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-1"));
        people.addClerk("Sam Supervisor", Role.SUPERVISOR, "246802".toCharArray());
        Clerk cara = people.addClerk("Cara Cashier", Role.CASHIER, "1357".toCharArray());
        fingerprints = Fingerprints.off(people, "switched off");
        Authority authority = new Authority(clock);
        approval = new ApprovalViewModel(people, new PinSignIn(people, "till-3", 5, Duration.ofMinutes(5), clock), authority,
                fingerprints, () -> shift, TEXT, Locale.US, TaskExecutor.sameThread(), UiThread.sameThread());
        Supervision recording = new Supervision() {
            @Override
            public void request(GuardedAction action, String subject, String onWhat, Consumer<Approval> approved,
                    Consumer<String> declined) {
                asked.add(action + " without an amount");
                approval.request(action, subject, onWhat, approved, declined);
            }

            @Override
            public void request(GuardedAction action, String subject, String onWhat, long amountMinor,
                    Consumer<Approval> approved, Consumer<String> declined) {
                asked.add(action + " " + amountMinor);
                approval.request(action, subject, onWhat, amountMinor, approved, declined);
            }
        };
        model = new SellViewModel(new Catalog(List.of(MILK, WINE), VariableMeasureLayout.DEFAULT), journal,
                new FakeSyncMonitor(), new FakePaymentDesk(), new TransactionId.Generator(clock), clock, "till-3", EUR,
                new MoneyFormat(Locale.US), TEXT, TaskExecutor.sameThread(), UiThread.sameThread());
        model.useSupervision(recording, new SupervisedSale(authority));
        model.checkout().discounts().useClerk(() -> shift == null ? null : shift.clerk().id());
        shift = new SignedIn(cara, "till-3", SignedIn.Method.PIN, clock.instant());
        discount = model.discount();
        for (int i = 0; i < 3; i++) {
            model.handleScan("96385074"); // 3 × 8.99 = 26.97
        }
        model.handleScan("4006381333931"); // 1.19: 28.16 in all
        model.cart().selectedRowProperty().set(model.cart().rows().stream().filter(r -> r.name().equals("Red wine"))
                .findFirst().orElseThrow());
    }

    @AfterEach
    void tearDown() {
        approval.cancel();
        fingerprints.close();
        people.close();
    }

    private void give(String typed) {
        discount.amountTextProperty().set(typed);
        discount.pickReason(0);
        discount.apply();
    }

    @Test
    void aVoidAsksWithTheLinesAmount() {
        model.cart().removeSelectedLine();
        assertThat(asked).containsExactly("VOID_LINE 2697");
        assertThat(approval.shownProperty().get()).isTrue();
    }

    @Test
    void aCancelAsksWithTheSalesTotal() {
        model.cart().cancelSale();
        assertThat(asked).containsExactly("CANCEL_SALE 2816");
    }

    @Test
    void aDiscountAsksWithWhatItTakesOff() {
        discount.openLine();
        give("15%"); // 15 % of 26.97
        assertThat(asked).containsExactly("DISCOUNT 405");
    }

    @Test
    void aPriceOverrideAsksWithWhatItChangesTheLineBy() {
        discount.openOverride();
        give("8.50"); // 3 × (8.99 − 8.50)
        assertThat(asked).containsExactly("PRICE_OVERRIDE 147");
    }
}
