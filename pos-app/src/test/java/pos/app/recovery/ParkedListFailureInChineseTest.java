package pos.app.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.Locale;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.catalog.CsvCatalogLoader;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutText;
import pos.app.i18n.Texts;
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
 * Issue 14 point 3: "every screen, message […] in a zh_CN bundle": when the parked sales cannot be listed (the
 * till's database refuses), a Chinese clerk reads a Chinese sentence naming what failed, the database's own words
 * only as its detail (before, the exception's English message was all the screen said).
 */
class ParkedListFailureInChineseTest {

    @TempDir
    Path dataDir;

    @Test
    @DisplayName("Issue 14.3: the parked sales cannot be listed: the till says so in Chinese")
    void theParkedListFailureIsSaidInChinese() {
        Locale zh = Locale.SIMPLIFIED_CHINESE;
        Clock clock = Clock.systemUTC();
        SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
        SqliteOpenSales store = SqliteOpenSales.open(journal);
        Catalog catalog = new CsvCatalogLoader().loadBundledSample(VariableMeasureLayout.DEFAULT);
        Currency currency = catalog.products().get(0).unitPrice().currency();
        Checkout checkout = new Checkout(catalog, journal, null, new TransactionId.Generator(clock), clock, "till-a",
                currency, new MoneyFormat(zh), Texts.forLocale(zh), TaskExecutor.sameThread(), UiThread.sameThread());
        TillRecovery recovery = new TillRecovery(journal, store, new PaymentRecovery(journal, store, null, "till-a", clock),
                checkout, "till-a", clock);
        ParkedSalesViewModel list = new ParkedSalesViewModel(recovery,
                new CheckoutText(Texts.forLocale(zh), new MoneyFormat(zh)), ZoneOffset.UTC, TaskExecutor.sameThread(),
                UiThread.sameThread());
        store.close();
        journal.close();

        list.refresh();

        assertThat(list.messageProperty().get()).startsWith("无法列出本收银机挂起的交易：");
    }
}
