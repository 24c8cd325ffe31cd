package pos.app.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.app.checkout.MessageKind;
import pos.app.checkout.Supervision;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.people.Approval;
import pos.core.people.GuardedAction;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.refund.RefundSettings;
import pos.sync.refund.SqliteRefundSteps;
import pos.sync.refund.TillRefunds;

/** The returns screen's model on the test thread, with a real SQLite journal (issue 12 point 3). */
class ReturnsViewModelTest {

    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    static final ResourceBundle TEXT = pos.app.i18n.Texts.forLocale(Locale.US);

    @TempDir
    Path dir;

    SqliteSaleJournal journal;
    SqliteRefundSteps steps;
    TillRefunds refunds;
    final TransactionId.Generator ids = new TransactionId.Generator(CLOCK);
    final List<String> asked = new ArrayList<>();
    Consumer<Approval> approve;
    Consumer<String> decline;
    final List<ReturnRecord> output = new ArrayList<>();

    /** A supervisor the test answers for: records what was asked (a hand-written fake of the till's port). */
    final Supervision supervision = (action, subject, onWhat, approved, declined) -> {
        asked.add(action + " " + onWhat);
        approve = approved;
        decline = declined;
    };

    @BeforeEach
    void open() {
        journal = SqliteSaleJournal.open(dir, CLOCK);
        steps = SqliteRefundSteps.open(journal, CLOCK);
        refunds = new TillRefunds(journal, steps, null, CLOCK, RefundSettings.defaults());
    }

    @AfterEach
    void close() {
        steps.close();
        journal.close();
    }

    ReturnsViewModel model(Supervision asking, StoreSales store) {
        return new ReturnsViewModel(new ReturnLookup(refunds, journal, store, ZoneOffset.UTC), refunds, asking,
                Optional::empty, () -> "shift-7", (done, cash) -> output.add(done), ids, "till-1", 5000,
                Currency.getInstance("EUR"), CLOCK, new MoneyFormat(Locale.US), TEXT, TaskExecutor.sameThread(),
                UiThread.sameThread());
    }

    /** A coffee machine (89.99) and a milk (5.09), paid in cash. */
    String journalSale() {
        String id = ids.next().value();
        journal.append(new SaleRecord(id, "till-1", SaleState.PAID, "EUR", 9508, 0, T0, T0,
                List.of(new SaleRecord.Line(1, "3001", "Coffee machine", 1, 0, 8999, 8999, "STD", 8999, 0, null, 2000, 1500),
                        new SaleRecord.Line(2, "1001", "Whole milk 1 L", 1, 0, 509, 509, "RED", 509, 0, null, 700, 33)),
                List.of(new SaleRecord.Payment(TenderType.CASH, 9508, 10000, 492))));
        return id;
    }

