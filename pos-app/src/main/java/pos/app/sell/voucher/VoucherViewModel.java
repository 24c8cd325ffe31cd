package pos.app.sell.voucher;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import pos.app.checkout.Checkout;
import pos.app.checkout.Vouchers;
import pos.app.ui.Subscriptions;

/**
 * The voucher line under the totals (R1–R6): the voucher being redeemed at the store, then the
 * vouchers applied to this sale. Voucher scans themselves go to the checkout like every scan.
 * Observes the {@link Checkout}; JavaFX properties, never a node. UI thread only.
 */
public final class VoucherViewModel {

    private final Checkout checkout;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SimpleStringProperty statusText = new SimpleStringProperty(this, "statusText", "");
    private final SimpleBooleanProperty visible = new SimpleBooleanProperty(this, "visible", false);

    public VoucherViewModel(Checkout checkout) {
        this.checkout = checkout;
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        Vouchers vouchers = checkout.vouchers();
        String text = vouchers.redeeming() != null
                ? checkout.text().format("voucher.status.redeeming", vouchers.redeeming())
                : vouchers.applied().isEmpty() ? ""
                : checkout.text().format("voucher.status.applied", String.join(", ", vouchers.applied().stream().sorted().toList()));
        statusText.set(text);
        visible.set(!text.isEmpty());
    }

    public void dispose() {
        subscriptions.close();
    }

    public ReadOnlyStringProperty statusTextProperty() { return statusText; }
    public ReadOnlyBooleanProperty visibleProperty() { return visible; }
}
