package pos.app.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.config.ConfigException;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.sync.journal.SqliteSaleJournal;

/**
 * Issue 14 point 4: "usable (sell screen or sign-in shown and accepting a scan) within 1.5 s ... nothing slow on the
 * FX thread": the launcher reads the catalog and opens the journal on a thread of its own while JavaFX starts, and
 * the till's build takes them from there, once, for the configuration they were begun with.
 */
@DisplayName("EarlyStart (issue 14: catalog and journal opened while JavaFX starts)")
class EarlyStartTest {

    @TempDir
    Path dir;

    TillConfig config(Path dataDir) {
        return new ConfigLoader().load(null, Map.of(), Map.of("pos.data.dir", dataDir.toString(), "pos.demo", "true"),
                Path.of(System.getProperty("user.home")));
    }

    @Test
    @DisplayName("the till gets the catalog and the open journal begun for its configuration, once")
    void theTillTakesWhatWasBegunForItOnce() {
        TillConfig config = config(dir.resolve("data"));
        AtomicInteger loads = new AtomicInteger();
        Catalog sample = new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT);
        EarlyStart.begin(config, () -> {
            loads.incrementAndGet();
            return sample;
        });

        assertThat(EarlyStart.catalogFor(config)).containsSame(sample);
        try (SqliteSaleJournal journal = EarlyStart.journalFor(config).orElseThrow()) {
            assertThat(journal.file()).isEqualTo(dir.resolve("data").resolve(SqliteSaleJournal.FILE_NAME));
            assertThat(Files.exists(journal.file())).isTrue();
            assertThat(journal.count()).isZero();
        }
        assertThat(loads).hasValue(1);
        // a second till in the same process (the set-up opened again) opens its own
        assertThat(EarlyStart.catalogFor(config)).isEmpty();
        assertThat(EarlyStart.journalFor(config)).isEmpty();
    }

    @Test
    @DisplayName("a till built with another data directory opens its own journal; the early one is not handed out")
    void anotherDataDirectoryGetsNothing() {
        EarlyStart.begin(config(dir.resolve("first")), () -> new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT));

        assertThat(EarlyStart.journalFor(config(dir.resolve("second")))).isEmpty();
        assertThat(EarlyStart.catalogFor(config(dir.resolve("second")))).isPresent(); // the same bundled catalog
    }

    @Test
    @DisplayName("a catalog that failed early fails the till's catalog step with the same exception")
    void anEarlyFailureIsTheStepsFailure() {
        TillConfig config = config(dir.resolve("data"));
        ConfigException broken = new ConfigException("the catalog /nowhere.csv does not exist", null);
        EarlyStart.begin(config, () -> {
            throw broken;
        });

        assertThatThrownBy(() -> EarlyStart.catalogFor(config)).isSameAs(broken);
        EarlyStart.journalFor(config).orElseThrow().close();
    }
}
