package pos.app.sell;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.ResourceBundle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.checkout.MessageKind;
import pos.app.customer.CustomerDisplayViewModel;
import pos.app.ui.MoneyFormat;
import pos.app.ui.TaskExecutor;
import pos.app.ui.UiThread;
import pos.core.catalog.Catalog;
import pos.core.catalog.Product;
import pos.core.catalog.SaleUnit;
import pos.core.catalog.TaxClass;
import pos.core.catalog.VariableMeasureLayout;
import pos.core.money.Money;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentSession.State;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;

/**
 * Issue 11 defects 1, 6, 7 and 9 in the QR and pay-code tenders (R21–R24), driven without a window:
 * what the clerk reads after a refusal, where the keys go, a new pay-code after a refusal, and the
 * closed order's QR code going away.
 */
class GatewayRetryDefectsTest {

    static final Currency EUR = Currency.getInstance("EUR");
    static final Product WINE = new Product("1002", "96385074", "Red wine", Money.ofMinor(899, EUR),
            new TaxClass("STD", 2000), SaleUnit.PIECE, null, "alcohol");
    static final String REFUSED_CODE = "134567890123451111";
    static final String GOOD_CODE = "134567890123452222";

    final FakeJournal journal = new FakeJournal();
    final FakePaymentDesk payments = new FakePaymentDesk();
    final Clock clock = Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC);
    SellViewModel model;

    @BeforeEach
    void setUp() {
        model = new SellViewModel(new Catalog(List.of(WINE), VariableMeasureLayout.DEFAULT), journal, new FakeSyncMonitor(),
                payments, new TransactionId.Generator(clock), clock, "till-7", EUR, new MoneyFormat(Locale.US),
                pos.app.i18n.Texts.forLocale(Locale.US), TaskExecutor.sameThread(), UiThread.sameThread());
        model.handleScan(WINE.code());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(textBlock = """
            INSUFFICIENT_BALANCE:NOTENOUGH,                    NOTENOUGH
            INSUFFICIENT_BALANCE:ACQ.BUYER_BALANCE_NOT_ENOUGH, ACQ.BUYER_BALANCE_NOT_ENOUGH
            NOTENOUGH,                                         NOTENOUGH
            """)
    @DisplayName("defect 6, issue 13: a pay-code refusal is said in the clerk's words for its neutral reason, whichever service "
            + "said it (an old journal's bare code too); the service's own code only in the small detail line")
    void defect6_payCodeRefusalIsSaidInWordsNotAsARawCode(String code, String providerCode) {
        model.handleScan(REFUSED_CODE);
        refuse(payments.last(), code);

        assertThat(model.messageProperty().get()).isEqualTo(
                "Payment refused: The customer's balance is too low. Scan another code from the customer, pay again (Enter),"
                        + " or Esc for another tender.");
        assertThat(model.payCode().detailProperty().get()).doesNotContain(providerCode).doesNotContain("INSUFFICIENT_BALANCE")
                .contains("balance is too low");
        assertThat(model.payCode().reasonCodeTextProperty().get()).isEqualTo("Payment service code: " + providerCode);
    }

    @Test
    @DisplayName("defect 6: a QR refusal with a code the till has no words for, and an unreachable service, show no raw code")
    void defect6_unknownCodesAndUnreachableShowNoRawCode() {
        model.qr().open();
        refuse(payments.last(), "OTHER:SOMETHING_NEW_42");
        assertThat(model.messageProperty().get()).isEqualTo(
                "Payment refused: The payment service refused the payment. Pay again (Enter), or Esc for another tender.");
        assertThat(model.qr().reasonCodeTextProperty().get()).isEqualTo("Payment service code: SOMETHING_NEW_42");

        model.checkout().payAgain();
        FakePaymentDesk.FakeSession second = payments.last();
        second.reason = "GATEWAY_UNREACHABLE";
        second.move(State.UNREACHABLE);
        assertThat(model.messageProperty().get()).doesNotContain("GATEWAY_UNREACHABLE").contains("cannot be reached");
        assertThat(model.qr().detailProperty().get()).doesNotContain("GATEWAY_UNREACHABLE");
    }

    @Test
    @DisplayName("defect 1: after a failure the pay-again button is asked for the keys; after paying again the entry field")
    void defect1_afterAFailureTheKeysGoToPayAgain() {
        model.qr().open();
        payments.last().showQr("sandbox://pay/one");
        payments.last().move(State.TIMED_OUT);
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.PAY_AGAIN);

        model.qr().payAgain();
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAYING);
        assertThat(model.focusRequestProperty().get()).isEqualTo(FocusTarget.SCAN_FIELD);
    }

    @Test
    @DisplayName("defect 7: after a refusal the customer's next pay-code is a new attempt with a new transaction id")
    void defect7_nextPayCodeAfterARefusalIsANewAttempt() {
        model.handleScan(REFUSED_CODE);
        FakePaymentDesk.FakeSession first = payments.last();
        refuse(first, "INSUFFICIENT_BALANCE:NOTENOUGH");

        model.handleScan(GOOD_CODE);

        FakePaymentDesk.FakeSession second = payments.last();
        assertThat(second).isNotSameAs(first);
        assertThat(second.authCode).isEqualTo(GOOD_CODE);
        assertThat(second.order.method()).isEqualTo(PaymentMethod.PAY_CODE);
        assertThat(second.order.outTradeNo()).isNotEqualTo(first.order.outTradeNo());
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAYING);
        assertThat(model.messageKindProperty().get()).isNotEqualTo(MessageKind.ERROR);

        first.move(State.PAID); // a late word about the refused attempt is not this sale's money
        assertThat(journal.records).isEmpty();
        second.move(State.PAID);
        assertThat(journal.records).singleElement().satisfies(r -> {
            assertThat(r.tenders()).singleElement().satisfies(t -> {
                assertThat(t.type()).isEqualTo(TenderType.PAY_CODE);
                assertThat(t.reference()).isEqualTo(second.order.outTradeNo());
            });
        });
    }

    @Test
    @DisplayName("defect 7: while the last pay-code's outcome is unknown a new code is not sent (never charged twice)")
    void defect7_noNewAttemptWhileTheOutcomeIsUnknown() {
        model.handleScan(REFUSED_CODE);
        FakePaymentDesk.FakeSession first = payments.last();
        first.move(State.UNREACHABLE); // sent, no answer: it may have been charged

        model.handleScan(GOOD_CODE);

        assertThat(payments.sessions).containsExactly(first);
        assertThat(model.stateProperty().get()).isEqualTo(CheckoutState.PAYMENT_PROBLEM);
        assertThat(model.messageProperty().get()).contains("not known yet").contains("Check again (F10)");
    }

    @Test
    @DisplayName("defect 9: the moment a QR order times out its code leaves the till and the customer display; it says it expired")
    void defect9_timedOutQrCodeIsRemovedEverywhere() {
        CustomerDisplayViewModel customer = new CustomerDisplayViewModel(model.checkout());
        model.qr().open();
        payments.last().showQr("sandbox://pay/closed-order");
        assertThat(model.qr().qrContentProperty().get()).isEqualTo("sandbox://pay/closed-order");
        assertThat(customer.showQrProperty().get()).isTrue();

        payments.last().move(State.TIMED_OUT);

        assertThat(model.qr().qrContentProperty().get()).isNull();
        assertThat(model.qr().countdownProperty().get()).isEmpty();
        assertThat(customer.qrContentProperty().get()).isNull();
        assertThat(customer.showQrProperty().get()).isFalse();
        assertThat(model.messageProperty().get()).startsWith("The QR code has expired").contains("Pay again (Enter)");
        assertThat(model.qr().detailProperty().get()).startsWith("The QR code has expired");
        assertThat(model.qr().reasonCodeTextProperty().get()).as("no internal code shown").isEmpty();
    }

    @Test
    @DisplayName("defect 9: a failed QR order's code goes too")
    void defect9_failedQrCodeIsRemoved() {
        model.qr().open();
        payments.last().showQr("sandbox://pay/refused-order");
        refuse(payments.last(), "PROVIDER_REFUSED:PAYERROR");
        assertThat(model.qr().qrContentProperty().get()).isNull();
    }

    private static void refuse(FakePaymentDesk.FakeSession session, String code) {
        session.reason = code;
        session.move(State.FAILED);
    }
}
