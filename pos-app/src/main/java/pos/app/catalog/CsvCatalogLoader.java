package pos.app.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;

/**
 * Reads a catalog from the CSV format of {@code assets/catalog/sample-catalog.csv}: header lines
 * {@code # currency=EUR} and {@code # tax_classes=STD:2000,RED:700}, then
 * {@code code,gtin,name,price_minor,tax_class,unit,plu,category} rows (names may be quoted).
 * A bad row stops the load with its line number: a till must not sell from half a catalog.
 * Stateless and thread-safe.
 */
public final class CsvCatalogLoader {

    /** The sample catalog bundled with the till, used when no catalog is configured. */
    public static final String BUNDLED_SAMPLE = "/pos/app/catalog/sample-catalog.csv";

    public Catalog load(Path file, VariableMeasureLayout layout) {
        try (InputStream in = Files.newInputStream(file)) {
            return load(in, file.toString(), layout);
        } catch (IOException e) {
            throw new CatalogLoadException("cannot read catalog " + file + ": " + e.getMessage(), e);
        }
    }

    public Catalog loadBundledSample(VariableMeasureLayout layout) {
        InputStream in = CsvCatalogLoader.class.getResourceAsStream(BUNDLED_SAMPLE);
        if (in == null) {
            throw new CatalogLoadException("the bundled sample catalog is missing from the build (" + BUNDLED_SAMPLE + ")", null);
        }
        try (in) {
            return load(in, "bundled sample catalog", layout);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Catalog load(InputStream in, String sourceName, VariableMeasureLayout layout) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        Currency currency = null;
        Map<String, TaxClass> taxClasses = new HashMap<>();
        List<Product> products = new ArrayList<>();
        boolean headerSeen = false;
        String line;
        int lineNo = 0;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith("#")) {
                String setting = line.substring(1).strip();
                if (setting.startsWith("currency=")) {
                    currency = Currency.getInstance(setting.substring("currency=".length()).strip());
                } else if (setting.startsWith("tax_classes=")) {
                    for (String part : setting.substring("tax_classes=".length()).split(",")) {
                        String[] kv = part.strip().split(":");
                        taxClasses.put(kv[0], new TaxClass(kv[0], Integer.parseInt(kv[1])));
                    }
                }
                continue;
            }
            if (!headerSeen) {
                if (!line.strip().equals("code,gtin,name,price_minor,tax_class,unit,plu,category")) {
                    throw new CatalogLoadException(sourceName + " line " + lineNo + ": unexpected header '" + line + "'", null);
                }
                headerSeen = true;
                continue;
            }
            if (currency == null) {
                throw new CatalogLoadException(sourceName + ": no '# currency=XXX' line before the products", null);
            }
            try {
                products.add(parse(splitCsv(line), currency, taxClasses));
            } catch (RuntimeException e) {
                throw new CatalogLoadException(sourceName + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        try {
            return new Catalog(products, layout);
        } catch (IllegalArgumentException e) {
            throw new CatalogLoadException(sourceName + ": " + e.getMessage(), e);
        }
    }

    private static Product parse(List<String> f, Currency currency, Map<String, TaxClass> taxClasses) {
        if (f.size() != 8) {
            throw new IllegalArgumentException("expected 8 fields, found " + f.size());
        }
        TaxClass tax = taxClasses.get(f.get(4));
        if (tax == null) {
            throw new IllegalArgumentException("unknown tax class '" + f.get(4) + "'");
        }
        return new Product(f.get(0), emptyToNull(f.get(1)), f.get(2),
                Money.ofMinor(Long.parseLong(f.get(3)), currency), tax, SaleUnit.valueOf(f.get(5)),
                emptyToNull(f.get(6)), f.get(7));
    }

    private static String emptyToNull(String s) {
        return s.isBlank() ? null : s.strip();
    }

    static List<String> splitCsv(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }
}
