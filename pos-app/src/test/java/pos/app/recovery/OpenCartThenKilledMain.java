package pos.app.recovery;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.CountDownLatch;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.checkout.Checkout;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.sale.TransactionId;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.recovery.PaymentRecovery;
import pos.sync.recovery.SqliteOpenSales;

/**
 * A till with three lines in its cart, killed with SIGKILL (a child JVM of {@link OpenSaleRecoveryTest}
 * and the TestFX flow): the real checkout, journal and open-sale store, the real {@link OpenSaleKeeper}.
 * It scans the codes given, waits until the keeper has the cart on disk, prints {@code KEPT <sale id>}
 * and waits to be killed.
 *
 * <p>Arguments: data directory, till id, then the codes to scan.
 */
public final class OpenCartThenKilledMain {

    private OpenCartThenKilledMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        String tillId = args[1];
        Clock clock = Clock.systemUTC();
        Catalog catalog = new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT);
        Currency currency = catalog.products().get(0).unitPrice().currency();
        SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
        SqliteOpenSales store = SqliteOpenSales.open(journal);
        Checkout checkout = new Checkout(catalog, journal, null, new TransactionId.Generator(clock), clock, tillId, currency,
                new MoneyFormat(Locale.UK), pos.app.i18n.Texts.forLocale(Locale.UK),
                TaskExecutor.sameThread(), UiThread.sameThread());
        TillRecovery recovery = new TillRecovery(journal, store, new PaymentRecovery(journal, store, null, tillId, clock),
                checkout, tillId, clock);
        recovery.start();
        for (int i = 2; i < args.length; i++) {
            checkout.scan(args[i]);
        }
        int lines = checkout.sale().lines().size();
        org.awaitility.Awaitility.await("the keeper writes the cart").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> store.load().map(s -> s.lines().size()).orElse(0) == lines);
        System.out.println("KEPT " + checkout.sale().id().value());
        System.out.flush();
        new CountDownLatch(1).await(); // SIGKILL comes first
    }
}
