package pos.app.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.config.ConfigLoader;
import pos.app.config.SetupMode;
import pos.app.config.TillConfig;
import pos.app.setup.SetupViewModel.Step;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.people.Role;

/**
 * Issue 14 point 2: "First run: a new data directory opens a set-up screen (keyboard-only, every step skippable for a
 * demo): language; store name, address and tax number (for receipts); till id; currency and locale; hub address with
 * a live connection test; catalog import (CSV) or the demo catalog; ... the first supervisor. Everything it writes goes
 * into the configuration file that --config reads". The view model without a window, on real files, a real SQLite
 * people store and a real HTTP server.
 */
class SetupViewModelTest {

    final Path home = Path.of("/home/nobody-here");
    final List<SetupViewModel.Result> results = new ArrayList<>();

    TillConfig load(Path dataDir, Map<String, String> environment) {
        return new ConfigLoader().load(null, environment, Map.of("pos.data.dir", dataDir.toString()), home);
    }

    SetupViewModel model(TillConfig config) {
        return new SetupViewModel(config, new SetupWriter(config), new HubProbe(Duration.ofSeconds(3)),
                TaskExecutor.sameThread(), UiThread.sameThread(), results::add);
    }

    static final ResourceBundle ZH = ResourceBundle.getBundle("pos.app.i18n.messages", Locale.SIMPLIFIED_CHINESE);
    static final ResourceBundle EN = ResourceBundle.getBundle("pos.app.i18n.messages", Locale.US);

    @Test
    @DisplayName("issue 14.1: a new data directory wants the set-up; a journal, the configuration file or pos.setup=off do not")
    void aNewDataDirectoryWantsTheSetUp(@TempDir Path dir) throws IOException {
        Path fresh = dir.resolve("fresh");
        assertThat(FirstRun.wanted(load(fresh, Map.of()))).isTrue();
        assertThat(load(fresh, Map.of()).configFile()).isEqualTo(fresh.resolve("till.properties").toAbsolutePath());
        assertThat(load(fresh, Map.of("POS_SETUP", "off")).setup()).isEqualTo(SetupMode.OFF);
        assertThat(FirstRun.wanted(load(fresh, Map.of("POS_SETUP", "off")))).as("POS_SETUP=off").isFalse();
        assertThat(load(fresh, Map.of("POS_SETUP", "off")).demo()).as("pos.setup is no store configuration").isTrue();

        Path used = Files.createDirectories(dir.resolve("used"));
        Files.writeString(used.resolve(pos.sync.journal.SqliteSaleJournal.FILE_NAME), "");
        assertThat(FirstRun.wanted(load(used, Map.of()))).as("a till that has sold before").isFalse();

        Path configured = Files.createDirectories(dir.resolve("configured"));
        Files.writeString(configured.resolve("till.properties"), "pos.demo=true\npos.till.id=front-9\npos.setup=off\n");
        TillConfig config = load(configured, Map.of());
        assertThat(config.tillId()).as("the data directory's till.properties is read without --config").isEqualTo("front-9");
        assertThat(FirstRun.wanted(config)).isFalse();
        assertThat(load(configured, Map.of("POS_TILL_ID", "env-till")).tillId()).as("file < environment").isEqualTo("env-till");
    }

