package pos.app.sell.qr;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.GatewayPayments;
import pos.app.ui.Subscriptions;
import pos.core.pay.PaymentSession;
import pos.core.sale.TenderType;

/**
 * The QR panel (R21–R24): the code for the customer to scan, the seconds left, the payment's state
 * and, after a failure or timeout, pay again / check again / other tender. Observes the
 * {@link Checkout}; JavaFX properties, never a node. UI thread only.
 */
public final class QrViewModel {

    private final Checkout checkout;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SimpleBooleanProperty visible = new SimpleBooleanProperty(this, "visible", false);
    private final SimpleStringProperty title = new SimpleStringProperty(this, "title", "");
    private final SimpleStringProperty detail = new SimpleStringProperty(this, "detail", "");
    private final SimpleStringProperty countdown = new SimpleStringProperty(this, "countdown", "");
    private final SimpleStringProperty reasonCodeText = new SimpleStringProperty(this, "reasonCodeText", "");
    private final SimpleStringProperty qrContent = new SimpleStringProperty(this, "qrContent");
    private final SimpleObjectProperty<PaymentSession.State> paymentState = new SimpleObjectProperty<>(this, "paymentState");
    private final SimpleBooleanProperty problem = new SimpleBooleanProperty(this, "problem", false);
    private final SimpleBooleanProperty paid = new SimpleBooleanProperty(this, "paid", false);

    public QrViewModel(Checkout checkout) {
        this.checkout = checkout;
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        GatewayPayments payments = checkout.payments();
        boolean mine = checkout.panel() == Checkout.Panel.GATEWAY && payments.tender() == TenderType.QR;
        visible.set(mine);
        qrContent.set(payments.tender() == TenderType.QR ? payments.qrContent() : null);
        paymentState.set(payments.paymentState());
        countdown.set(payments.countdown());
        if (mine) {
            title.set(payments.title());
            detail.set(payments.detail());
        }
        problem.set(mine && checkout.state() == CheckoutState.PAYMENT_PROBLEM);
        String code = problem.get() ? payments.reasonCode() : null;
        reasonCodeText.set(code == null ? "" : checkout.text().format("pay.reasonCode", code));
        paid.set(mine && checkout.state() == CheckoutState.PAID);
    }

    /** F11: a QR code for the amount due. */
    public void open() { checkout.openQr(); }
    /** Enter after a failure: a new attempt with a new transaction id. */
    public void payAgain() { checkout.payAgain(); }
    /** F10: ask the gateway again (R24). */
    public void checkAgain() { checkout.checkAgain(); }
    /** Esc: stop waiting, another tender. */
    public void otherTender() { checkout.back(); }
    public void newSale() { checkout.newSale(); }

    public void dispose() {
        subscriptions.close();
    }

    public ReadOnlyBooleanProperty visibleProperty() { return visible; }
    public ReadOnlyStringProperty titleProperty() { return title; }
    public ReadOnlyStringProperty detailProperty() { return detail; }
    public ReadOnlyStringProperty countdownProperty() { return countdown; }
    /** After a refusal: the payment service's own code, small, for support ("Payment service code: NOTENOUGH"); else empty. */
    public ReadOnlyStringProperty reasonCodeTextProperty() { return reasonCodeText; }
    /** The QR code's content while a QR order is open, else null. */
    public ReadOnlyStringProperty qrContentProperty() { return qrContent; }
    public ReadOnlyObjectProperty<PaymentSession.State> paymentStateProperty() { return paymentState; }
    public ReadOnlyBooleanProperty problemProperty() { return problem; }
    public ReadOnlyBooleanProperty paidProperty() { return paid; }
}
