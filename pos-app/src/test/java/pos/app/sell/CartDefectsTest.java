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
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.sale.TransactionId;

/** Issue 11 defects 4, 11 and 14 in the cart and search part, driven without a window. */
class CartDefectsTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final TaxClass STD = new TaxClass("STD", 2000);
    static final TaxClass RED = new TaxClass("RED", 700);
    static final Product MILK = new Product("1001", "4006381333931", "Whole milk 1 L", Money.ofMinor(119, EUR), RED, SaleUnit.PIECE, null, "dairy");
    static final Product WINE = new Product("1002", "96385074", "Red wine", Money.ofMinor(899, EUR), STD, SaleUnit.PIECE, null, "alcohol");
    static final Product BANANAS = new Product("1003", "4000000000013", "Bananas bunch", Money.ofMinor(199, EUR), RED, SaleUnit.PIECE, null, "fruit");
    static final Product APPLES = new Product("5001", null, "Apples loose", Money.ofMinor(299, EUR), RED, SaleUnit.KILOGRAM, "00042", "produce");
    static final String UNKNOWN_EAN = "4012345678901";

    final FakeJournal journal = new FakeJournal();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    SellViewModel model;

    @BeforeEach
    void setUp() {
        Catalog catalog = new Catalog(List.of(MILK, WINE, BANANAS, APPLES), VariableMeasureLayout.DEFAULT);
        model = new SellViewModel(catalog, journal, new FakeSyncMonitor(), new FakePaymentDesk(), new TransactionId.Generator(clock), clock,
                "till-7", EUR, new MoneyFormat(Locale.US), pos.app.i18n.Texts.forLocale(Locale.US),
                TaskExecutor.sameThread(), UiThread.sameThread());
    }

    private List<String> names() {
        return model.cart().rows().stream().map(CartRow::name).toList();
    }

    private String selectedName() {
        CartRow row = model.cart().selectedRowProperty().get();
        return row == null ? null : row.name();
    }

    private void select(String name) {
        model.cart().selectedRowProperty().set(model.cart().rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow());
    }

    private void type(String text) {
        model.cart().entryTextProperty().set(text);
        model.cart().submitEntry();
    }

    // ---------------------------------------------------------------- defect 4

    @Test
    @DisplayName("issue 11 defect 4: after a void the selection stays where it was (the next line, or the previous one after the last)")
    void defect4_afterAVoidTheSelectionStaysAtTheSamePosition() {
        model.handleScan(MILK.gtin());
        model.handleScan(WINE.gtin());
        model.handleScan(BANANAS.gtin());
        model.handleScan(UNKNOWN_EAN); // nothing added
        assertThat(names()).containsExactly("Whole milk 1 L", "Red wine", "Bananas bunch");

        select("Whole milk 1 L");
        model.cart().removeSelectedLine();
        assertThat(selectedName()).as("the line that moved up into the voided line's place").isEqualTo("Red wine");

        select("Bananas bunch");
        model.cart().removeSelectedLine();
        assertThat(selectedName()).as("the last line was voided: the one before it").isEqualTo("Red wine");

        model.cart().removeSelectedLine();
        assertThat(model.cart().rows()).isEmpty();
        assertThat(model.cart().selectedRowProperty().get()).isNull();
    }

    // ---------------------------------------------------------------- defect 11

    @Test
    @DisplayName("issue 11 defect 11: 12* then a scan adds twelve pieces in one line")
    void defect11_aTypedQuantityThenAScanAddsThatMany() {
        model.cart().entryTextProperty().set("12*");
        assertThat(model.messageProperty().get()).contains("12");
        model.handleScan(MILK.gtin());
        assertThat(model.cart().rows()).singleElement().satisfies(r -> {
            assertThat(r.name()).isEqualTo("Whole milk 1 L");
            assertThat(r.quantity()).isEqualTo("12");
            assertThat(r.total()).isEqualTo("€14.28");
        });
        assertThat(model.cart().entryTextProperty().get()).as("the quantity was used up").isEmpty();
        model.handleScan(WINE.gtin());
        assertThat(model.cart().rows()).last().satisfies(r -> assertThat(r.quantity()).isEqualTo("1"));
    }

    @Test
    @DisplayName("issue 11 defect 11: 3*code and Enter adds three; *5 and Enter makes the selected line five")
    void defect11_aTypedQuantityWithACodeAndAStarQuantityForTheSelectedLine() {
        type("3*" + WINE.code());
        assertThat(model.cart().rows()).singleElement().satisfies(r -> assertThat(r.quantity()).isEqualTo("3"));
        assertThat(model.cart().entryTextProperty().get()).isEmpty();

        model.handleScan(MILK.gtin());
        select("Red wine");
        type("*5");
        assertThat(model.cart().rows()).extracting(CartRow::name, CartRow::quantity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Red wine", "5"), org.assertj.core.groups.Tuple.tuple("Whole milk 1 L", "1"));
        assertThat(model.messageProperty().get()).isEqualTo("Red wine: quantity 5");
        assertThat(model.cart().entryTextProperty().get()).isEmpty();

        type("*0");
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.cart().rows()).first().satisfies(r -> assertThat(r.quantity()).isEqualTo("5"));
    }

    @Test
    @DisplayName("issue 11 defect 11: a quantity is refused for a weighed item, which is one label, one line")
    void defect11_aTypedQuantityIsRefusedForAWeighedItem() {
        model.cart().entryTextProperty().set("4*");
        model.handleScan(VariableMeasureLayout.encode("21", "00042", 1500));
        assertThat(model.cart().rows()).isEmpty();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).contains("Apples loose").contains("weigh");
    }

    @Test
    @DisplayName("issue 11 defect 11: the same product scanned again joins its line (store default); weighed items never merge")
    void defect11_theSameProductScannedAgainJoinsItsLine() {
        model.handleScan(MILK.gtin());
        model.handleScan(WINE.gtin());
        model.handleScan(MILK.gtin());
        assertThat(model.cart().rows()).extracting(CartRow::name, CartRow::quantity).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Whole milk 1 L", "2"), org.assertj.core.groups.Tuple.tuple("Red wine", "1"));
        assertThat(selectedName()).as("the line that changed is selected").isEqualTo("Whole milk 1 L");

        String label = VariableMeasureLayout.encode("21", "00042", 1500);
        model.handleScan(label);
        model.handleScan(label);
        assertThat(names()).containsExactly("Whole milk 1 L", "Red wine", "Apples loose", "Apples loose");
    }

    @Test
    @DisplayName("issue 11 defect 11: a store that does not merge gets a line per scan (the domain still joins a repeat of the line just before)")
    void defect11_aStoreThatDoesNotMergeGetsALinePerScan() {
        model.checkout().cart().mergeSameProduct(false);
        model.handleScan(MILK.gtin());
        model.handleScan(WINE.gtin());
        model.handleScan(MILK.gtin());
        assertThat(names()).containsExactly("Whole milk 1 L", "Red wine", "Whole milk 1 L");
    }

    @Test
    @DisplayName("issue 11 defect 11: an unknown code is offered as an open-price item; the clerk types the price; the line says so")
    void defect11_anUnknownCodeCanBeSoldAsAnOpenPriceItem() {
        model.handleScan(UNKNOWN_EAN);
        assertThat(model.cart().rows()).isEmpty();
        assertThat(model.messageProperty().get()).contains(UNKNOWN_EAN).contains("open-price").contains("price");

        type("2.50");
        assertThat(model.cart().rows()).singleElement().satisfies(r -> {
            assertThat(r.name()).startsWith("Open price").contains(UNKNOWN_EAN);
            assertThat(r.total()).isEqualTo("€2.50");
            assertThat(r.openPrice()).isTrue();
        });
        assertThat(model.cart().entryTextProperty().get()).isEmpty();

        model.handleScan(MILK.gtin());
        type("3.00");
        assertThat(model.cart().rows()).as("the offer ended with the next scan: 3.00 is no open price now").hasSize(2);
    }

    // ---------------------------------------------------------------- defect 14

    @Test
    @DisplayName("issue 11 defect 14: a 3-character scanner read is refused with a sentence, never a name search that adds")
    void defect14_aShortScannerReadIsRefused() {
        model.handleScan("NaN");
        assertThat(model.cart().rows()).isEmpty();
        assertThat(model.cart().searchResults()).isEmpty();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).startsWith("That scan").contains("too short").contains("NaN");
    }

    @Test
    @DisplayName("issue 11 defect 14: typed words show the matches; a product is added only once the clerk has seen it")
    void defect14_aNameSearchAddsOnlyWhatTheClerkHasSeen() {
        type("nan");
        assertThat(model.cart().rows()).as("the one match is shown, not added").isEmpty();
        assertThat(model.cart().searchResults()).containsExactly(BANANAS);
        assertThat(model.messageProperty().get()).contains("Enter");
        model.cart().submitEntry();
        assertThat(names()).containsExactly("Bananas bunch");
        assertThat(model.cart().entryTextProperty().get()).isEmpty();
    }

    @Test
    @DisplayName("issue 11 defect 14: a card number typed into the search is masked in the message and the field is cleared")
    void defect14_aCardNumberTypedIntoTheSearchIsMaskedAndCleared() {
        for (String card : List.of("4111111111111111", "4111 1111 1111 1111")) {
            type(card);
            assertThat(model.cart().entryTextProperty().get()).isEmpty();
            assertThat(model.messageProperty().get()).doesNotContain("4111111111111111").doesNotContain("4111 1111")
                    .contains("•••• 1111");
            assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
            assertThat(model.cart().rows()).isEmpty();
        }
    }

    @Test
    @DisplayName("issue 11 defect 14: typed text is answered \"That entry…\", a scanner read \"That scan…\"")
    void defect14_typedTextIsAnEntryAndAScannerReadIsAScan() {
        String tooLong = "A".repeat(60);
        type(tooLong);
        assertThat(model.messageProperty().get()).startsWith("That entry");
        model.handleScan(tooLong);
        assertThat(model.messageProperty().get()).startsWith("That scan");

        type("4006381333932"); // a wrong check digit, typed
        assertThat(model.messageProperty().get()).startsWith("That entry").doesNotContain("Scan it again");
        model.handleScan("4006381333932");
        assertThat(model.messageProperty().get()).contains("Scan it again");
    }

    @Test
    @DisplayName("issue 11 defect 14: a right-to-left override typed or scanned is echoed marked, not raw")
    void defect14_aRightToLeftOverrideIsNeverEchoedRaw() {
        type("\u202Ewine");
        assertThat(model.messageProperty().get()).doesNotContain("\u202E").contains("\uFFFDwine");
        model.handleScan("\u202E4006381333931");
        assertThat(model.messageProperty().get()).doesNotContain("\u202E").contains("\uFFFD4006381333931");
    }
}
