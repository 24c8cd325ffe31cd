package pos.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.money.Money;

class CatalogTest {

    static final TaxClass STD = new TaxClass("STD", 2000);
    static final Product MILK = new Product("1001", "4006381333931", "Whole milk 1 L", Money.ofMinor(119, "EUR"), STD, SaleUnit.PIECE, null, "dairy");
    static final Product GUM = new Product("1002", "96385074", "Chewing gum", Money.ofMinor(99, "EUR"), STD, SaleUnit.PIECE, null, "sweets");
    static final Product SODA = new Product("1003", "0036000291452", "Cola 0.5 L", Money.ofMinor(150, "EUR"), STD, SaleUnit.PIECE, null, "drinks");
    static final Product APPLES = new Product("2001", null, "Apples", Money.ofMinor(299, "EUR"), STD, SaleUnit.KILOGRAM, "00042", "fruit");
    static final Product CHEESE = new Product("2002", null, "Cheese counter", Money.ofMinor(0, "EUR"), STD, SaleUnit.PIECE, "00077", "dairy");

    final Catalog catalog = new Catalog(List.of(MILK, GUM, SODA, APPLES, CHEESE), VariableMeasureLayout.DEFAULT);

    @Test
    void findsPieceProductsByEan13Ean8UpcAAndInternalCode() {
        assertThat(catalog.lookup("4006381333931")).isEqualTo(new Lookup.Piece(MILK));
        assertThat(catalog.lookup("96385074")).isEqualTo(new Lookup.Piece(GUM));
        assertThat(catalog.lookup("036000291452")).isEqualTo(new Lookup.Piece(SODA));
        assertThat(catalog.lookup("1002")).isEqualTo(new Lookup.Piece(GUM));
        assertThat(catalog.lookup("  1001 ")).isEqualTo(new Lookup.Piece(MILK));
    }

    @Test
    void readsTheWeightFromAScaleLabel() {
        String label = VariableMeasureLayout.encode("21", "00042", 1250);
        assertThat(catalog.lookup(label)).isEqualTo(new Lookup.Weighed(APPLES, 1250));
    }

    @Test
    void readsThePriceFromAPriceLabel() {
        String label = VariableMeasureLayout.encode("23", "00077", 745);
        assertThat(catalog.lookup(label)).isEqualTo(new Lookup.Priced(CHEESE, Money.ofMinor(745, "EUR")));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            4006381333932, BAD_CHECK_DIGIT
            '',            EMPTY
            '12 34',       BAD_CHARACTERS
            '<script>',    BAD_CHARACTERS
            '1001;DROP',   BAD_CHARACTERS
            2100042000001, ZERO_WEIGHT
            """)
    void refusesCodesThatCannotBeProductsWithAReason(String code, Lookup.InvalidCodeReason reason) {
        assertThat(catalog.lookup(code)).isInstanceOfSatisfying(Lookup.Invalid.class, i -> assertThat(i.reason()).isEqualTo(reason));
    }

    @Test
    @org.junit.jupiter.api.DisplayName("issue 11 defect 13: a code typed in a full-width input method is the code it looks like")
    void findsCodesTypedInFullWidth() {
        assertThat(catalog.lookup("４００６３８１３３３９３１")).isEqualTo(new Lookup.Piece(MILK));
        assertThat(catalog.lookup("\u3000１００２\u3000")).isEqualTo(new Lookup.Piece(GUM));
        assertThat(catalog.lookup("①②③④")).isInstanceOfSatisfying(Lookup.Invalid.class,
                i -> assertThat(i.reason()).isEqualTo(Lookup.InvalidCodeReason.BAD_CHARACTERS));
        assertThat(catalog.lookup("\u202E4006381333931")).isInstanceOfSatisfying(Lookup.Invalid.class,
                i -> assertThat(i.reason()).isEqualTo(Lookup.InvalidCodeReason.BAD_CHARACTERS));
    }

    @Test
    void refusesOversizedInputWithoutEchoingAllOfIt() {
        Lookup result = catalog.lookup("9".repeat(100_000));
        assertThat(result).isInstanceOfSatisfying(Lookup.Invalid.class, i -> {
            assertThat(i.reason()).isEqualTo(Lookup.InvalidCodeReason.TOO_LONG);
            assertThat(i.code().length()).isLessThan(60);
        });
    }

    @Test
    void unknownValidCodesAreNotFound() {
        assertThat(catalog.lookup("5901234123457")).isEqualTo(new Lookup.NotFound("5901234123457"));
        assertThat(catalog.lookup(VariableMeasureLayout.encode("21", "99999", 100))).isInstanceOf(Lookup.NotFound.class);
    }

    @Test
    void searchMatchesEveryWordOfTheNameOrTheStartOfTheCode() {
        assertThat(catalog.search("milk", 10)).containsExactly(MILK);
        assertThat(catalog.search("COLA l", 10)).containsExactly(SODA);
        assertThat(catalog.search("100", 10)).containsExactly(MILK, GUM, SODA);
        assertThat(catalog.search("100", 2)).hasSize(2);
        assertThat(catalog.search("  ", 10)).isEmpty();
    }
}
