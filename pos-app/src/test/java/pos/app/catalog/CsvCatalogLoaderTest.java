package pos.app.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.catalog.Catalog;
import pos.core.catalog.Gtin;
import pos.core.catalog.Lookup;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.VariableMeasureLayout;

class CsvCatalogLoaderTest {

    final CsvCatalogLoader loader = new CsvCatalogLoader();

    @Test
    void theBundledSampleCatalogHasAtLeast200ValidProductsWithWeighedGoods() {
        Catalog catalog = loader.loadBundledSample(VariableMeasureLayout.DEFAULT);
        assertThat(catalog.size()).isGreaterThanOrEqualTo(200);
        assertThat(catalog.products()).filteredOn(p -> p.gtin() != null)
                .hasSizeGreaterThanOrEqualTo(200)
                .allSatisfy(p -> assertThat(Gtin.isValid(p.gtin())).isTrue());
        assertThat(catalog.products()).filteredOn(Product::soldByWeight).hasSizeGreaterThanOrEqualTo(3);
        assertThat(catalog.products()).extracting(p -> p.taxClass().code()).contains("STD", "RED");
        Product weighed = catalog.products().stream().filter(Product::soldByWeight).findFirst().orElseThrow();
        assertThat(catalog.lookup(VariableMeasureLayout.encode("21", weighed.plu(), 750)))
                .isEqualTo(new Lookup.Weighed(weighed, 750));
        assertThat(weighed.unit()).isEqualTo(SaleUnit.KILOGRAM);
    }

    @Test
    void aBadRowStopsTheLoadAndNamesItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.csv");
        Files.writeString(file, "# currency=EUR\n# tax_classes=STD:2000\ncode,gtin,name,price_minor,tax_class,unit,plu,category\n"
                + "1,4006381333931,Milk,119,STD,PIECE,,dairy\n2,4006381333932,Bad,1,STD,PIECE,,x\n");
        assertThatThrownBy(() -> loader.load(file, VariableMeasureLayout.DEFAULT))
                .isInstanceOf(CatalogLoadException.class).hasMessageContaining("line 5").hasMessageContaining("GTIN");
    }

    @Test
    void quotedNamesMayHoldCommas(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.csv");
        Files.writeString(file, "# currency=EUR\n# tax_classes=STD:2000\ncode,gtin,name,price_minor,tax_class,unit,plu,category\n"
                + "1,4006381333931,\"Milk, whole \"\"fresh\"\"\",119,STD,PIECE,,dairy\n");
        assertThat(loader.load(file, VariableMeasureLayout.DEFAULT).products()).singleElement()
                .satisfies(p -> assertThat(p.name()).isEqualTo("Milk, whole \"fresh\""));
    }

    static final String HEAD = "# currency=EUR\n# tax_classes=STD:2000\ncode,gtin,name,price_minor,tax_class,unit,plu,category\n";

    Catalog loadText(Path dir, String text) throws Exception {
        Path file = dir.resolve("c.csv");
        Files.writeString(file, text);
        return loader.load(file, VariableMeasureLayout.DEFAULT);
    }

    @Test
    void quotedFieldsMayHoldQuotesCommasAndLineBreaks(@TempDir Path dir) throws Exception {
        Catalog catalog = loadText(dir, HEAD + "1,4006381333931,\"Cheese \"\"Old, \nDutch\"\"\",119,STD,PIECE,,dairy\n"
                + "\"2\",\"\",\"Bread\",\"250\",STD,PIECE,\"\",bakery\n");
        assertThat(catalog.products()).extracting(Product::name).containsExactly("Cheese \"Old, \nDutch\"", "Bread");
        assertThat(catalog.products().get(1).gtin()).isNull();
    }

    @Test
    void aByteOrderMarkAndWindowsLineEndsAreRead(@TempDir Path dir) throws Exception {
        Catalog catalog = loadText(dir, "\uFEFF" + HEAD.replace("\n", "\r\n") + "1,4006381333931,Milk,119,STD,PIECE,,dairy\r\n\r\n"
                + "2,,Bread,250,STD,PIECE,,bakery\r\n");
        assertThat(catalog.products()).extracting(Product::name).containsExactly("Milk", "Bread");
        assertThat(catalog.products().get(0).unitPrice().currency().getCurrencyCode()).isEqualTo("EUR");
    }

    @Test
    void settingsAndCommentsMayStandBetweenRowsAndLineNumbersStayRight(@TempDir Path dir) {
        assertThatThrownBy(() -> loadText(dir, HEAD + "# a comment\n\n1,4006381333931,Milk,119,STD,PIECE,,dairy\n"
                + "\"2\",,\"Two\nlines\",1,STD,PIECE,,x\n3,,Bad,1,NOPE,PIECE,,x\n"))
                .isInstanceOf(CatalogLoadException.class).hasMessageContaining("line 9").hasMessageContaining("NOPE");
    }

    @Test
    void aHostileFileIsRefusedWithItsLineAndNothingIsLoaded(@TempDir Path dir) {
        assertThatThrownBy(() -> loadText(dir, HEAD + "1,4006381333931,\"Milk,119,STD,PIECE,,dairy\n"))
                .as("an unterminated quote").isInstanceOf(CatalogLoadException.class).hasMessageContaining("line");
        assertThatThrownBy(() -> loadText(dir, HEAD + "1,4006381333931,\"Milk\"x,119,STD,PIECE,,dairy\n"))
                .as("text after a closing quote").isInstanceOf(CatalogLoadException.class).hasMessageContaining("line 4");
        assertThatThrownBy(() -> loadText(dir, HEAD + "1,4006381333931,Milk,119,STD,PIECE,,dairy,extra\n"))
                .isInstanceOf(CatalogLoadException.class).hasMessageContaining("line 4").hasMessageContaining("expected 8 fields, found 9");
        assertThatThrownBy(() -> loadText(dir, HEAD + "1,4006381333931,Milk,99999999999999999999,STD,PIECE,,dairy\n"))
                .isInstanceOf(CatalogLoadException.class).hasMessageContaining("line 4");
        assertThatThrownBy(() -> loadText(dir, "# currency=EUR\ncode;gtin;name\n1;2;3\n"))
                .isInstanceOf(CatalogLoadException.class).hasMessageContaining("line 2").hasMessageContaining("unexpected header");
        assertThatThrownBy(() -> loadText(dir, "# currency=XYZW\n" + HEAD))
                .isInstanceOf(CatalogLoadException.class).hasMessageContaining("XYZW");
        assertThatThrownBy(() -> loadText(dir, "# tax_classes=STD\n" + HEAD))
                .isInstanceOf(CatalogLoadException.class).hasMessageContaining("CODE:BASIS_POINTS");
        assertThatThrownBy(() -> loadText(dir, "\u0000\u0001\u202E" + "x".repeat(100_000)))
                .isInstanceOf(CatalogLoadException.class).hasMessageContaining("line 1")
                .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300).doesNotContain("\u202E"));
        assertThatThrownBy(() -> loadText(dir, "")).isInstanceOf(CatalogLoadException.class).hasMessageContaining("no header");
    }
}
