package pos.app.sell;

import pos.app.checkout.CartRow;
import pos.app.checkout.CheckFailureRow;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.checkout.MessageKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import pos.app.people.ClerkTile;
import pos.app.people.Fingerprints;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.people.ApprovalRequiredException;
import pos.core.people.Authority;
import pos.core.people.Clerk;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignedIn;
import pos.core.people.SupervisedSale;
import pos.core.sale.SaleState;
import pos.core.sale.TransactionId;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Voids and cancels on a till with clerks: they go through the supervisor approval and the domain's
 * {@link SupervisedSale}; a cashier's void waits for a supervisor's PIN (no reader here), Esc leaves the
 * cart as it was, a signed-in supervisor voids without being asked.
 */
@DisplayName("R18 supervisor approval of voids and cancels")
class SupervisedSellViewModelTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product MILK = new Product("1001", "4006381333931", "Whole milk 1 L", Money.ofMinor(119, EUR), STD,
            SaleUnit.PIECE, null, "dairy");
    static final Product WINE = new Product("1002", "96385074", "Red wine", Money.ofMinor(899, EUR), STD, SaleUnit.PIECE,
            null, "alcohol");
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    final Clock clock = Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC);
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
        model.useApproverNames(id -> people.clerk(id).map(Clerk::name).orElse(id));
        shift = new SignedIn(cara, "till-3", SignedIn.Method.PIN, clock.instant());
        model.showClerk(cara.name(), "Cashier");
        model.handleScan("4006381333931");
        model.handleScan("96385074");
    }

    @AfterEach
    void tearDown() {
        fingerprints.close();
        people.close();
    }

    private void selectLine(String name) {
        model.cart().selectedRowProperty().set(model.cart().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    @Test
    void aCashiersVoidWaitsForASupervisorsPinAndOnlyThenRemovesTheLine() {
        selectLine("Whole milk 1 L");
        model.cart().removeSelectedLine();
        assertThat(approval.shownProperty().get()).isTrue();
        assertThat(approval.actionTextProperty().get()).isEqualTo("Supervisor approval: void a line");
        assertThat(approval.subjectTextProperty().get()).isEqualTo("Line 1: Whole milk 1 L, €1.19");
        assertThat(approval.supervisors()).as("only supervisors can approve").extracting(ClerkTile::name)
                .containsExactly("Sam Supervisor");
        // issue 11: the reader's problem in the reader line (normal type), the large line says what to do
        assertThat(approval.readerTextProperty().get()).contains("No fingerprint reader");
        assertThat(approval.fingerTextProperty().get()).contains("approves with the PIN");
        assertThat(model.cart().rows()).hasSize(2);

        approval.selectSupervisor(0);
        "1111".chars().forEach(c -> approval.pinDigit((char) c));
        approval.submitPin();
        assertThat(approval.messageProperty().get()).isEqualTo("Wrong PIN for Sam Supervisor: 4 tries left");
        assertThat(model.cart().rows()).hasSize(2);

        "246802".chars().forEach(c -> approval.pinDigit((char) c));
        approval.submitPin();
        assertThat(approval.shownProperty().get()).isFalse();
        assertThat(model.cart().rows()).extracting(CartRow::name).containsExactly("Red wine");
        assertThat(model.messageProperty().get()).isEqualTo("Removed Whole milk 1 L (approved by Sam Supervisor)");
    }

    @Test
    void escLeavesTheCartAsItWasAndSaysWhy() {
        selectLine("Red wine");
        model.cart().removeSelectedLine();
        approval.cancel();
        assertThat(approval.shownProperty().get()).isFalse();
        assertThat(model.cart().rows()).hasSize(2);
        assertThat(model.messageProperty().get()).isEqualTo("Not done: no supervisor approved to void a line");
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
    }

    @Test
    void aSignedInSupervisorVoidsAndCancelsWithoutBeingAsked() {
        shift = new SignedIn(sam, "till-3", SignedIn.Method.PIN, clock.instant());
        selectLine("Red wine");
        model.cart().removeSelectedLine();
        assertThat(approval.shownProperty().get()).isFalse();
        assertThat(model.cart().rows()).extracting(CartRow::name).containsExactly("Whole milk 1 L");

        model.cart().cancelSale();
        assertThat(approval.shownProperty().get()).isFalse();
        assertThat(journal.records).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(SaleState.CANCELLED));
    }

    @Test
    void aCashiersCancelNeedsTheSupervisorToo() {
        model.cart().cancelSale();
        assertThat(approval.shownProperty().get()).isTrue();
        assertThat(approval.actionTextProperty().get()).isEqualTo("Supervisor approval: cancel the sale");
        assertThat(journal.records).isEmpty();
        approval.selectSupervisor(0);
        "246802".chars().forEach(c -> approval.pinDigit((char) c));
        approval.submitPin();
        assertThat(journal.records).singleElement().satisfies(r -> assertThat(r.state()).isEqualTo(SaleState.CANCELLED));
    }

    @Test
    void theDomainRefusesAVoidWithoutAnApprovalWhateverTheScreenDoes() {
        SupervisedSale guarded = new SupervisedSale(new Authority(clock));
        assertThatThrownBy(() -> guarded.removeLine(model.currentSale(), 1, null))
                .isInstanceOf(ApprovalRequiredException.class).hasMessageContaining("A supervisor must approve");
        assertThat(model.currentSale().lines()).hasSize(2);
    }

    @Test
    void whileNobodyIsSignedInAScanSellsNothing() {
        model.showClerk(null, "");
        model.handleScan("4006381333931");
        assertThat(model.cart().rows()).hasSize(2);
        assertThat(model.messageProperty().get()).isEqualTo("Sign in first: the till sells for a signed-in clerk");
    }
}
