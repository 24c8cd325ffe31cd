package pos.sync.recovery;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.pay.QrOrder;
import pos.core.sale.Sale;
import pos.core.sale.SaleSnapshot;
import pos.core.sale.TransactionId;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.journal.PaymentEvent;
import pos.sync.journal.PaymentEventKind;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.SandboxCustomer;

/**
 * A till cut off between a QR payment and its sale (a child JVM of {@link PaymentRecoveryTest}): it keeps
 * an open sale of three lines in the real open-sale store, takes a QR payment for it through the real
 * sandbox gateway (the customer pays), journals the payment PAID as the desk does, prints
 * {@code PAID <payment> SALE <sale>} and waits to be killed with SIGKILL: its sale is never journaled.
 *
 * <p>Arguments: data directory, sandbox base URL, till id.
 */
public final class PaidThenKilledMain {

    private PaidThenKilledMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dataDir = Path.of(args[0]);
        URI sandboxUrl = URI.create(args[1]);
        String tillId = args[2];
        Clock clock = Clock.systemUTC();
        Currency eur = Currency.getInstance("EUR");
        TransactionId.Generator ids = new TransactionId.Generator(clock);
        SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
        SqliteOpenSales store = SqliteOpenSales.open(journal);
        TaxClass std = new TaxClass("STD", 1900);
        Sale sale = new Sale(ids.next(), eur, clock.instant());
        sale.addPieces(new Product("MILK", "4098369006029", "Milk 1 l", Money.ofMinor(109, eur), std, SaleUnit.PIECE, null, "dairy"), 2);
        sale.addPieces(new Product("BREAD", null, "Bread", Money.ofMinor(250, eur), std, SaleUnit.PIECE, null, "bakery"), 1);
        sale.addPieces(new Product("TEA", null, "Green tea", Money.ofMinor(399, eur), new TaxClass("RED", 700),
                SaleUnit.PIECE, null, "drinks"), 1);
        sale.beginTender();
        TransactionId payment = ids.next();
        store.save(SaleSnapshot.of(sale, tillId, List.of(payment.value()), clock.instant()));

        SandboxPaymentGateway gateway = new SandboxPaymentGateway(sandboxUrl);
        PaymentOrder order = new PaymentOrder(payment, tillId, PaymentMethod.QR_SHOWN, sale.due(), tillId + ", 4 items",
                clock.instant());
        journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_PENDING, order, PaymentStatus.PENDING,
                "STARTING", null, null, clock.instant()));
        QrOrder qr = gateway.createQrOrder(order, "http://127.0.0.1:9/notify");
        new SandboxCustomer(sandboxUrl).pays(qr.codeUrl());
        org.awaitility.Awaitility.await("the sandbox reports payment " + payment + " paid").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> gateway.query(payment.value()).status() == PaymentStatus.SUCCESS);
        Instant paidAt = clock.instant();
        journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_RESULT, order, PaymentStatus.SUCCESS, "PAID",
                null, null, paidAt));
        journal.appendPaymentEvent(new PaymentEvent(PaymentEventKind.PAYMENT_SETTLED, order, PaymentStatus.SUCCESS, "PAID",
                null, null, paidAt));
        System.out.println("PAID " + payment.value() + " SALE " + sale.id().value());
        System.out.flush();
        new CountDownLatch(1).await(); // the sale is never journaled: SIGKILL comes first
    }
}
