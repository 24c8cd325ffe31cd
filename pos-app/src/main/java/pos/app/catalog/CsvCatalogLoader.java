package pos.app.catalog;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.text.ClerkEcho;

/**
 * Reads a catalog from the CSV format of {@code assets/catalog/sample-catalog.csv}: header lines
 * {@code # currency=EUR} and {@code # tax_classes=STD:2000,RED:700}, then
 * {@code code,gtin,name,price_minor,tax_class,unit,plu,category} rows, read by commons-csv (RFC 4180:
 * quoted fields with commas, doubled quotes and line breaks; CRLF or LF; a UTF-8 byte order mark is
 * skipped). A bad row stops the load with its line number: a till must not sell from half a catalog.
 * Stateless and thread-safe.
 */
public final class CsvCatalogLoader {

    /** The sample catalog bundled with the till, used when no catalog is configured. */
    public static final String BUNDLED_SAMPLE = "/pos/app/catalog/sample-catalog.csv";

    private static final List<String> HEADER = List.of("code", "gtin", "name", "price_minor", "tax_class", "unit", "plu", "category");
    /**
     * RFC 4180 as spreadsheets write it (quotes doubled, CRLF or LF), '#' lines are settings or
     * comments, empty lines skipped; fields are not trimmed (a name may end in a space on purpose).
     */
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setCommentMarker('#').setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(false).get();

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
        Reader reader = withoutByteOrderMark(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        Currency currency = null;
        Map<String, TaxClass> taxClasses = new HashMap<>();
        List<Product> products = new ArrayList<>();
        boolean headerSeen = false;
        try (CSVParser parser = CSVParser.builder().setReader(reader).setFormat(FORMAT).get()) {
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord record;
                try {
                    if (!records.hasNext()) {
                        break;
                    }
                    record = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    // an unterminated quote, a stray character after a closing quote
                    Throwable why = e.getCause() != null ? e.getCause() : e;
                    throw new CatalogLoadException(sourceName + " line " + Math.max(1, parser.getCurrentLineNumber())
                            + ": not valid CSV (" + why.getMessage() + "); a field with a comma or a quote must be in"
                            + " double quotes, its quotes doubled", e);
                }
                long lineNo = parser.getCurrentLineNumber();
                if (record.hasComment()) {
                    for (String comment : record.getComment().split("\n")) {
                        String setting = comment.strip();
                        if (setting.startsWith("currency=")) {
                            currency = readCurrency(sourceName, setting.substring("currency=".length()).strip());
                        } else if (setting.startsWith("tax_classes=")) {
                            readTaxClasses(sourceName, setting.substring("tax_classes=".length()), taxClasses);
                        }
                    }
                }
                if (record.size() == 1 && record.get(0).isBlank()) {
                    continue; // a line of spaces
                }
                if (!headerSeen) {
                    if (!HEADER.equals(record.toList().stream().map(String::strip).toList())) {
                        throw new CatalogLoadException(sourceName + " line " + lineNo + ": unexpected header '"
                                + ClerkEcho.safe(String.join(",", record.toList()), 120) + "'", null);
                    }
                    headerSeen = true;
                    continue;
                }
                if (currency == null) {
                    throw new CatalogLoadException(sourceName + ": no '# currency=XXX' line before the products", null);
                }
                try {
                    products.add(parse(record.toList(), currency, taxClasses));
                } catch (RuntimeException e) {
                    throw new CatalogLoadException(sourceName + " line " + lineNo + ": " + e.getMessage(), e);
                }
            }
        }
        if (!headerSeen) {
            throw new CatalogLoadException(sourceName + ": no header line '" + String.join(",", HEADER) + "'", null);
        }
        try {
            return new Catalog(products, layout);
        } catch (IllegalArgumentException e) {
            throw new CatalogLoadException(sourceName + ": " + e.getMessage(), e);
        }
    }

    private static Currency readCurrency(String sourceName, String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new CatalogLoadException(sourceName + ": '" + ClerkEcho.safe(code) + "' is not an ISO 4217 currency code", e);
        }
    }

    private static void readTaxClasses(String sourceName, String list, Map<String, TaxClass> into) {
        for (String part : list.split(",")) {
            String[] kv = part.strip().split(":");
            try {
                into.put(kv[0], new TaxClass(kv[0], Integer.parseInt(kv[1].strip())));
            } catch (RuntimeException e) {
                throw new CatalogLoadException(sourceName + ": tax class '" + ClerkEcho.safe(part.strip())
                        + "' is not CODE:BASIS_POINTS (e.g. STD:2000)", e);
            }
        }
    }

    /** Spreadsheet programs on Windows save "CSV UTF-8" with a byte order mark; it is not part of the first line. */
    private static Reader withoutByteOrderMark(BufferedReader reader) throws IOException {
        reader.mark(1);
        if (reader.read() != '\uFEFF') {
            reader.reset();
        }
        return reader;
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
}
