package pos.app.setup;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import pos.app.catalog.CatalogLoadException;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.config.TillConfig;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.people.Role;

/**
 * Writes what the first-run set-up chose (issue 14): the settings into the configuration file ({@link TillSettingsFile},
 * atomically, other settings kept), the catalog into the data directory ({@value #CATALOG_FILE}), the first supervisor
 * into the till's people store. The till's currency is its catalog's: the set-up makes the two agree (a Chinese till's
 * demo catalog prices in CNY). Blocking: call it off the FX thread. Not thread-safe.
 */
public final class SetupWriter {

    /** The catalog the set-up copies into the data directory. */
    public static final String CATALOG_FILE = "catalog.csv";
    /** The demo catalog with Chinese names and CNY prices (assets/catalog/sample-catalog-zh.csv). */
    public static final String CHINESE_DEMO = "/pos/app/catalog/sample-catalog-zh.csv";

    /** The store's receipt header. */
    public record Store(String name, String address, String taxNumber) {
    }

    /** The catalog chosen: the demo catalog in the till's currency, or a file to import. */
    public record CatalogChoice(Path importFile) {
        public static CatalogChoice demo() {
            return new CatalogChoice(null);
        }

        public static CatalogChoice imported(Path file) {
            return new CatalogChoice(Objects.requireNonNull(file, "file"));
        }

        public boolean isDemo() {
            return importFile == null;
        }
    }

    /**
     * What to write; null parts were skipped and stay as they were.
     *
     * @param locale         pos.locale
     * @param store          pos.store.name, .address, .taxNumber
     * @param tillId         pos.till.id
     * @param currency       the currency the till sells in (its catalog's)
     * @param hubUrl         pos.hub.url, "" for no hub
     * @param catalog        the catalog
     * @param supervisorName the first supervisor's name
     * @param supervisorPin  their PIN (cleared once written)
     */
    public record Choices(Locale locale, Store store, String tillId, Currency currency, String hubUrl, CatalogChoice catalog,
            String supervisorName, char[] supervisorPin) {

        void clearPin() {
            if (supervisorPin != null) {
                Arrays.fill(supervisorPin, '\0');
            }
        }
    }

    private final TillConfig config;
    private final TillSettingsFile file;

    public SetupWriter(TillConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.file = TillSettingsFile.open(config.configFile());
    }

    public TillSettingsFile file() {
        return file;
    }

    /** The currency of the configured catalog file (its {@code # currency=} line), or empty for the bundled demo. */
    public Optional<Currency> catalogCurrency() {
        return config.catalogFile().flatMap(SetupWriter::declaredCurrency);
    }

    private static Optional<Currency> declaredCurrency(Path catalog) {
        try (BufferedReader reader = Files.newBufferedReader(catalog, StandardCharsets.UTF_8)) {
            for (String line = reader.readLine(); line != null && line.startsWith("#"); line = reader.readLine()) {
                String setting = line.substring(1).strip();
                if (setting.startsWith("currency=")) {
                    return Optional.of(Currency.getInstance(setting.substring("currency=".length()).strip()));
                }
            }
            return Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            // the till reads the catalog at start and says what is wrong with it there; here only the currency is guessed
            org.slf4j.LoggerFactory.getLogger(SetupWriter.class).warn("the catalog {} names no currency the set-up can read",
                    catalog, e);
            return Optional.empty();
        }
    }

    /** The demo catalog pricing in {@code currency}: the bundled sample (EUR) or the Chinese one (CNY); else empty. */
    public static Optional<String> demoCatalog(Currency currency) {
        return switch (currency.getCurrencyCode()) {
            case "EUR" -> Optional.of(CsvCatalogLoader.BUNDLED_SAMPLE);
            case "CNY" -> Optional.of(CHINESE_DEMO);
            default -> Optional.empty();
        };
    }

    /**
     * Loads {@code file} as the till would and returns its currency.
     *
     * @throws CatalogLoadException naming the file and the line of the first problem
     */
    public static Currency checkCatalog(Path file) {
        Catalog catalog = new CsvCatalogLoader().load(file, VariableMeasureLayout.DEFAULT);
        if (catalog.products().isEmpty()) {
            throw new CatalogLoadException(file + ": no products", null);
        }
        return catalog.products().get(0).unitPrice().currency();
    }

