package pos.sync.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.catalog.TaxClass;
import pos.core.pay.PaymentStatus;
import pos.core.pay.RefundAnswer;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.journal.PaymentEventKind;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.ChildJvm;

/**
 * Issue 12 point 7: "A till SIGKILLed after a QR payment succeeded but before the sale was journaled
 * offers, after restart, to finish or refund it; both paths tested." The till is a real child JVM with
 * the real journal and open-sale store, paid through the real sandbox gateway, killed with SIGKILL.
 */
@DisplayName("Issue 12.7 a payment taken before the till was killed is finished or refunded after the restart")
class PaymentRecoveryTest {

    private static final Duration CHILD_TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    static Path ledgerDir;
    static SandboxGateway sandbox;

    @TempDir
    Path dataDir;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(71).build().start();
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    /** Runs the till until its QR payment is PAID and journaled, then SIGKILLs it: answers the payment id. */
    private String paidThenKilled(String tillId) {
        try (ChildJvm till = ChildJvm.start(dataDir.resolve("child.log"), PaidThenKilledMain.class, dataDir.toString(),
                sandbox.baseUri().toString(), tillId)) {
            String line = till.awaitLine(CHILD_TIMEOUT, l -> l.startsWith("PAID "));
            till.kill();
            assertThat(till.isAlive()).isFalse();
            return line.split(" ")[1];
        }
    }

    @Test
    @DisplayName("FINISH: the kept open sale of three lines is journaled with the QR tender, and the payment is not listed again")
    void finishJournalsTheKeptSaleWithTheQrTender() {
        String payment = paidThenKilled("till-fin");
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                SqliteOpenSales store = SqliteOpenSales.open(journal)) {
            assertThat(journal.count()).as("the sale was never journaled").isZero();
            PaymentRecovery recovery = new PaymentRecovery(journal, store, new SandboxPaymentGateway(sandbox.baseUri()),
                    "till-fin", Clock.systemUTC());
            List<UnfinishedPayment> unfinished = recovery.scan();
            assertThat(unfinished).singleElement().satisfies(p -> {
                assertThat(p.paymentId()).isEqualTo(payment);
                assertThat(p.amount().minorUnits()).isEqualTo(2 * 109 + 250 + 399);
                assertThat(p.sale()).as("the open sale kept for it").hasValueSatisfying(s -> assertThat(s.lines()).hasSize(3));
            });
            String saleId = unfinished.get(0).sale().orElseThrow().transactionId();

            SaleRecord finished = recovery.finish(unfinished.get(0), "Recovered payment", new TaxClass("STD", 1900), "c1", "Ann");

            assertThat(finished.transactionId()).as("the same sale, with its own id").isEqualTo(saleId);
            assertThat(finished.state()).isEqualTo(SaleState.PAID);
            assertThat(finished.lines()).extracting(SaleRecord.Line::name).containsExactly("Milk 1 l", "Bread", "Green tea");
            assertThat(finished.tenders()).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo(TenderType.QR);
                assertThat(t.reference()).isEqualTo(payment);
                assertThat(t.amountMinor()).isEqualTo(finished.totalMinor());
            });
            assertThat(finished.audit()).anySatisfy(a -> assertThat(a.subject()).isEqualTo(payment));
            assertThat(journal.find(saleId)).isPresent();
            assertThat(store.load()).as("the open sale is cleared once journaled").isEmpty();
            assertThat(recovery.scan()).as("a finished payment is not listed again").isEmpty();
        }
        // and not after another restart either
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                SqliteOpenSales store = SqliteOpenSales.open(journal)) {
            assertThat(new PaymentRecovery(journal, store, null, "till-fin", Clock.systemUTC()).scan()).isEmpty();
            assertThat(journal.count()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("REFUND: the money goes back through the sandbox once, PAYMENT_REFUNDED is journaled, nothing is listed again")
    void refundGivesTheMoneyBackOnce() {
        String payment = paidThenKilled("till-ref");
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                SqliteOpenSales store = SqliteOpenSales.open(journal)) {
            PaymentRecovery recovery = new PaymentRecovery(journal, store, new SandboxPaymentGateway(sandbox.baseUri()),
                    "till-ref", Clock.systemUTC());
            UnfinishedPayment unfinished = recovery.scan().get(0);
            assertThat(unfinished.paymentId()).isEqualTo(payment);

            RefundAnswer answer = recovery.refund(unfinished, "c1");
            RefundAnswer again = recovery.refund(unfinished, "c1"); // a second press, or a retry after a lost answer

            assertThat(answer.done()).isTrue();
            assertThat(again.refundId()).as("the same refund number refunds once").isEqualTo(answer.refundId());
            assertThat(sandbox.ledger().order(payment)).hasValueSatisfying(o -> {
                assertThat(o.refundedMinor()).isEqualTo(o.chargedMinor());
                assertThat(o.refundedMinor()).isEqualTo(unfinished.amount().minorUnits());
            });
            assertThat(journal.paymentEvents(payment)).anySatisfy(e -> {
                assertThat(e.kind()).isEqualTo(PaymentEventKind.PAYMENT_REFUNDED);
                assertThat(e.status()).isEqualTo(PaymentStatus.REFUNDED);
            });
            assertThat(journal.count()).as("no sale is made of a refunded payment").isZero();
            assertThat(store.load()).as("the refunded customer's kept sale is set aside").isEmpty();
            assertThat(recovery.scan()).isEmpty();
        }
    }

    @Test
    @DisplayName("FINISH without a kept sale: one line 'Recovered payment' for the amount, with the gateway tender")
    void finishWithoutTheKeptSaleRecordsARecoveredPaymentLine() {
        String payment = paidThenKilled("till-lost");
        try (SqliteSaleJournal journal = SqliteSaleJournal.open(dataDir);
                SqliteOpenSales store = SqliteOpenSales.open(journal)) {
            store.clearAll(); // the open sale was lost (e.g. the crash came before it was written)
            PaymentRecovery recovery = new PaymentRecovery(journal, store, null, "till-lost", Clock.systemUTC());
            UnfinishedPayment unfinished = recovery.scan().get(0);
            assertThat(unfinished.sale()).isEmpty();

            SaleRecord finished = recovery.finish(unfinished, "Recovered payment", new TaxClass("STD", 1900), null, null);

            assertThat(finished.lines()).singleElement().satisfies(l -> {
                assertThat(l.name()).isEqualTo("Recovered payment");
                assertThat(l.lineTotalMinor()).isEqualTo(unfinished.amount().minorUnits());
            });
            assertThat(finished.tenders()).singleElement().satisfies(t -> assertThat(t.reference()).isEqualTo(payment));
            assertThat(recovery.scan()).isEmpty();
        }
    }
}