    @Test
    @DisplayName("issue 12 point 3: a refund above pos.refund.approvalAbove waits for a supervisor and names the approver")
    void aLargeRefundNeedsASupervisor() {
        String saleId = journalSale();
        ReturnsViewModel model = model(supervision, null);
        model.open();
        model.scanned(saleId);
        model.increase(); // the coffee machine, 89.99 > 50.00

        model.refund();

        assertThat(asked).containsExactly("REFUND Refund €89.99 for sale " + saleId);
        assertThat(model.messageProperty().get()).isEqualTo("A refund of €89.99 needs a supervisor's approval.");
        assertThat(model.lastReturnProperty().get()).as("nothing moves before the approval").isNull();

        approve.accept(new Approval(GuardedAction.REFUND, "r", "sup-1", "c1", T0));

        ReturnRecord done = model.lastReturnProperty().get();
        assertThat(done.approverId()).isEqualTo("sup-1");
        assertThat(done.shiftId()).isEqualTo("shift-7");
        assertThat(done.totalMinor()).isEqualTo(8999);
        assertThat(journal.findRecord(ReturnRecord.class, done.returnId())).contains(done);
        assertThat(output).containsExactly(done);
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.SUCCESS);
    }

    @Test
    void aDeclinedApprovalRefundsNothing() {
        String saleId = journalSale();
        ReturnsViewModel model = model(supervision, null);
        model.open();
        model.scanned(saleId);
        model.increase();
        model.refund();

        decline.accept("No supervisor approved it.");

        assertThat(model.messageProperty().get()).isEqualTo("No supervisor approved it.");
        assertThat(model.lastReturnProperty().get()).isNull();
        assertThat(journal.records(ReturnRecord.class, Instant.EPOCH, T0.plus(Duration.ofDays(1)))).isEmpty();
    }

    @Test
    void withoutSignInALargeRefundIsRefusedSaidSo() {
        String saleId = journalSale();
        ReturnsViewModel model = model(null, null);
        model.open();
        model.scanned(saleId);
        model.increase();

        model.refund();

        assertThat(model.messageProperty().get()).contains("needs a supervisor's approval, but this till has no sign-in");
        assertThat(model.lastReturnProperty().get()).isNull();
    }

    @Test
    void aSmallRefundNeedsNoApproval() {
        String saleId = journalSale();
        ReturnsViewModel model = model(supervision, null);
        model.open();
        model.scanned(saleId);
        model.selectedProperty().set(1);
        model.increase();

        model.refund();

        assertThat(asked).isEmpty();
        assertThat(model.lastReturnProperty().get().totalMinor()).isEqualTo(509);
        assertThat(model.messageProperty().get()).isEqualTo(
                "Refunded €5.09: €5.09 in cash from the drawer. Give the customer the cash.");
    }

    @Test
    @DisplayName("issue 12 point 3: offline, only this till's own sales can be returned, said so")
    void offlineAnotherTillsSaleIsNotFoundSaidSo() {
        journalSale();
        StoreSales unreachable = id -> {
            throw new StoreUnreachableException("hub http://hub:8480: connection refused", null);
        };
        ReturnsViewModel model = model(supervision, unreachable);
        model.open();
        String elsewhere = ids.next().value();

        model.scanned(elsewhere);

        assertThat(model.messageProperty().get()).isEqualTo("Offline: only this till's own sales can be returned, and sale "
                + elsewhere + " is not one of them. Try again when the store's server is back.");
        assertThat(model.rows()).isEmpty();
    }

    @Test
    void offlineThisTillsOwnSaleIsFound() {
        String saleId = journalSale();
        ReturnsViewModel model = model(supervision, id -> {
            throw new StoreUnreachableException("down", null);
        });
        model.open();

        model.scanned(saleId);

        assertThat(model.rows()).hasSize(2);
        assertThat(model.offline()).isTrue();
        assertThat(model.messageProperty().get()).startsWith("Offline: only this till's own sales can be returned; this is one.");
    }

    @Test
    @DisplayName("issue 12 point 3: find the sale by day and amount in this till's journal")
    void aSaleIsFoundByDayAndAmount() {
        String saleId = journalSale();
        ReturnsViewModel model = model(supervision, null);
        model.open();
        model.queryProperty().set("2026-12-06 95.08");

        model.find();

        assertThat(model.queryProperty().get()).isEqualTo(saleId);
        assertThat(model.rows()).extracting(ReturnLineRow::name).containsExactly("Coffee machine", "Whole milk 1 L");
        model.queryProperty().set("2026-12-06 1.00");
        model.find();
        assertThat(model.messageProperty().get()).isEqualTo("No sale of this till on 2026-12-06 was paid €1.00.");
    }

    /** Issue 14.3: "dates written the Chinese way": the returns screen's day search on a zh-CN till. */
    @Test
    @DisplayName("issue 14.3: a Chinese till finds a sale by 2026年12月6日 and an amount, and writes days the Chinese way")
    void aChineseTillSearchesByAChineseDay() {
        String saleId = journalSale();
        ReturnsViewModel model = new ReturnsViewModel(new ReturnLookup(refunds, journal, null, ZoneOffset.UTC), refunds,
                supervision, Optional::empty, () -> "shift-7", (done, cash) -> output.add(done), ids, "till-1", 5000,
                Currency.getInstance("CNY"), CLOCK, new MoneyFormat(Locale.SIMPLIFIED_CHINESE),
                pos.app.i18n.Texts.forLocale(Locale.SIMPLIFIED_CHINESE), TaskExecutor.sameThread(), UiThread.sameThread());
        model.open();
        model.queryProperty().set("2026年12月6日 95.08");

        model.find();

        assertThat(model.queryProperty().get()).isEqualTo(saleId);
        assertThat(model.saleTextProperty().get()).contains("2026年12月6日 10:00");
        model.queryProperty().set("2026/12/6 1.00");
        model.find();
        assertThat(model.messageProperty().get()).contains("2026年12月6日").contains("¥1.00");
        model.queryProperty().set("2026年2月30日 1.00");
        model.find();
        assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.ERROR);
        assertThat(model.messageProperty().get()).contains("2026年2月30日 1.00");
    }

    @Test
    @DisplayName("issue 12 point 3: a QR refund the gateway never answers stays unfinished, is shown, and F9 finishes it once")
    void anUnfinishedReturnIsShownAndFinishedOnce(@TempDir Path ledger) throws Exception {
        pos.gateway.sandbox.SandboxGateway sandbox = pos.gateway.sandbox.SandboxGateway.builder().dataDir(ledger).build().start();
        try {
            pos.gateway.sandboxapi.SandboxPaymentGateway gateway = new pos.gateway.sandboxapi.SandboxPaymentGateway(
                    sandbox.baseUri(), Duration.ofSeconds(2), Duration.ofMillis(1_500), Duration.ofMinutes(2), null);
            refunds = new TillRefunds(journal, steps, gateway, CLOCK, new RefundSettings(2, Duration.ofMillis(10),
                    Duration.ofMillis(20)));
            pos.core.pay.PaymentOrder order = new pos.core.pay.PaymentOrder(ids.next(), "till-1",
                    pos.core.pay.PaymentMethod.QR_SHOWN, pos.core.money.Money.ofMinor(509, "EUR"), "Store 1", Instant.now());
            String codeUrl = new pos.gateway.sandboxapi.SandboxPaymentGateway(sandbox.baseUri())
                    .createQrOrder(order, "http://127.0.0.1:9/notify").codeUrl();
            java.net.http.HttpResponse<String> paid = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(sandbox.baseUri().resolve("sandbox/pay"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"code_url\":\"" + codeUrl + "\"}"))
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
            String saleId = ids.next().value();
            journal.append(new SaleRecord(saleId, "till-1", SaleState.PAID, "EUR", 509, 33, T0, T0,
                    List.of(new SaleRecord.Line(1, "1001", "Whole milk 1 L", 1, 0, 509, 509, "RED", 509, 0, null, 700, 33)),
                    List.of(new SaleRecord.Payment(TenderType.QR, 509, 509, 0, order.outTradeNo()))));
            sandbox.setKnobs(pos.gateway.sandbox.api.Knobs.defaults().withRefundTimeouts(2).withTimeoutDelayMs(3_000));
            ReturnsViewModel model = model(supervision, null);
            model.open();
            model.scanned(saleId);
            model.increase();

            model.refund();

            assertThat(model.messageProperty().get()).contains("did not answer").contains("will not refund twice");
            assertThat(model.unfinished()).hasSize(1);
            model.close();
            model.open();
            assertThat(model.messageKindProperty().get()).isEqualTo(MessageKind.WARNING);
            assertThat(model.messageProperty().get()).startsWith("A return was left unfinished (the oldest: €5.09 for sale "
                    + saleId + "): press F9");

            model.finishUnfinished();

            assertThat(model.unfinished()).isEmpty();
            assertThat(model.lastReturnProperty().get().totalMinor()).isEqualTo(509);
            assertThat(sandbox.ledger().order(order.outTradeNo()).orElseThrow().refundedMinor()).isEqualTo(509);
            assertThat(sandbox.ledger().summary().refundsCount()).isEqualTo(1);
        } finally {
            sandbox.close();
        }
    }
}
