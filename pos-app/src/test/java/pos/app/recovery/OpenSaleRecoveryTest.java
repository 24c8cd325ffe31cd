package pos.app.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.audit.AuditKind;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.sale.SaleLine;
import pos.core.sale.TransactionId;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.recovery.PaymentRecovery;
import pos.sync.recovery.SqliteOpenSales;

/** Issue 12 point 7: the open sale survives a SIGKILL of the till; a sale parks and is recalled. */
class OpenSaleRecoveryTest {

    static final String MILK = "4098369006029";
    static final String SEMI = "4077354684879";
    static final String BUTTER = "4072284642890";

    @TempDir
    Path dataDir;

    /** A till on {@code dataDir} as the app builds it: checkout, journal, store, recovery. */
    private final class Till implements AutoCloseable {
        final SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
        final SqliteOpenSales store = SqliteOpenSales.open(journal);
        final Checkout checkout;
        final TillRecovery recovery;

        Till() {
            Clock clock = Clock.systemUTC();
            Catalog catalog = new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT);
            Currency currency = catalog.products().get(0).unitPrice().currency();
            checkout = new Checkout(catalog, journal, null, new TransactionId.Generator(clock), clock, "till-a", currency,
                    new MoneyFormat(Locale.UK), pos.app.i18n.Texts.forLocale(Locale.UK),
                    TaskExecutor.sameThread(), UiThread.sameThread());
            recovery = new TillRecovery(journal, store, new PaymentRecovery(journal, store, null, "till-a", clock), checkout,
                    "till-a", clock);
            recovery.start();
        }