    /**
     * The currency the till would sell in when a currency was chosen but the catalog step skipped and no demo catalog
     * prices in it: the catalog's, which differs; else empty.
     */
    public Optional<Currency> currencyMismatch(Choices choices) {
        if (choices.currency() == null || choices.catalog() != null) {
            return Optional.empty();
        }
        Optional<Currency> current = config.catalogFile().isPresent() ? catalogCurrency() : Optional.of(Currency.getInstance("EUR"));
        if (current.isEmpty() || current.get().equals(choices.currency())) {
            return Optional.empty();
        }
        return config.catalogFile().isEmpty() && demoCatalog(choices.currency()).isPresent() ? Optional.empty() : current;
    }

    /** Writes everything chosen. */
    public void write(Choices choices) {
        if (choices.locale() != null) {
            file.set("pos.locale", choices.locale().toLanguageTag());
        }
        if (choices.store() != null) {
            file.set("pos.store.name", choices.store().name());
            file.set("pos.store.address", choices.store().address());
            file.set("pos.store.taxNumber", choices.store().taxNumber());
        }
        if (choices.tillId() != null) {
            file.set("pos.till.id", choices.tillId());
        }
        if (choices.hubUrl() != null) {
            file.set("pos.hub.url", choices.hubUrl());
        }
        CatalogChoice catalog = choices.catalog();
        if (catalog == null && choices.currency() != null && config.catalogFile().isEmpty()
                && !choices.currency().getCurrencyCode().equals("EUR")) {
            catalog = CatalogChoice.demo(); // skipped, but the bundled demo prices in EUR: the demo in the chosen currency
        }
        if (catalog != null) {
            writeCatalog(catalog, choices.currency() != null ? choices.currency() : Currency.getInstance("EUR"));
        }
        if (file.get("pos.demo").isEmpty() && config.demo()) {
            file.set("pos.demo", "true"); // a demo till stays one: the file alone would otherwise make it a store's
        }
        if (choices.supervisorName() != null) {
            addSupervisor(choices.supervisorName(), choices.supervisorPin());
        }
        file.save();
    }

    private void writeCatalog(CatalogChoice catalog, Currency currency) {
        Path target = config.dataDir().resolve(CATALOG_FILE);
        if (catalog.isDemo()) {
            String resource = demoCatalog(currency).orElseThrow(() -> new IllegalStateException(
                    "no demo catalog prices in " + currency.getCurrencyCode()));
            if (resource.equals(CsvCatalogLoader.BUNDLED_SAMPLE)) {
                file.set("pos.catalog", ""); // the bundled sample, as with nothing configured
                return;
            }
            try (InputStream in = Objects.requireNonNull(SetupWriter.class.getResourceAsStream(resource), resource)) {
                copyAtomically(in, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the demo catalog to " + target + ": " + e.getMessage(), e);
            }
        } else {
            checkCatalog(catalog.importFile());
            try (InputStream in = Files.newInputStream(catalog.importFile())) {
                copyAtomically(in, target);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + catalog.importFile() + " to " + target + ": " + e.getMessage(), e);
            }
        }
        file.set("pos.catalog", target.toString());
    }

    private static void copyAtomically(InputStream in, Path target) throws IOException {
        AtomicFiles.replace(target, in);
    }

    private void addSupervisor(String name, char[] pin) {
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + config.dataDir() + ": " + e.getMessage(), e);
        }
        pos.sync.people.PrintKeys keys = pos.sync.people.PrintKeys.configuredOrIn(config.printKeys(), config.dataDir());
        try (pos.sync.people.TillPeople people = pos.sync.people.TillPeople.open(config.dataDir(), keys, null,
                Clock.systemDefaultZone(), (pos.sync.hub.HubClient) null, pos.app.start.StoreClients.streamSigner(config))) {
            people.addClerk(name, Role.SUPERVISOR, pin);
        }
    }
}
