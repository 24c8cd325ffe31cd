package pos.sync.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.QrOrder;
import pos.core.refund.ReturnQuote;
import pos.core.refund.ReturnRecord;
import pos.core.refund.ReturnRefusedException;
import pos.core.refund.ReturnRequest;
import pos.core.refund.Returnable;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.testing.SandboxCustomer;

/** Issue 12 point 3 against a real SQLite journal and the real sandbox gateway on a socket. */
class TillRefundsTest {

    @TempDir
    static Path ledgerDir;
    @TempDir
    Path dataDir;

    static SandboxGateway sandbox;
    static SandboxPaymentGateway gateway;
    /** Orders are made and paid through a patient client: only the refunds' timeouts are under test. */
    static SandboxPaymentGateway patient;
    static SandboxCustomer customer;
    static final TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());

    SqliteSaleJournal journal;
    SqliteRefundSteps steps;
    TillRefunds refunds;

    @BeforeAll
    static void startSandbox() {
        sandbox = SandboxGateway.builder().dataDir(ledgerDir).seed(12).build().start();
        gateway = new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(2), Duration.ofSeconds(1),
                Duration.ofMinutes(2), null);
        patient = new SandboxPaymentGateway(sandbox.baseUri());
        customer = new SandboxCustomer(sandbox.baseUri());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.close();
    }

    @BeforeEach
    void openJournal() {
        sandbox.setKnobs(Knobs.defaults());
        journal = SqliteSaleJournal.open(dataDir);
        steps = SqliteRefundSteps.open(journal, Clock.systemUTC());
        refunds = new TillRefunds(journal, steps, gateway, Clock.systemUTC(),
                new RefundSettings(3, Duration.ofMillis(50), Duration.ofMillis(200)));
    }

    @AfterEach
    void closeJournal() {
        steps.close();
        journal.close();
    }

    static List<SaleRecord.Line> twoLines() {
        return List.of(new SaleRecord.Line(1, "1000", "Bread", 2, 0, 150, 300, "RED", 150, 0, null, 700, 20),
                new SaleRecord.Line(2, "1001", "Milk 1 l", 3, 0, 119, 357, "RED", 119, 0, null, 700, 23));
    }

    static SaleRecord sale(String id, List<SaleRecord.Payment> tenders) {
        Instant now = Instant.now();
        return new SaleRecord(id, "till-1", SaleState.PAID, "EUR", 657, 43, now, now, twoLines(), tenders, "c1", "Ann",
                null, 0, null, 0, List.of());
    }

    /** A QR order of {@code amount} created and paid at the sandbox: its out_trade_no. */
    static String paidQrOrder(long amount) {
        PaymentOrder order = new PaymentOrder(ids.next(), "till-1", PaymentMethod.QR_SHOWN, Money.ofMinor(amount, "EUR"),
                "Store 1", Instant.now());
        QrOrder qr = patient.createQrOrder(order, "http://127.0.0.1:9/notify");
        customer.pays(qr.codeUrl());
        return order.outTradeNo();
    }

    StartedReturn start(ReturnQuote quote) {
        return new StartedReturn(quote, "till-1", "c2", null, null);
    }

    @Test
    @DisplayName("issue 12 Done when: a return of one of two lines of a cash sale refunds cash and is journaled")
    void oneOfTwoLinesOfACashSaleComesBackAsCash() {
        String saleId = ids.next().value();
        journal.append(sale(saleId, List.of(new SaleRecord.Payment(TenderType.CASH, 657, 1000, 343))));
        Returnable returnable = refunds.localSale(saleId).orElseThrow();
        String returnId = ids.next().value();

        ReturnRecord done = refunds.refund(start(returnable.quote(ReturnRequest.of(1, 2, "stale"), returnId)));

        assertThat(done.totalMinor()).isEqualTo(300);
        assertThat(done.refunds()).containsExactly(new ReturnRecord.Refund(TenderType.CASH, 300, null, null, null));
        assertThat(journal.findRecord(ReturnRecord.class, returnId)).contains(done);
        assertThat(refunds.localSale(saleId).orElseThrow().line(1).orElseThrow().left()).isZero();
        assertThat(refunds.localSale(saleId).orElseThrow().line(2).orElseThrow().left()).isEqualTo(3);
        assertThat(steps.steps(returnId)).extracting(RefundStep::kind).containsExactly(RefundStepKind.REFUND_DONE);
        assertThat(refunds.unfinished()).isEmpty();
    }

    @Test
    @DisplayName("issue 12 Done when: a QR sale refunds through the sandbox exactly once though the refund call times out and is retried")
    void aQrRefundThatTimesOutIsRetriedWithTheSameNumberAndRefundsOnce() {
        String outTradeNo = paidQrOrder(657);
        String saleId = ids.next().value();
        journal.append(sale(saleId, List.of(new SaleRecord.Payment(TenderType.QR, 657, 657, 0, outTradeNo))));
        long refundsBefore = sandbox.ledger().summary().refundsCount();
        sandbox.setKnobs(Knobs.defaults().withRefundTimeouts(1).withTimeoutDelayMs(2_500));
        String returnId = ids.next().value();
        ReturnQuote quote = refunds.localSale(saleId).orElseThrow().quote(ReturnRequest.of(2, 3, "sour"), returnId);

        ReturnRecord done = refunds.refund(start(quote));

        assertThat(sandbox.knobs().refundTimeouts()).as("the first refund call timed out").isZero();
        assertThat(done.refunds()).singleElement().satisfies(r -> {
            assertThat(r.type()).isEqualTo(TenderType.QR);
            assertThat(r.amountMinor()).isEqualTo(357);
            assertThat(r.refundNo()).isEqualTo(returnId + "-0");
            assertThat(r.originalReference()).isEqualTo(outTradeNo);
            assertThat(r.refundId()).isNotBlank();
        });
        assertThat(sandbox.ledger().summary().refundsCount()).as("the sandbox ledger shows one refund")
                .isEqualTo(refundsBefore + 1);
        assertThat(sandbox.ledger().order(outTradeNo).orElseThrow().refundedMinor()).isEqualTo(357);
        assertThat(steps.steps(returnId)).extracting(RefundStep::kind)
                .containsExactly(RefundStepKind.REFUND_ASKED, RefundStepKind.REFUND_DONE);

        // asked again (a double Enter, a restart): the journaled return, no second refund
        assertThat(refunds.refund(start(quote))).isEqualTo(done);
        assertThat(sandbox.ledger().summary().refundsCount()).isEqualTo(refundsBefore + 1);
    }

    @Test
    @DisplayName("issue 12 point 3: a gateway that never answers leaves the return unfinished; resuming it refunds once")
    void aReturnLeftUnfinishedIsResumedWithoutRefundingTwice() {
        String outTradeNo = paidQrOrder(657);
        String saleId = ids.next().value();
        journal.append(sale(saleId, List.of(new SaleRecord.Payment(TenderType.QR, 657, 657, 0, outTradeNo))));
        long refundsBefore = sandbox.ledger().summary().refundsCount();
        sandbox.setKnobs(Knobs.defaults().withRefundTimeouts(3).withTimeoutDelayMs(2_500));
        String returnId = ids.next().value();
        ReturnQuote quote = refunds.localSale(saleId).orElseThrow().quote(ReturnRequest.of(1, 1, null), returnId);

        assertThatThrownBy(() -> refunds.refund(start(quote))).isInstanceOf(RefundRefusedException.class)
                .hasMessageContaining("did not answer").hasMessageContaining("will not refund twice")
                // issue 14.3: the reason and values the till says it from in its own language
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((RefundRefusedException) e).reason())
                        .contains(RefundRefusedException.Reason.GATEWAY_SILENT));
        assertThat(refunds.unfinished()).extracting(StartedReturn::returnId).containsExactly(returnId);
        assertThat(journal.findRecord(ReturnRecord.class, returnId)).isEmpty();
        // its goods are held: the same piece cannot be returned again meanwhile
        assertThatThrownBy(() -> refunds.localSale(saleId).orElseThrow().check(ReturnRequest.of(1, 2, null)))
                .isInstanceOf(ReturnRefusedException.class).hasMessageContaining("1 already returned");

        ReturnRecord done = refunds.resume(returnId);

        assertThat(done.totalMinor()).isEqualTo(150);
        assertThat(refunds.unfinished()).isEmpty();
        assertThat(sandbox.ledger().summary().refundsCount()).isEqualTo(refundsBefore + 1);
        assertThat(sandbox.ledger().order(outTradeNo).orElseThrow().refundedMinor()).isEqualTo(150);
    }

    @Test
    @DisplayName("issue 12 point 3: a voucher tender is refused clearly before any money moves")
    void aVoucherTenderIsRefusedBeforeAnythingMoves() {
        String saleId = ids.next().value();
        journal.append(sale(saleId, List.of(new SaleRecord.Payment(TenderType.VOUCHER, 657, 657, 0, "V-1"))));
        String returnId = ids.next().value();
        ReturnQuote quote = refunds.localSale(saleId).orElseThrow().quote(new ReturnRequest(Map.of(1, 1), null), returnId);

        assertThatThrownBy(() -> refunds.refund(start(quote))).isInstanceOf(RefundRefusedException.class)
                .hasMessageContaining("voucher").hasMessageContaining("nothing was refunded")
                .satisfies(e -> org.assertj.core.api.Assertions.assertThat(((RefundRefusedException) e).reason())
                        .contains(RefundRefusedException.Reason.CREDIT_VOUCHER_NOT_CONNECTED));
        assertThat(refunds.unfinished()).isEmpty();
        assertThat(steps.steps(returnId)).isEmpty();
    }

    @Test
    void aSaleOfAnotherTillIsNotFoundLocally() {
        assertThat(refunds.localSale(ids.next().value())).isEmpty();
    }
}