        @Override
        public void close() {
            recovery.close();
            store.close();
            journal.close();
        }
    }

    @Test
    @DisplayName("Issue 12.7 a till SIGKILLed with three lines in the cart shows the same three lines after restart")
    void threeLinesSurviveSigkill() throws Exception {
        String saleId;
        try (ChildTill child = ChildTill.start(dataDir.resolve("child.log"), OpenCartThenKilledMain.class,
                dataDir.toString(), "till-a", MILK, SEMI, MILK, BUTTER)) {
            saleId = child.awaitLine("KEPT ", Duration.ofSeconds(60)).substring(5).trim();
            child.kill();
        }
        try (Till till = new Till()) {
            assertThat(till.checkout.sale().id().value()).as("the same transaction id").isEqualTo(saleId);
            assertThat(till.checkout.sale().lines()).extracting(l -> l.product().code(), SaleLine::quantity)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("1001", 2), org.assertj.core.groups.Tuple.tuple("1002", 1),
                            org.assertj.core.groups.Tuple.tuple("1005", 1));
            assertThat(till.checkout.state()).isEqualTo(CheckoutState.CART);
            assertThat(till.checkout.message()).isEqualTo("The sale that was open when the till stopped is back: 3 lines.");

            // the restored sale goes on: a fourth line gets the next number, and paying clears the kept row
            till.checkout.scan("4052685969383");
            assertThat(till.checkout.sale().lines()).extracting(SaleLine::lineNo).containsExactly(1, 2, 3, 4);
            till.checkout.openCash();
            till.checkout.payCash("50.00");
            assertThat(till.checkout.state()).isEqualTo(CheckoutState.PAID);
            assertThat(till.journal.find(saleId)).isPresent();
            org.awaitility.Awaitility.await("the kept sale is cleared").atMost(Duration.ofSeconds(5))
                    .until(() -> till.store.load().isEmpty());
        }
        try (Till again = new Till()) {
            assertThat(again.checkout.sale().isEmpty()).as("a journaled sale does not come back").isTrue();
        }
    }

    @Test
    @DisplayName("Issue 12.7 a cancelled sale is not kept: it does not come back after a restart")
    void aCancelledSaleIsNotKept() {
        try (Till till = new Till()) {
            till.checkout.scan(MILK);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> till.store.load().isPresent());
            till.checkout.cart().cancelSale();
            till.checkout.cart().cancelSale(); // the second F8 within the window cancels
            assertThat(till.checkout.sale().isEmpty()).isTrue();
            org.awaitility.Awaitility.await("the kept sale is cleared").atMost(Duration.ofSeconds(5))
                    .until(() -> till.store.loadAll().isEmpty());
        }
        try (Till again = new Till()) {
            assertThat(again.checkout.sale().isEmpty()).isTrue();
        }
    }

    @Test
    @DisplayName("Issue 12.7 a sale parked on this till is recalled with its lines, its id and the audit of both")
    void parkAndRecallOnThisTill() {
        try (Till till = new Till()) {
            till.checkout.scan(MILK);
            till.checkout.scan(BUTTER);
            String id = till.checkout.sale().id().value();
            assertThat(till.recovery.park()).isPresent();
            assertThat(till.checkout.sale().isEmpty()).isTrue();
            assertThat(till.checkout.message()).contains("on this till only");
            till.checkout.scan(SEMI); // the next customer
            assertThat(till.recovery.recall(id)).as("refused while another sale is on the counter").isFalse();
            till.checkout.openCash();
            till.checkout.payCash("10.00");

            assertThat(till.recovery.parked()).singleElement().satisfies(p -> assertThat(p.transactionId()).isEqualTo(id));
            assertThat(till.recovery.recall(id)).isTrue();
            assertThat(till.checkout.sale().id().value()).isEqualTo(id);
            assertThat(till.checkout.sale().lines()).hasSize(2);
            assertThat(till.checkout.sale().audit()).extracting(a -> a.kind())
                    .containsExactly(AuditKind.SALE_PARKED, AuditKind.SALE_RECALLED);
            assertThat(till.recovery.parked()).isEmpty();
            assertThat(till.recovery.recall(id)).as("a parked sale is recalled once").isFalse();
            assertThat(till.journal.records(pos.core.audit.TillEvent.class, java.time.Instant.EPOCH,
                    java.time.Instant.now().plusSeconds(60))).as("the parking is journaled as a till event")
                    .singleElement().satisfies(e -> {
                        assertThat(e.entry().kind()).isEqualTo(AuditKind.SALE_PARKED);
                        assertThat(e.entry().subject()).isEqualTo(id);
                    });
        }
    }
    @Test
    @DisplayName("Issue 12.7 + 12.4 + 12.6 a recalled sale keeps its discounts, override and audit, and is sold by the clerk signed in now")
    void aRecalledSaleKeepsItsDiscountsAndGetsTheClerkOnDuty() {
        try (Till till = new Till()) {
            till.checkout.scan(MILK);
            till.checkout.scan(BUTTER);
            pos.core.sale.Sale sale = till.checkout.sale();
            sale.discountLine(1, pos.core.sale.Discount.percent(1000, "Damaged pack"));
            sale.overridePrice(2, pos.core.money.Money.ofMinor(100, sale.currency()), "Price match");
            sale.discountSale(pos.core.sale.Discount.amountMinor(10, "Staff"));
            pos.core.sale.Totals before = sale.totals();
            String id = sale.id().value();
            assertThat(sale.clerkId()).as("nobody signed in yet").isEmpty();
            assertThat(till.recovery.park()).isPresent();

            till.checkout.signedIn("c7", "Bea", "PIN");
            assertThat(till.recovery.recall(id)).isTrue();
            pos.core.sale.Sale back = till.checkout.sale();
            assertThat(back.id().value()).isEqualTo(id);
            assertThat(back.totals()).as("same total, tax per rate and discounts").isEqualTo(before);
            assertThat(back.lineDiscount(1)).contains(pos.core.sale.Discount.percent(1000, "Damaged pack"));
            assertThat(back.overrideReason(2)).contains("Price match");
            assertThat(back.saleDiscount()).contains(pos.core.sale.Discount.amountMinor(10, "Staff"));
            assertThat(back.clerkId()).as("sold by the clerk signed in now").contains("c7");
            assertThat(back.clerkName()).contains("Bea");
            assertThat(back.audit()).extracting(a -> a.kind()).containsExactly(AuditKind.SALE_PARKED, AuditKind.SALE_RECALLED);
            assertThat(back.audit().get(1).clerkId()).as("the recall names who recalled it").isEqualTo("c7");
        }
    }

    @Test
    @DisplayName("Issue 12.7 nothing is left half-done: a second kept sale is parked, a cash sale paid but not journaled is journaled")
    void keptSalesBesideTheCounterAreNotLost() {
        java.time.Instant now = java.time.Instant.now();
        String counter;
        String second;
        String paidCash;
        try (Till till = new Till()) {
            till.checkout.scan(MILK);
            counter = till.checkout.sale().id().value();
            pos.core.sale.Sale other = new pos.core.sale.Sale(new TransactionId.Generator(Clock.systemUTC()).next(),
                    till.checkout.currency(), now);
            other.addPieces(till.checkout.cart().catalog().products().get(1), 2);
            second = other.id().value();
            pos.core.sale.Sale paid = new pos.core.sale.Sale(new TransactionId.Generator(Clock.systemUTC()).next(),
                    till.checkout.currency(), now);
            paid.addPieces(till.checkout.cart().catalog().products().get(2), 1);
            paid.beginTender();
            paid.payCash(pos.core.money.Money.ofMinor(1000, till.checkout.currency()), now);
            paidCash = paid.id().value();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> till.store.load().isPresent());
            till.store.save(pos.core.sale.SaleSnapshot.of(paid, "till-a", java.util.List.of(), now));
            till.store.save(pos.core.sale.SaleSnapshot.of(other, "till-a", java.util.List.of(), now));
        }
        try (Till till = new Till()) {
            assertThat(till.checkout.sale().id().value()).as("the newest kept sale is on the counter").isEqualTo(second);
            assertThat(till.recovery.parked()).extracting(SqliteOpenSales.Parked::transactionId).containsExactly(counter);
            assertThat(till.journal.find(paidCash)).as("the paid cash sale is journaled").isPresent();
            assertThat(till.store.loadAll()).extracting(pos.core.sale.SaleSnapshot::transactionId).containsExactly(second);
        }
    }
}
