package pos.app.sell.paycode;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.GatewayPayments;
import pos.app.ui.Subscriptions;
import pos.core.sale.TenderType;

/**
 * The pay-code panel: waits for the customer's payment code to be scanned, then shows the
 * payment's state and, after a failure, pay again / check again / other tender. Observes the
 * {@link Checkout}; JavaFX properties, never a node. UI thread only.
 */
public final class PayCodeViewModel {

    private final Checkout checkout;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SimpleBooleanProperty visible = new SimpleBooleanProperty(this, "visible", false);
    private final SimpleStringProperty title = new SimpleStringProperty(this, "title", "");
    private final SimpleStringProperty detail = new SimpleStringProperty(this, "detail", "");
    private final SimpleStringProperty countdown = new SimpleStringProperty(this, "countdown", "");
    private final SimpleStringProperty reasonCodeText = new SimpleStringProperty(this, "reasonCodeText", "");
    private final SimpleBooleanProperty problem = new SimpleBooleanProperty(this, "problem", false);
    private final SimpleBooleanProperty paid = new SimpleBooleanProperty(this, "paid", false);

    public PayCodeViewModel(Checkout checkout) {
        this.checkout = checkout;
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        GatewayPayments payments = checkout.payments();
        boolean mine = checkout.panel() == Checkout.Panel.GATEWAY && payments.tender() == TenderType.PAY_CODE;
        visible.set(mine);
        if (mine) {
            title.set(payments.title());
            detail.set(payments.detail());
            countdown.set(payments.countdown());
        }
        problem.set(mine && checkout.state() == CheckoutState.PAYMENT_PROBLEM);
        String code = problem.get() ? payments.reasonCode() : null;
        reasonCodeText.set(code == null ? "" : checkout.text().format("pay.reasonCode", code));
        paid.set(mine && checkout.state() == CheckoutState.PAID);
    }

    /** F4: the next scan is the customer's payment code. */
    public void open() { checkout.openPayCode(); }
    public void payAgain() { checkout.payAgain(); }
    public void checkAgain() { checkout.checkAgain(); }
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
    public ReadOnlyBooleanProperty problemProperty() { return problem; }
    public ReadOnlyBooleanProperty paidProperty() { return paid; }
}
