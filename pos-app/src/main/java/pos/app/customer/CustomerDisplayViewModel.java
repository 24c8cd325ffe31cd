package pos.app.customer;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.collections.ObservableList;
import pos.app.sell.CartRow;
import pos.app.sell.SellMode;
import pos.app.sell.SellViewModel;

/**
 * What the customer-facing window shows: the cart, the total, and the payment QR code while a QR
 * payment waits (R21), then the result. A read-only view of the sell screen's model. FX thread only.
 */
public final class CustomerDisplayViewModel {

    private final SellViewModel sell;
    private final BooleanBinding showQr;

    public CustomerDisplayViewModel(SellViewModel sell) {
        this.sell = sell;
        this.showQr = Bindings.createBooleanBinding(
                () -> sell.modeProperty().get() == SellMode.PAYING && sell.qrContentProperty().get() != null,
                sell.modeProperty(), sell.qrContentProperty());
    }

    public ObservableList<CartRow> cart() {
        return sell.cart();
    }

    public ReadOnlyStringProperty totalTextProperty() {
        return sell.totalTextProperty();
    }

    public ReadOnlyStringProperty qrContentProperty() {
        return sell.qrContentProperty();
    }

    public ReadOnlyStringProperty countdownTextProperty() {
        return sell.countdownTextProperty();
    }

    /** The line under the total: the payment's state, or the till's last message when paid. */
    public StringBinding statusTextBinding() {
        return Bindings.createStringBinding(() -> {
            if (sell.resultVisibleProperty().get()) {
                // R17: the customer sees the same result page as the clerk
                return sell.resultTitleProperty().get() + " · " + sell.resultDetailProperty().get();
            }
            return switch (sell.modeProperty().get()) {
                case PAYING, PAYMENT_PROBLEM -> sell.paymentDetailProperty().get();
                case PAID, CARD_PIN -> sell.messageProperty().get();
                default -> "";
            };
        }, sell.modeProperty(), sell.paymentDetailProperty(), sell.messageProperty(), sell.resultVisibleProperty(),
                sell.resultTitleProperty(), sell.resultDetailProperty());
    }

    public BooleanBinding showQrBinding() {
        return showQr;
    }
}
