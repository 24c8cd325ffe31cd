package pos.app.sell.result;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import pos.app.checkout.Checkout;
import pos.app.ui.Subscriptions;

/**
 * The card payment's result page (R17), over the whole screen until Enter or Esc. Observes the
 * {@link Checkout}; JavaFX properties, never a node. UI thread only.
 */
public final class ResultViewModel {

    private final Checkout checkout;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SimpleBooleanProperty visible = new SimpleBooleanProperty(this, "visible", false);
    private final SimpleBooleanProperty success = new SimpleBooleanProperty(this, "success", false);
    private final SimpleStringProperty title = new SimpleStringProperty(this, "title", "");
    private final SimpleStringProperty detail = new SimpleStringProperty(this, "detail", "");

    public ResultViewModel(Checkout checkout) {
        this.checkout = checkout;
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        Checkout.CardResult result = checkout.result();
        if (result != null) {
            success.set(result.success());
            title.set(result.title());
            detail.set(result.detail());
        }
        visible.set(result != null);
    }

    /** Enter or Esc on the result page: close it. */
    public void dismiss() {
        checkout.dismissResult();
    }

    public void dispose() {
        subscriptions.close();
    }

    public ReadOnlyBooleanProperty visibleProperty() { return visible; }
    public ReadOnlyBooleanProperty successProperty() { return success; }
    public ReadOnlyStringProperty titleProperty() { return title; }
    public ReadOnlyStringProperty detailProperty() { return detail; }
}
