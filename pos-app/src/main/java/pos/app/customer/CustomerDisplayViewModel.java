package pos.app.customer;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import pos.app.checkout.CartRow;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.ui.Subscriptions;
import pos.core.sale.TenderType;

/**
 * What the customer-facing window shows: the cart, the total, and the payment QR code while a QR
 * payment waits (R21), then the result. Observes the {@link Checkout}, not the sell screen. FX thread only.
 */
public final class CustomerDisplayViewModel {

    private final Checkout checkout;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ObservableList<CartRow> cart = FXCollections.observableArrayList();
    private final SimpleStringProperty totalText = new SimpleStringProperty(this, "totalText", "");
    private final SimpleStringProperty qrContent = new SimpleStringProperty(this, "qrContent");
    private final SimpleStringProperty countdownText = new SimpleStringProperty(this, "countdownText", "");
    private final SimpleStringProperty statusText = new SimpleStringProperty(this, "statusText", "");
    private final SimpleBooleanProperty showQr = new SimpleBooleanProperty(this, "showQr", false);

    public CustomerDisplayViewModel(Checkout checkout) {
        this.checkout = checkout;
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        List<CartRow> rows = checkout.cart().rows();
        if (!rows.equals(cart)) {
            cart.setAll(rows);
        }
        totalText.set(checkout.text().money(checkout.sale().total()));
        String qr = checkout.gatewayTender() == TenderType.QR ? checkout.payments().qrContent() : null;
        qrContent.set(qr);
        countdownText.set(checkout.payments().countdown());
        showQr.set(checkout.state() == CheckoutState.PAYING && qr != null);
        statusText.set(status());
    }

    /** The line under the total: the payment's state, or the till's last message when paid. */
    private String status() {
        Checkout.CardResult result = checkout.result();
        if (result != null) {
            // R17: the customer sees the same result page as the clerk
            return result.title() + " · " + result.detail();
        }
        return switch (checkout.state()) {
            case PAYING, PAYMENT_PROBLEM -> checkout.payments().detail();
            case PAID, CARD_PIN -> checkout.message();
            default -> "";
        };
    }

    /** Stops observing the checkout. */
    public void dispose() {
        subscriptions.close();
    }

    public ObservableList<CartRow> cart() { return cart; }
    public ReadOnlyStringProperty totalTextProperty() { return totalText; }
    public ReadOnlyStringProperty qrContentProperty() { return qrContent; }
    public ReadOnlyStringProperty countdownTextProperty() { return countdownText; }
    public ReadOnlyStringProperty statusTextProperty() { return statusText; }
    public ReadOnlyBooleanProperty showQrProperty() { return showQr; }
}
