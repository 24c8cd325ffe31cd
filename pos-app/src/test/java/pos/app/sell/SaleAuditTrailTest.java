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
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.audit.AuditEntry;
import pos.core.audit.AuditKind;
import pos.core.audit.TillEvent;
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
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TransactionId;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.people.PrintKeys;
import pos.sync.people.TillPeople;

/**
 * Issue 12 point 6, through the real SQLite journal: "today a sale made with sign-in enforced names no clerk, and a
 * voided line only leaves a gap in the line numbers". The clerk signed in is on the journaled sale; a void leaves the
 * supervisor's approval and the voided line in the sale's audit; a cancel leaves its approval; sign-in and sign-out
 * are till events.
 */
@DisplayName("Issue 12 point 6: the audit trail of a till with clerks, in the journal")
class SaleAuditTrailTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product MILK = new Product("1001", "4006381333931", "Whole milk 1 L", Money.ofMinor(119, EUR), STD,
            SaleUnit.PIECE, null, "dairy");
    static final Product WINE = new Product("1002", "96385074", "Red wine", Money.ofMinor(899, EUR), STD, SaleUnit.PIECE,
            null, "alcohol");
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);
    static final Instant NOW = Instant.parse("2026-11-29T09:00:00Z");

    final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    @TempDir
    Path dataDir;
    SqliteSaleJournal journal;
    TillPeople people;
    Fingerprints fingerprints;
    Clerk sam;
    Clerk cara;
    SignedIn shift;
    ApprovalViewModel approval;
    SellViewModel model;

    @BeforeEach
    void setUp() {
        journal = SqliteSaleJournal.open(dataDir.resolve("till"), clock);
        people = TillPeople.open(dataDir, PrintKeys.openIn(dataDir), null, clock, pos.sync.auth.StreamSigner.missing("till-3"));
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
        // what PeopleModule does when Cara signs in with her PIN
        shift = new SignedIn(cara, "till-3", SignedIn.Method.PIN, clock.instant());
        model.checkout().signedIn(cara.id(), cara.name(), shift.method().name());
        model.showClerk(cara.name(), "Cashier");
        model.handleScan("4006381333931");
        model.handleScan("96385074");
    }

    @AfterEach
    void tearDown() {
        fingerprints.close();
        people.close();
        journal.close();
    }

    private void supervisorApproves() {
        assertThat(approval.shownProperty().get()).isTrue();
        approval.selectSupervisor(0);
        "246802".chars().forEach(c -> approval.pinDigit((char) c));
        approval.submitPin();
        assertThat(approval.shownProperty().get()).isFalse();
    }

    @Test
    @DisplayName("Issue 12 point 6: the sale names the clerk signed in, and the voided line is in its audit with who approved it for whom")
    void theSaleNamesItsClerkAndItsVoid() {
        String saleId = model.checkout().sale().id().value();
        model.cart().selectedRowProperty().set(model.cart().rows().get(0));
        model.cart().removeSelectedLine();
        supervisorApproves();
        model.cash().open();
        model.cash().exact();
        model.cash().confirm();

        SaleRecord sale = journal.findRecord(SaleRecord.class, saleId).orElseThrow();
        assertThat(sale.state()).isEqualTo(SaleState.PAID);
        assertThat(sale.clerkId()).isEqualTo(cara.id());
        assertThat(sale.clerkName()).isEqualTo("Cara Cashier");
        assertThat(sale.lines()).extracting(SaleRecord.Line::lineNo).containsExactly(2); // the gap is explained:
        assertThat(sale.audit()).containsExactly(
                new AuditEntry(AuditKind.APPROVAL, NOW, cara.id(), sam.id(), saleId + "/1", 0, "VOID_LINE"),
                new AuditEntry(AuditKind.LINE_VOIDED, NOW, cara.id(), sam.id(), "1 1001", 119, null));
    }

    @Test
    @DisplayName("Issue 12 point 6: a cancelled sale keeps its clerk and the supervisor's approval")
    void aCancelKeepsItsApproval() {
        String saleId = model.checkout().sale().id().value();
        model.cart().cancelSale();
        supervisorApproves();

        SaleRecord sale = journal.findRecord(SaleRecord.class, saleId).orElseThrow();
        assertThat(sale.state()).isEqualTo(SaleState.CANCELLED);
        assertThat(sale.clerkId()).isEqualTo(cara.id());
        assertThat(sale.audit()).containsExactly(
                new AuditEntry(AuditKind.APPROVAL, NOW, cara.id(), sam.id(), saleId, 0, "CANCEL_SALE"));
    }

    @Test
    @DisplayName("Issue 12 point 6: sign-in and sign-out (clerk switch) are till events with the method; the next clerk sells the open sale")
    void signInsAndSignOutsAreJournaled() {
        String saleId = model.checkout().sale().id().value();
        model.checkout().signedOut("switch");
        model.showClerk(null, "");
        model.checkout().signedIn(sam.id(), sam.name(), "FINGER");
        model.showClerk(sam.name(), "Supervisor");
        model.cash().open();
        model.cash().exact();
        model.cash().confirm();

        List<TillEvent> events = journal.records(TillEvent.class, NOW, NOW.plusSeconds(1));
        assertThat(events).extracting(TillEvent::entry).containsExactly(
                new AuditEntry(AuditKind.SIGN_IN, NOW, cara.id(), null, "PIN", 0, null),
                new AuditEntry(AuditKind.SIGN_OUT, NOW, cara.id(), null, "PIN", 0, "switch"),
                new AuditEntry(AuditKind.SIGN_IN, NOW, sam.id(), null, "FINGER", 0, null));
        assertThat(events).extracting(TillEvent::tillId).containsOnly("till-3");
        assertThat(journal.findRecord(SaleRecord.class, saleId).orElseThrow().clerkName()).isEqualTo("Sam Supervisor");
    }

    @Test
    @DisplayName("Issue 12 points 5 and 6: sign-ins and sign-outs carry the shift open when they happen, and none without one")
    void signInsCarryTheOpenShift() {
        java.util.concurrent.atomic.AtomicReference<String> open = new java.util.concurrent.atomic.AtomicReference<>("shift-A");
        model.checkout().useShifts(() -> java.util.Optional.ofNullable(open.get()));
        model.checkout().signedOut("switch");
        model.checkout().signedIn(sam.id(), sam.name(), "FINGER");
        open.set(null);
        model.checkout().signedOut("end of shift");

        List<TillEvent> events = journal.records(TillEvent.class, NOW, NOW.plusSeconds(1));
        assertThat(events).extracting(e -> e.entry().kind() + " " + e.entry().clerkId() + " " + e.shiftId()).containsExactly(
                "SIGN_IN " + cara.id() + " null", // before the till knew of shifts
                "SIGN_OUT " + cara.id() + " shift-A",
                "SIGN_IN " + sam.id() + " shift-A",
                "SIGN_OUT " + sam.id() + " null");
    }
}
