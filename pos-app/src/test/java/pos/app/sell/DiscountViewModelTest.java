package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.app.checkout.CartRow;
import pos.app.checkout.MessageKind;
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
import pos.core.sale.CashRounding;
import pos.core.sale.SaleRecord;
import pos.core.sale.TransactionId;

/**
 * Issue 12 point 4: the discount entry on a till without clerks (no approvals): type {@code 10%} or
 * {@code 2.50} (full-width digits too), pick a reason with Alt+n or type one, Enter applies, Esc
 * leaves, 0 takes it off; the cart shows the discount as a sub-line and the totals the discount
 * total; cash rounding shows on the cash panel and in the record.
 */
@DisplayName("issue 12: the discount entry")
class DiscountViewModelTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final TaxClass RED = new TaxClass("RED", 700);
    static final Product MILK = new Product("1001", "4006381333931", "Whole milk 1 L", Money.ofMinor(119, EUR), RED,
            SaleUnit.PIECE, null, "dairy");
    static final Product WINE = new Product("1002", "96385074", "Red wine", Money.ofMinor(899, EUR), STD, SaleUnit.PIECE,
            null, "alcohol");
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    final Clock clock = Clock.fixed(Instant.parse("2026-12-06T09:00:00Z"), ZoneOffset.UTC);
    final FakeJournal journal = new FakeJournal();
    SellViewModel model;
    DiscountViewModel discount;

    @BeforeEach
    void setUp() {
        model = new SellViewModel(new Catalog(List.of(MILK, WINE), VariableMeasureLayout.DEFAULT), journal,
                new FakeSyncMonitor(), new FakePaymentDesk(), new TransactionId.Generator(clock), clock, "till-7", EUR,
                new MoneyFormat(Locale.US), TEXT, TaskExecutor.sameThread(), UiThread.sameThread());
        discount = model.discount();
    }

    private void selectLine(String name) {
        model.cart().selectedRowProperty().set(model.cart().rows().stream().filter(r -> r.name().equals(name))
                .findFirst().orElseThrow());
    }

    @Test
    void nothingToDiscountInAnEmptySale() {
        discount.openLine();
        assertThat(discount.visibleProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).isEqualTo("Scan an item first: there is nothing to discount yet.");
    }

    @Test
    @DisplayName("F3, full-width 10％, Alt+3 Loyalty, Enter: the line shows its discount, the totals the discount total")
    void lineDiscountWithFullWidthDigits() {
        model.handleScan("96385074");
        model.handleScan("96385074"); // 2 × 8.99 = 17.98
        selectLine("Red wine");
        discount.openLine();
        assertThat(discount.visibleProperty().get()).isTrue();
        assertThat(discount.titleTextProperty().get()).isEqualTo("Line discount (F3)");
        assertThat(discount.targetTextProperty().get()).isEqualTo("Line 1: Red wine, €17.98");
        assertThat(discount.reasons()).startsWith("Alt+1 Damaged", "Alt+2 Price match", "Alt+3 Loyalty");

        discount.amountTextProperty().set("１０％");
        discount.pickReason(2);
        assertThat(discount.reasonTextProperty().get()).isEqualTo("Loyalty");
        discount.apply();

        assertThat(discount.visibleProperty().get()).isFalse();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.SUCCESS);
        assertThat(model.messageProperty().get()).isEqualTo("Discount 10 % (Loyalty) given: −€1.80. The sale is now €16.18.");
        CartRow row = model.cart().rows().get(0);
        assertThat(row.total()).isEqualTo("€16.18");
        assertThat(row.discount()).isEqualTo("−10 % (Loyalty) −€1.80");
        assertThat(model.cart().totalTextProperty().get()).isEqualTo("€16.18");
        assertThat(model.cart().discountTextProperty().get()).isEqualTo("Discounts −€1.80");
        assertThat(model.currentSale().audit()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(AuditKind.LINE_DISCOUNT);
            assertThat(e.subject()).isEqualTo("1");
            assertThat(e.amountMinor()).isEqualTo(180);
            assertThat(e.reason()).isEqualTo("Loyalty");
            assertThat(e.approverId()).isNull();
        });
    }

    @Test
    @DisplayName("Shift+F3 2.00 with a typed reason; the sale discount is spread and shown in the totals")
    void saleDiscountWithTypedReason() {
        model.handleScan("96385074");
        model.handleScan("4006381333931");
        discount.openSale();
        assertThat(discount.targetTextProperty().get()).isEqualTo("The whole sale, €10.18");
        discount.amountTextProperty().set("2.00");
        discount.apply();
        assertThat(model.messageProperty().get()).isEqualTo("Pick a reason (Alt+1…5) or type one, then press Enter.");
        assertThat(discount.visibleProperty().get()).isTrue();
        discount.reasonTextProperty().set("birthday");
        discount.apply();
        assertThat(model.cart().totalTextProperty().get()).isEqualTo("€8.18");
        assertThat(model.cart().discountTextProperty().get()).isEqualTo("Discounts −€2.00 · sale −€2.00 (birthday)");
        assertThat(model.currentSale().totals().lines()).extracting(p -> p.saleShare().minorUnits())
                .containsExactly(177L, 23L); // 2.00 × 8.99/10.18 = 1.766 → 1.77; 2.00 × 1.19/10.18 = 0.234 → 0.23
    }

    @Test
    @DisplayName("wrong input says what to type; Esc leaves without a change; 0 takes the discount off")
    void wrongInputEscAndRemoval() {
        model.handleScan("96385074");
        selectLine("Red wine");
        discount.openLine();
        discount.amountTextProperty().set("150%");
        discount.pickReason(0);
        discount.apply();
        assertThat(model.messageProperty().get()).isEqualTo("150% is more than 100 %. Type a percentage up to 100%.");
        discount.amountTextProperty().set("abc");
        discount.apply();
        assertThat(model.messageProperty().get()).isEqualTo("abc is not an amount. Type it like 2.50, or a percentage like 10%.");
        discount.leave();
        assertThat(discount.visibleProperty().get()).isFalse();
        assertThat(model.currentSale().total().minorUnits()).isEqualTo(899);

        discount.openLine();
        discount.amountTextProperty().set("1.00");
        discount.pickReason(0);
        discount.apply();
        assertThat(model.currentSale().total().minorUnits()).isEqualTo(799);
        discount.openLine();
        assertThat(discount.currentTextProperty().get()).isEqualTo("Now: €1.00 (Damaged)");
        discount.amountTextProperty().set("0");
        discount.apply();
        assertThat(model.currentSale().total().minorUnits()).isEqualTo(899);
        assertThat(model.cart().discountTextProperty().get()).isEmpty();
        assertThat(model.currentSale().audit()).extracting(e -> e.kind().name() + " " + e.amountMinor() + " " + e.reason())
                .containsExactly("LINE_DISCOUNT 100 Damaged", "LINE_DISCOUNT 0 removed: Damaged");
    }

    @Test
    @DisplayName("an entry left open when a tender opens is gone for good: Esc back to the cart does not bring it back")
    void leftOpenEntryIsClosedByATender() {
        model.handleScan("96385074");
        discount.openSale();
        assertThat(discount.visibleProperty().get()).isTrue();
        model.cash().open();
        assertThat(discount.visibleProperty().get()).isFalse();
        model.backToCart();
        assertThat(discount.visibleProperty().get()).isFalse();
        assertThat(model.checkout().discounts().isOpen()).isFalse();
    }

    @Test
    @DisplayName("Alt+O sets a new unit price; the list price is kept and shown struck-through as 'was'")
    void priceOverride() {
        model.handleScan("96385074");
        selectLine("Red wine");
        discount.openOverride();
        assertThat(discount.targetTextProperty().get()).isEqualTo("Line 1: Red wine, list price €8.99");
        discount.amountTextProperty().set("10%");
        discount.pickReason(1);
        discount.apply();
        assertThat(model.messageProperty().get()).contains("A new price is an amount");
        discount.amountTextProperty().set("7.50");
        discount.apply();
        assertThat(model.messageProperty().get()).isEqualTo("Red wine: price changed from €8.99 to €7.50.");
        assertThat(model.cart().rows().get(0).discount()).isEqualTo("was €8.99 · Price match");
        assertThat(model.currentSale().listPrice(1).minorUnits()).isEqualTo(899);
        assertThat(model.currentSale().audit()).singleElement()
                .satisfies(e -> assertThat(e.kind()).isEqualTo(AuditKind.PRICE_OVERRIDE));
    }

    @Test
    @DisplayName("cash rounding to 0.05: the cash panel shows the rounded due and the rounding line; the record keeps it")
    void cashRounding() {
        model.checkout().cash().use(new CashRounding(5));
        model.handleScan("96385074");
        model.handleScan("4006381333931"); // 10.18 → 10.20
        model.cash().open();
        assertThat(model.cash().dueTextProperty().get()).isEqualTo("€10.20");
        assertThat(model.cash().roundingTextProperty().get()).isEqualTo("Cash rounding €0.02 (exact total €10.18)");
        model.cash().exact();
        assertThat(model.cash().tenderedTextProperty().get()).isEqualTo("10.20");
        model.cash().tenderedTextProperty().set("20");
        model.cash().confirm();
        SaleRecord record = journal.records.get(0);
        assertThat(record.totalMinor()).isEqualTo(1018);
        assertThat(record.roundingMinor()).isEqualTo(2);
        assertThat(record.paidMinor()).isEqualTo(1020);
        assertThat(record.tenders().get(0).changeMinor()).isEqualTo(980);
    }
}