    @Test
    @DisplayName("issue 14.1: with --config FILE the set-up writes FILE: an empty one is made for it; a missing one is refused")
    void anEmptyConfigFileIsFilledByTheSetUp(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("etc").resolve("front.properties");
        Map<String, String> options = Map.of("pos.data.dir", dir.resolve("data").toString());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new ConfigLoader().load(file, Map.of(), options, home))
                .hasMessageContaining("does not exist").hasMessageContaining("touch " + file);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "# to be filled by the set-up\n");
        TillConfig config = new ConfigLoader().load(file, Map.of(), options, home);
        assertThat(config.configFile()).isEqualTo(file.toAbsolutePath());
        assertThat(config.demo()).as("an empty file configures nothing").isTrue();
        assertThat(FirstRun.wanted(config)).isTrue();
        SetupViewModel model = model(config);
        model.skip();
        model.skip();
        model.tillIdProperty().set("etc-till");
        model.next();
        while (model.stepProperty().get() != Step.FINISH) {
            model.skip();
        }
        model.next();
        assertThat(results).singleElement().extracting(SetupViewModel.Result::configFile).isEqualTo(file.toAbsolutePath());
        assertThat(new ConfigLoader().load(file, Map.of(), options, home).tillId()).isEqualTo("etc-till");
        assertThat(dir.resolve("data").resolve("till.properties")).as("only FILE is written").doesNotExist();
    }

    @Test
    @DisplayName("issue 14.2: Chinese switches the set-up's texts at once; Enter, skip (F8) and back (Esc) walk the steps")
    void theStepsGoOnSkipAndGoBack(@TempDir Path dir) {
        SetupViewModel model = model(load(dir, Map.of()));
        assertThat(model.stepProperty().get()).isEqualTo(Step.LANGUAGE);
        assertThat(model.text().getString("setup.next")).isEqualTo(EN.getString("setup.next"));
        model.choose(2);
        assertThat(model.languageProperty().get()).isEqualTo(SetupViewModel.Language.CHINESE);
        assertThat(model.text().getString("setup.next")).as("the set-up speaks Chinese at once").isEqualTo(ZH.getString("setup.next"))
                .isNotEqualTo(EN.getString("setup.next"));
        assertThat(model.moneyProperty().get()).as("a Chinese store sells in yuan").isEqualTo(SetupViewModel.Money.CNY);
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.STORE);
        model.back();
        assertThat(model.stepProperty().get()).isEqualTo(Step.LANGUAGE);
        model.back(); // the first step: nothing before it, no cancel on a first run
        assertThat(model.stepProperty().get()).isEqualTo(Step.LANGUAGE);
        for (int i = 0; i < Step.values().length - 1; i++) {
            model.skip();
        }
        assertThat(model.stepProperty().get()).isEqualTo(Step.FINISH);
        assertThat(model.skipped(Step.HUB)).isTrue();
        assertThat(model.summaryProperty().get()).contains(ZH.getString("setup.summary.skipped"));
        model.skip(); // nothing to skip on the summary
        assertThat(model.stepProperty().get()).isEqualTo(Step.FINISH);
    }

    @Test
    @DisplayName("issue 14.2: a bad till id, a short or repeated-wrong PIN and a hub address that is no URL are said, and the step stays")
    void badInputIsSaidAndTheStepStays(@TempDir Path dir) {
        SetupViewModel model = model(load(dir, Map.of()));
        model.next(); // English
        model.next(); // store, empty
        model.tillIdProperty().set("front till");
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.TILL);
        assertThat(model.messageProperty().get()).contains("1 to 32");
        model.tillIdProperty().set("front-2");
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.CURRENCY);
        model.next();
        model.hubAddressProperty().set("10.0.0.5 port 8480");
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.HUB);
        assertThat(model.hubResultProperty().get()).startsWith("Not a URL");
        model.skip();
        model.skip(); // catalog
        model.skip(); // printer
        model.skip(); // scanner
        assertThat(model.stepProperty().get()).isEqualTo(Step.SUPERVISOR);
        model.supervisorNameProperty().set("Ana");
        model.pinProperty().set("1234");
        model.pinAgainProperty().set("1234");
        model.next();
        assertThat(model.messageProperty().get()).isEqualTo("A supervisor's PIN is 6 to 12 digits.");
        model.pinProperty().set("246810");
        model.pinAgainProperty().set("246811");
        model.next();
        assertThat(model.messageProperty().get()).contains("differ");
        assertThat(model.stepProperty().get()).isEqualTo(Step.SUPERVISOR);
        model.pinAgainProperty().set("246810");
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.FINISH);
    }

    @Test
    @DisplayName("issue 14.2: an imported CSV is checked with the catalog loader: its error names the line; another currency is refused")
    void anImportedCatalogIsChecked(@TempDir Path dir) throws IOException {
        SetupViewModel model = model(load(dir.resolve("till"), Map.of()));
        toStep(model, Step.CATALOG);
        model.choose(2);
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "# currency=EUR\n# tax_classes=STD:2000\ncode,gtin,name,price_minor,tax_class,unit,plu,category\n"
                + "1,,Tea,120,STD,PIECE,,drinks\n2,,Coffee,lots,STD,PIECE,,drinks\n");
        model.catalogPathProperty().set(bad.toString());
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.CATALOG);
        assertThat(model.messageProperty().get()).startsWith("This catalog cannot be used").contains("line 5");

        Path dollars = dir.resolve("usd.csv");
        Files.writeString(dollars, "# currency=USD\n# tax_classes=STD:0\ncode,gtin,name,price_minor,tax_class,unit,plu,category\n"
                + "1,,Tea,120,STD,PIECE,,drinks\n");
        model.catalogPathProperty().set(dollars.toString());
        model.next();
        assertThat(model.messageProperty().get()).contains("USD").contains("EUR");
        assertThat(model.stepProperty().get()).isEqualTo(Step.CATALOG);

        Path euros = dir.resolve("eur.csv");
        Files.writeString(euros, Files.readString(dollars).replace("USD", "EUR"));
        model.catalogPathProperty().set(euros.toString());
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.PRINTER);
        finish(model);
        Path copied = dir.resolve("till").resolve(SetupWriter.CATALOG_FILE);
        assertThat(copied).as("the catalog is copied into the data directory").hasSameTextualContentAs(euros);
        assertThat(load(dir.resolve("till"), Map.of()).catalogFile()).contains(copied.toAbsolutePath());
    }

    @Test
    @DisplayName("issue 14.2: the whole set-up in Chinese writes till.properties (comments, atomically), the Chinese demo"
            + " catalog and the supervisor; ConfigLoader reads it back")
    void theFileWrittenIsReadBackByTheConfigLoader(@TempDir Path dir) throws IOException {
        Path dataDir = dir.resolve("new-till");
        TillConfig config = load(dataDir, Map.of());
        SetupViewModel model = model(config);
        model.choose(2);
        model.next();
        model.storeNameProperty().set("街角便利店");
        model.storeAddressProperty().set("北京市朝阳区|建国路 1 号");
        model.taxNumberProperty().set("91110000MA01ABCD2X");
        model.next();
        model.tillIdProperty().set("front-2");
        model.next();
        model.next(); // CNY
        model.skip(); // no hub
        model.next(); // the demo catalog
        model.choose(2); // printer later
        model.next();
        model.skip(); // scanner
        model.supervisorNameProperty().set("王芳");
        model.pinProperty().set("246810");
        model.pinAgainProperty().set("246810");
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.FINISH);
        model.next();

        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.configFile()).isEqualTo(dataDir.resolve("till.properties").toAbsolutePath());
            assertThat(result.openPrinterSettings()).isFalse();
            assertThat(result.openScannerSetup()).isFalse();
        });
        assertThat(model.pinProperty().get()).as("the PIN is not kept").isEmpty();
        String written = Files.readString(dataDir.resolve("till.properties"), StandardCharsets.UTF_8);
        assertThat(written).contains("# pos.store.name: ", "pos.store.name=街角便利店", "pos.locale=zh-CN", "pos.till.id=front-2",
                "pos.demo=true").doesNotContain("pos.hub.url").doesNotContain("246810");
        try (var files = Files.list(dataDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").noneMatch(n -> n.endsWith(".tmp"));
        }

        TillConfig after = load(dataDir, Map.of());
        assertThat(after.locale()).isEqualTo(Locale.SIMPLIFIED_CHINESE);
        assertThat(after.tillId()).isEqualTo("front-2");
        assertThat(after.demo()).isTrue();
        assertThat(after.receipt().header()).isEqualTo(new pos.core.receipt.StoreHeader("街角便利店",
                List.of("北京市朝阳区", "建国路 1 号"), "91110000MA01ABCD2X"));
        assertThat(after.hubUrl()).isEmpty();
        var catalog = new CsvCatalogLoader().load(after.catalogFile().orElseThrow(), VariableMeasureLayout.DEFAULT);
        assertThat(catalog.products().get(0).unitPrice().currency().getCurrencyCode()).isEqualTo("CNY");
        assertThat(catalog.products()).extracting(pos.core.catalog.Product::name).contains("纯牛奶 250 mL");
        assertThat(FirstRun.wanted(after)).as("the set-up does not open again by itself").isFalse();
        try (var people = pos.sync.people.TillPeople.open(dataDir, pos.sync.people.PrintKeys.configuredOrIn(
                after.printKeys(), dataDir), null, java.time.Clock.systemUTC(), (pos.sync.hub.HubClient) null,
                pos.app.start.StoreClients.streamSigner(after))) {
            assertThat(people.clerks()).singleElement().satisfies(clerk -> {
                assertThat(clerk.name()).isEqualTo("王芳");
                assertThat(clerk.role()).isEqualTo(Role.SUPERVISOR);
            });
        }
    }

    @Test
    @DisplayName("issue 14.2: opened again, the set-up keeps the settings it does not ask for, and what was skipped")
    void settingsTheSetUpDoesNotKnowAreKept(@TempDir Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("till.properties"), "# by hand\npos.demo=true\npos.cart.merge=false\n"
                + "pos.store.name=Old Name\npos.redis.url=redis://10.0.0.5:6379\npos.scanner.prefix=\\u0002\n");
        TillConfig config = load(dataDir, Map.of());
        assertThat(config.redisUrl()).contains("redis://10.0.0.5:6379");
        SetupViewModel model = model(config);
        assertThat(model.storeNameProperty().get()).as("the set-up starts from the file").isEqualTo("Old Name");
        model.skip(); // language
        model.skip(); // store
        model.tillIdProperty().set("back-office");
        model.next();
        while (model.stepProperty().get() != Step.FINISH) {
            model.skip();
        }
        model.next();
        assertThat(results).hasSize(1);
        TillConfig after = load(dataDir, Map.of());
        assertThat(after.tillId()).isEqualTo("back-office");
        assertThat(after.redisUrl()).contains("redis://10.0.0.5:6379");
        assertThat(after.cartMerge()).isFalse();
        assertThat(after.scannerPrefix()).isEqualTo("\u0002");
        assertThat(after.receipt().header().name()).isEqualTo("Old Name");
        assertThat(after.locale()).as("the language step skipped").isEqualTo(Locale.US);
    }

    @Test
    @DisplayName("issue 14.2: printer and scanner: Enter opens the printer settings (test page) and the scanner set-up"
            + " (\"scan this code\") over the sell screen after the set-up; skipped or 'later', neither")
    void thePrinterAndScannerStepsOpenTheirScreensAfterTheSetUp(@TempDir Path dir) {
        SetupViewModel model = model(load(dir.resolve("a"), Map.of()));
        toStep(model, Step.PRINTER);
        model.next();
        model.next();
        assertThat(model.stepProperty().get()).isEqualTo(Step.SUPERVISOR);
        finish(model);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.openPrinterSettings()).isTrue();
            assertThat(result.openScannerSetup()).isTrue();
        });
        results.clear();
        SetupViewModel later = model(load(dir.resolve("b"), Map.of()));
        toStep(later, Step.PRINTER);
        later.choose(2); // later
        later.next();
        later.skip();
        finish(later);
        assertThat(results).singleElement().satisfies(result -> {
            assertThat(result.openPrinterSettings()).isFalse();
            assertThat(result.openScannerSetup()).isFalse();
        });
    }

    @Test
    @DisplayName("issue 14.2: Chinese chosen, then the language step skipped: the till's language stays as it was")
    void aSkippedLanguageStepWritesNoLanguage(@TempDir Path dataDir) {
        SetupViewModel everythingSkipped = model(load(dataDir, Map.of()));
        everythingSkipped.choose(2);
        while (everythingSkipped.stepProperty().get() != Step.FINISH) {
            everythingSkipped.skip();
        }
        assertThat(everythingSkipped.choices().locale()).as("nothing taken: no locale written").isNull();

        SetupViewModel model = model(load(dataDir, Map.of()));
        model.choose(2);
        model.skip();
        model.skip(); // store
        model.skip(); // till
        model.next(); // currency: CNY, chosen with Chinese
        while (model.stepProperty().get() != Step.FINISH) {
            model.skip();
        }
        assertThat(model.choices().locale()).as("an English till selling in yuan").isEqualTo(Locale.forLanguageTag("en-CN"));
        assertThat(model.choices().currency().getCurrencyCode()).isEqualTo("CNY");
    }

    @Test
    @DisplayName("issue 14.2: the hub's live test says reached (a real HTTP server), refused (a closed port), not a URL")
    void theHubTestSaysWhatItFound(@TempDir Path dir) throws Exception {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        try {
            SetupViewModel model = model(load(dir, Map.of()));
            toStep(model, Step.HUB);
            String hub = "http://127.0.0.1:" + server.getAddress().getPort();
            model.hubAddressProperty().set(hub + "/");
            model.next();
            assertThat(model.stepProperty().get()).as("Enter tests a new address first").isEqualTo(Step.HUB);
            assertThat(model.hubResultProperty().get()).startsWith("Reached").contains("HTTP 200");
            model.hubAddressProperty().set("http://127.0.0.1:" + closedPort);
            model.testHub();
            assertThat(model.hubResultProperty().get()).startsWith("Refused");
            model.hubAddressProperty().set(hub);
            model.next();
            model.next();
            assertThat(model.stepProperty().get()).isEqualTo(Step.CATALOG);
            assertThat(model.choices().hubUrl()).isEqualTo(hub);
        } finally {
            server.stop(0);
        }
        assertThat(new HubProbe(Duration.ofSeconds(1)).test("hub:8480").outcome()).isEqualTo(HubProbe.Outcome.NOT_A_URL);
        assertThat(new HubProbe(Duration.ofSeconds(3)).test("http://no-such-hub.invalid:8480").outcome())
                .isEqualTo(HubProbe.Outcome.UNKNOWN_HOST);
    }

    private static void toStep(SetupViewModel model, Step step) {
        while (model.stepProperty().get() != step) {
            model.next();
            assertThat(model.messageProperty().get()).as("no problem on the way to " + step).isEmpty();
        }
    }

    private static void finish(SetupViewModel model) {
        while (model.stepProperty().get() != Step.FINISH) {
            model.skip();
        }
        model.next();
    }
}
