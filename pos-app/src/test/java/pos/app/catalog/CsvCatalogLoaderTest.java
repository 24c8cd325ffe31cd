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
}
