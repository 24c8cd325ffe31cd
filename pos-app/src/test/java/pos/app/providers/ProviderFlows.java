package pos.app.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static pos.app.testing.FxConditions.described;
import static pos.app.testing.FxConditions.onFx;
import static pos.app.testing.FxConditions.readOnFx;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.MutableClock;
import pos.app.checkout.CheckoutState;
import pos.core.money.Money;
import pos.core.pay.PaymentSession;
import pos.core.refund.ReturnRecord;
import pos.core.sale.SaleRecord;
import pos.core.sale.TenderType;
import pos.gateway.sandbox.api.LedgerSummary;
import pos.gateway.sandbox.api.TradeState;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.NotificationStatus;

/**
 * The till's payment flows (issue 13, "Done when" point 1) written once for every payment provider: a subclass names
 * the protocol the sandbox gateway speaks and the provider the till and the hub are configured with, and the same six
 * flows run through the till's real window (headless), its payment component, the provider's adapter (for WeChat Pay
 * and Alipay: their official SDKs), the real store hub with the provider's notification reader, real Redis and
 * MariaDB, and the sandbox on a real socket. The sandbox's ledger is the provider's book: what it charged and gave back.
 *
 * <p>One sandbox and one hub serve the whole class; each test gets a fresh till. Time is one {@link MutableClock}
 * shared by the till, the hub and the sandbox, so the 30 s give-up (R24), the pay-code schedule and the providers'
 * documented minimums (a close not within 5 minutes of the order, a reversal not within 15 s of the charge) are
 * driven, not waited out. The test that moves the clock furthest runs last ({@link Order}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
public abstract class ProviderFlows extends ProviderRig {

    /** The provider's documented minimum between creating an order and closing it: none, or WeChat Pay's 5 minutes. */
    protected Duration documentedCloseMinimum() {
        return Duration.ZERO;
    }

    /** The provider's documented minimum between a pay-code charge and its reversal: none, or WeChat Pay's 15 s. */
    protected Duration documentedReverseMinimum() {
        return Duration.ZERO;
    }

    /**
     * What else the provider's book says about the reversal of a pay-code the customer never confirmed, beyond
     * {@code REVOKED} with nothing charged (Alipay: the cancel's action). Nothing more by default.
     */
    protected void assertNeverConfirmedReversal(String outTradeNo) throws Exception {
    }

    // ---- the six flows ----

    @Test
    @Order(1)
    @DisplayName("R16 R17 R21 R22 QR to success: the till shows the code, the customer pays, the till shows paid; one charge of the amount, the sale journaled")
    void qrToSuccess(FxRobot robot) throws Exception {
        LedgerSummary before = sandbox.ledger().summary();
        Paid paid = payByQr(robot);

        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get())).startsWith("Paid ");
        assertThat(readOnFx(() -> wiring.sellModel().qr().paidProperty().get())).as("the result page says paid (R17)").isTrue();
        assertThat(sandbox.ledger().chargeCount(paid.outTradeNo())).isEqualTo(1);
        assertThat(order(paid.outTradeNo())).satisfies(o -> {
            assertThat(o.chargedMinor()).isEqualTo(paid.amount().minorUnits());
            assertThat(o.amount().currency()).isEqualTo(paid.amount().currency().getCurrencyCode());
            assertThat(o.refundedMinor()).isZero();
        });
        LedgerSummary after = sandbox.ledger().summary();
        assertThat(after.chargesCount() - before.chargesCount()).isEqualTo(1);
        assertThat(after.netMinor() - before.netMinor()).isEqualTo(paid.amount().minorUnits());
        SaleRecord sale = wiring.journal().findRecord(SaleRecord.class, paid.saleId()).orElseThrow();
        assertThat(sale.tenders()).singleElement().satisfies(t -> {
            assertThat(t.type()).isEqualTo(TenderType.QR);
            assertThat(t.reference()).isEqualTo(paid.outTradeNo());
        });
    }

    @Test
    @Order(2)
    @DisplayName("R16 R17 R22 R23 pay-code through USERPAYING to success: queried until the customer confirms; one charge")
    void payCodeThroughUserPayingToSuccess(FxRobot robot) throws Exception {
        long netBefore = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        scan(robot, payCode("0000")); // the customer must confirm on the phone
        await("the customer is paying").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.USER_PAYING, this::tillState));
        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get())).contains("confirming");
        String outTradeNo = readOnFx(this::attemptId);
        for (int i = 0; i < 8 && readOnFx(this::mode) != CheckoutState.PAID; i++) {
            clock.advance(Duration.ofSeconds(3)); // the pay-code queries: first after 5 s, then every 3 s
            WaitForAsyncUtils.sleep(400, TimeUnit.MILLISECONDS);
        }
        await("the till shows paid").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> mode() == CheckoutState.PAID, this::tillState));
        Money amount = readOnFx(() -> wiring.sellModel().currentSale().total());
        assertThat(readOnFx(() -> wiring.sellModel().currentSale().tenders().get(0).type())).isEqualTo(TenderType.PAY_CODE);
        assertThat(sandbox.ledger().chargeCount(outTradeNo)).isEqualTo(1);
        assertThat(order(outTradeNo).chargedMinor()).isEqualTo(amount.minorUnits());
        assertThat(sandbox.ledger().summary().netMinor() - netBefore).isEqualTo(amount.minorUnits());
    }

    @Test
    @Order(3)
    @DisplayName("R16 R17 R23 pay-code through USERPAYING never confirmed: reversed, not sooner than the provider allows; the ledger's net unchanged")
    void payCodeThroughUserPayingToReverse(FxRobot robot) throws Exception {
        long netBefore = sandbox.ledger().summary().netMinor();
        scan(robot, MILK_EAN);
        Instant scannedAt = clock.instant();
        scan(robot, payCode("9999")); // never confirmed
        await("the customer is paying").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.USER_PAYING, this::tillState));
        String outTradeNo = readOnFx(this::attemptId);
        // the charge was sent after scannedAt, so its reversal may not come before this
        Instant reverseNotBefore = provider.gateway().reverseNotBefore(scannedAt);
        assertThat(reverseNotBefore).as("the provider's documented reversal minimum")
                .isEqualTo(scannedAt.plus(documentedReverseMinimum()));
        List<String> looks = new ArrayList<>();
        for (int i = 0; i < 25 && readOnFx(this::state) != PaymentSession.State.CANCELLED; i++) {
            Instant now = clock.instant();
            TradeState seen = order(outTradeNo).tradeState();
            looks.add(seen + " at +" + Duration.between(scannedAt, now).toSeconds() + " s");
            if (now.isBefore(reverseNotBefore)) {
                assertThat(seen).as("the order before the provider's reversal minimum; looks so far: %s", looks)
                        .isNotEqualTo(TradeState.REVOKED);
            }
            clock.advance(Duration.ofSeconds(5)); // a query per step; the till gives up after 45 s
            WaitForAsyncUtils.sleep(250, TimeUnit.MILLISECONDS);
        }
        await("the payment is cancelled").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.CANCELLED, this::tillState));
        assertThat(readOnFx(this::mode)).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        await("the order is reversed at the provider").atMost(WAIT).pollInterval(POLL)
                .until(() -> order(outTradeNo).tradeState() == TradeState.REVOKED);
        assertThat(clock.instant()).isAfterOrEqualTo(reverseNotBefore);
        assertThat(sandbox.ledger().chargeCount(outTradeNo)).isZero();
        assertThat(order(outTradeNo).refundedMinor()).isZero();
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(netBefore);
        assertNeverConfirmedReversal(outTradeNo);
    }

    @Test
    @Order(4)
    @DisplayName("R16 R17 R21 a returned QR sale is refunded to the provider once: a second attempt with the same refund number refunds nothing more")
    void refundOfAReturnedSale(FxRobot robot) throws Exception {
        Paid paid = payByQr(robot);
        LedgerSummary before = sandbox.ledger().summary();

        robot.push(KeyCode.SHORTCUT, KeyCode.U); // the returns screen
        await("the returns screen shows").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.returnsModel().shownProperty().get(), this::returnsState));
        type(robot, paid.saleId());
        await("the sale is found").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> !wiring.returnsModel().rows().isEmpty()
                        && !wiring.returnsModel().busyProperty().get(), this::returnsState));
        robot.push(KeyCode.F5); // one of the line's one piece
        robot.push(KeyCode.ENTER); // refund
        await("the return is refunded and journaled").atMost(Duration.ofSeconds(30)).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.returnsModel().lastReturnProperty().get() != null, this::returnsState));
        ReturnRecord done = readOnFx(() -> wiring.returnsModel().lastReturnProperty().get());

        assertThat(done.refunds()).singleElement().satisfies(refund -> {
            assertThat(refund.type()).isEqualTo(TenderType.QR);
            assertThat(refund.amountMinor()).isEqualTo(paid.amount().minorUnits());
            assertThat(refund.originalReference()).isEqualTo(paid.outTradeNo());
            assertThat(refund.refundNo()).isNotBlank();
        });
        String refundNo = done.refunds().get(0).refundNo();
        assertThat(sandbox.ledger().summary().refundsCount() - before.refundsCount()).isEqualTo(1);
        assertThat(order(paid.outTradeNo()).refundedMinor()).isEqualTo(paid.amount().minorUnits());

        // the same refund asked again through the provider (as a till that lost the answer would): nothing more
        provider.gateway().refund(paid.outTradeNo(), refundNo, paid.amount(), paid.amount(), "the same refund again");
        assertThat(sandbox.ledger().summary().refundsCount() - before.refundsCount()).isEqualTo(1);
        assertThat(order(paid.outTradeNo()).refundedMinor()).isEqualTo(paid.amount().minorUnits());
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(before.netMinor() - paid.amount().minorUnits());
    }

    @Test
    @Order(5)
    @DisplayName("R22 R23 R24 a payment after the till gave up reaches the hub by notification and is refunded once, whatever repeats")
    void latePaymentAfterTheGiveUpIsRefundedOnce(FxRobot robot) throws Exception {
        sandbox.updateKnobs(k -> k.withDuplicateNotifyRate(1.0)); // every notification arrives twice
        LedgerSummary before = sandbox.ledger().summary();
        Instant shownAt = clock.instant();
        String codeUrl = showQr(robot);
        String outTradeNo = readOnFx(this::attemptId);
        Money amount = readOnFx(() -> wiring.sellModel().currentSale().total());
        // A provider that may close at once gets the till's close at the give-up unless it cannot be reached then; one
        // that documents a later close (WeChat Pay) leaves the order payable after the give-up anyway.
        boolean closesAtOnce = provider.gateway().closeNotBefore(shownAt).isBefore(shownAt.plus(PAST_THE_GIVE_UP));
        if (closesAtOnce) {
            sandbox.stop();
        }
        clock.advance(PAST_THE_GIVE_UP);
        await("the till gives up").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.TIMED_OUT, this::tillState));

        // The clock held: the till's own queries and close retries are not due, so only the hub can tell it now.
        clock.hold();
        if (closesAtOnce) {
            sandbox.start();
        }
        assertThat(order(outTradeNo).tradeState()).as("still payable").isEqualTo(TradeState.NOTPAY);
        customerPays(codeUrl);
        await("the hub took the provider's notification").atMost(WAIT).pollInterval(POLL)
                .until(() -> sandbox.ledger().notifications(outTradeNo).stream()
                        .anyMatch(n -> n.status() == NotificationStatus.DELIVERED && n.eventType().startsWith("TRANSACTION")));
        await("the late payment is refunded").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(described(() -> order(outTradeNo).refundedMinor() == amount.minorUnits(), this::tillState));
        await("the till says so").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> wiring.sellModel().messageProperty().get().contains("was refunded"),
                        this::tillState));
        clock.release();

        // Repeats: the duplicated notifications, the till's late watch (queries every 15 s), the clerk checking again.
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofSeconds(20));
            robot.push(KeyCode.F10);
            WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        }
        await("every notification delivered").atMost(WAIT).pollInterval(POLL)
                .until(() -> sandbox.ledger().notifications(outTradeNo).stream()
                        .allMatch(n -> n.status() == NotificationStatus.DELIVERED));
        List<NotificationRow> notices = sandbox.ledger().notifications(outTradeNo);
        assertThat(notices).extracting(NotificationRow::eventType).anyMatch(t -> t.startsWith("REFUND"));
        assertThat(order(outTradeNo)).satisfies(o -> {
            assertThat(o.chargedMinor()).isEqualTo(amount.minorUnits());
            assertThat(o.refundedMinor()).isEqualTo(amount.minorUnits());
        });
        LedgerSummary after = sandbox.ledger().summary();
        assertThat(after.chargesCount() - before.chargesCount()).as("one charge").isEqualTo(1);
        assertThat(after.refundsCount() - before.refundsCount()).as("one refund").isEqualTo(1);
        assertThat(after.netMinor()).isEqualTo(before.netMinor());
        assertThat(readOnFx(this::mode)).isNotEqualTo(CheckoutState.PAID);
    }

    @Test
    @Order(6) // last: it may move the clock minutes on (a WeChat Pay order is not closed within 5 minutes)
    @DisplayName("R23 R24 QR to the 30 s give-up: the till says so and offers pay again, check again, other tender; nothing taken; the order closed at the provider when its rules allow")
    void qrToTheGiveUp(FxRobot robot) throws Exception {
        long netBefore = sandbox.ledger().summary().netMinor();
        Instant shownAt = clock.instant();
        showQr(robot);
        String outTradeNo = readOnFx(this::attemptId);
        Instant closeNotBefore = provider.gateway().closeNotBefore(shownAt);
        assertThat(closeNotBefore).as("the provider's documented close minimum")
                .isEqualTo(shownAt.plus(documentedCloseMinimum()));

        clock.advance(PAST_THE_GIVE_UP);
        await("the QR payment times out").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.TIMED_OUT, this::tillState));
        assertThat(readOnFx(this::mode)).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get())).containsIgnoringCase("no payment arrived in time");
        assertThat(readOnFx(() -> robot.lookup(".pay-pane .button").queryAllAs(Button.class).stream()
                .filter(Node::isVisible).map(Button::getText).toList()))
                .contains("Pay again (Enter)", "Check again (F10)", "Other tender (Esc)");
        assertThat(sandbox.ledger().chargeCount(outTradeNo)).isZero();
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(netBefore);

        if (documentedCloseMinimum().compareTo(PAST_THE_GIVE_UP) > 0) {
            // not closed yet: the provider's minimum is minutes away; just before it, still open
            assertThat(clock.instant()).isBefore(closeNotBefore);
            clock.advance(Duration.between(clock.instant(), closeNotBefore).minusSeconds(10));
            WaitForAsyncUtils.sleep(1, TimeUnit.SECONDS); // a few of the till's ticks
            assertThat(order(outTradeNo).tradeState()).as("the order %s s before the provider allows a close",
                    Duration.between(clock.instant(), closeNotBefore).toSeconds()).isEqualTo(TradeState.NOTPAY);
            clock.advance(Duration.ofSeconds(20));
        }
        await("the order is closed at the provider").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(described(() -> order(outTradeNo).tradeState() == TradeState.CLOSED, this::tillState));
        assertThat(sandbox.ledger().chargeCount(outTradeNo)).isZero();
        assertThat(sandbox.ledger().summary().netMinor()).isEqualTo(netBefore);

        robot.push(KeyCode.ESCAPE); // other tender: back to the cart, nothing lost
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(readOnFx(this::mode)).isEqualTo(CheckoutState.CART);
        assertThat(readOnFx(() -> wiring.sellModel().cart().rows().size())).isEqualTo(1);
    }


    /**
     * A till selling in EUR configured for a provider that takes CNY only: the QR payment is refused before anything
     * reaches the provider, the clerk reads that the payment service does not take the till's currency and the detail
     * line carries {@code CURRENCY_NOT_CNY}; the sale is still there for another tender. For the provider subclasses.
     */
    protected void aSaleInACurrencyTheProviderRefusesIsSaidSo(FxRobot robot) throws Exception {
        restartTill("EUR");
        LedgerSummary before = sandbox.ledger().summary();
        scan(robot, MILK_EAN);
        assertThat(readOnFx(() -> wiring.sellModel().currentSale().total().currency().getCurrencyCode())).isEqualTo("EUR");
        robot.push(KeyCode.F11);
        await("the payment is refused").atMost(WAIT).pollInterval(POLL)
                .untilAsserted(onFx(() -> state() == PaymentSession.State.FAILED, this::tillState));
        assertThat(readOnFx(() -> wiring.sellModel().messageProperty().get()))
                .contains("does not take the till's currency");
        assertThat(readOnFx(() -> wiring.sellModel().qr().reasonCodeTextProperty().get()))
                .isEqualTo("Payment service code: CURRENCY_NOT_CNY");
        String outTradeNo = readOnFx(this::attemptId);
        assertThat(outTradeNo).as("the till's attempt").isNotBlank();
        assertThat(sandbox.ledger().order(outTradeNo)).as("nothing reached the provider").isEmpty();
        assertThat(sandbox.ledger().summary()).isEqualTo(before);
        robot.push(KeyCode.ESCAPE); // other tender: back to the cart
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(readOnFx(this::mode)).isEqualTo(CheckoutState.CART);
    }
}
