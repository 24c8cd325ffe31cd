package pos.app.sell.rulecheck;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import pos.app.checkout.CheckFailureRow;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutText;
import pos.app.ui.Subscriptions;

/**
 * The rule-check popup (R15): one row per failed rule of the checkout's pre-check, each with its
 * reason and a "Fix (Alt+n)" link that puts the focus on the field to correct. Observes the
 * {@link Checkout}; JavaFX properties, never a node. UI thread only.
 */
public final class RuleCheckViewModel {

    private final Checkout checkout;
    private final CheckoutText text;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ObservableList<CheckFailureRow> rows = FXCollections.observableArrayList();
    private final SimpleBooleanProperty visible = new SimpleBooleanProperty(this, "visible", false);
    private final SimpleStringProperty title = new SimpleStringProperty(this, "title", "");

    public RuleCheckViewModel(Checkout checkout) {
        this.checkout = checkout;
        this.text = checkout.text();
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        List<CheckFailureRow> failures = checkout.rules().failures();
        if (!failures.equals(rows)) {
            rows.setAll(failures);
        }
        visible.set(checkout.rules().popupVisible());
        title.set(checkout.rules().title());
    }

    /** The row's second line: what kind of check failed, in a sentence (never the rule's keyword). */
    public String detailText(CheckFailureRow row) {
        return row.kind();
    }

    /** Enter on the cart's "customer's age checked" box: pays again with the tender the rules stopped. */
    public void payAfterAgeCheck() {
        checkout.rules().payAfterAgeCheck();
    }

    /** The words of the n-th (1-based) row's link: "Fix (Alt+n)" for the first nine. */
    public String fixText(int n) {
        return text.bundle().getString("check.fix") + (n <= 9 ? " (Alt+" + n + ")" : "");
    }

    /** R15: the "Fix" link: closes the popup and puts the focus on that field. */
    public void fix(CheckFailureRow row) {
        checkout.rules().fix(row);
    }

    /** Alt+n: the n-th row's "Fix" (0-based), while the popup shows. */
    public void fixRow(int index) {
        checkout.rules().fixRow(index);
    }

    /** Esc: close the popup, keep everything as typed. */
    public void close() {
        checkout.back();
    }

    public void dispose() {
        subscriptions.close();
    }

    public ObservableList<CheckFailureRow> rows() { return rows; }
    public ReadOnlyBooleanProperty visibleProperty() { return visible; }
    /** "Not paid: nothing was taken" for cash, "The payment was not sent" for card, QR and pay-code. */
    public ReadOnlyStringProperty titleProperty() { return title; }
}
