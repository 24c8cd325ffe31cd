package pos.app.sell.discount;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import pos.app.checkout.Checkout;
import pos.app.checkout.Discounts;
import pos.app.ui.Subscriptions;

/**
 * The discount entry beside the cart (issue 12): F3 the selected line, Shift+F3 the whole sale, Alt+O a
 * price override; type {@code 10%} or {@code 2.50}, pick a reason with Alt+1…5 or type one, Enter
 * applies, Esc leaves; {@code 0} takes a discount off. Observes the {@link Checkout}; the logic is
 * {@link Discounts}. JavaFX properties, never a node. UI thread only.
 */
public final class DiscountViewModel {

    private final Checkout checkout;
    private final Discounts discounts;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SimpleBooleanProperty visible = new SimpleBooleanProperty(this, "visible", false);
    private final SimpleStringProperty titleText = new SimpleStringProperty(this, "titleText", "");
    private final SimpleStringProperty targetText = new SimpleStringProperty(this, "targetText", "");
    private final SimpleStringProperty currentText = new SimpleStringProperty(this, "currentText", "");
    private final SimpleStringProperty amountCaption = new SimpleStringProperty(this, "amountCaption", "");
    private final StringProperty amountText = new SimpleStringProperty(this, "amountText", "");
    private final StringProperty reasonText = new SimpleStringProperty(this, "reasonText", "");
    private final SimpleIntegerProperty pickedReason = new SimpleIntegerProperty(this, "pickedReason", -1);
    private final ObservableList<String> reasons = FXCollections.observableArrayList();
    private Discounts.Mode shownMode;
    private int shownLine;

    public DiscountViewModel(Checkout checkout) {
        this.checkout = checkout;
        this.discounts = checkout.discounts();
        for (int i = 0; i < Discounts.REASON_KEYS.size(); i++) {
            reasons.add(checkout.text().format("discount.reason.pick", i + 1, discounts.reason(i)));
        }
        reasonText.addListener((obs, old, now) -> {
            if (pickedReason.get() >= 0 && !discounts.reason(pickedReason.get()).equals(now)) {
                pickedReason.set(-1); // the clerk typed their own
            }
        });
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        Discounts.Mode mode = discounts.mode().orElse(null);
        visible.set(mode != null);
        if (mode == null) {
            shownMode = null;
            return;
        }
        if (mode != shownMode || discounts.lineNo() != shownLine) {
            shownMode = mode;
            shownLine = discounts.lineNo();
            amountText.set("");
            reasonText.set("");
            pickedReason.set(-1);
        }
        titleText.set(checkout.text().format("discount.title." + mode.name()));
        amountCaption.set(checkout.text().format(mode == Discounts.Mode.OVERRIDE ? "discount.caption.price"
                : "discount.caption.amount"));
        targetText.set(discounts.targetText());
        String current = discounts.currentText();
        currentText.set(current.isEmpty() ? "" : checkout.text().format("discount.current", current));
    }

    /** F3: a discount of the selected line. */
    public void openLine() {
        discounts.open(Discounts.Mode.LINE);
    }

    /** Shift+F3: a discount of the whole sale. */
    public void openSale() {
        discounts.open(Discounts.Mode.SALE);
    }

    /** Alt+O: a new price for the selected line. */
    public void openOverride() {
        discounts.open(Discounts.Mode.OVERRIDE);
    }

    /** Whether the entry shows (Alt+1…5 and Esc are its own then). */
    public boolean isOpen() {
        return visible.get();
    }

    /** Alt+1…5: the reason at {@code index} (0-based). */
    public void pickReason(int index) {
        if (!isOpen() || index < 0 || index >= reasons.size()) {
            return;
        }
        pickedReason.set(index);
        reasonText.set(discounts.reason(index));
    }

    /** Enter: applies what was typed. */
    public void apply() {
        discounts.apply(amountText.get(), reasonText.get());
    }

    /** Esc: leaves without a change. */
    public void leave() {
        discounts.close();
    }

    public void dispose() {
        subscriptions.close();
    }

    public ReadOnlyBooleanProperty visibleProperty() { return visible; }
    public ReadOnlyStringProperty titleTextProperty() { return titleText; }
    /** "Line 2: Red wine, €17.98" or "The whole sale, €25.00". */
    public ReadOnlyStringProperty targetTextProperty() { return targetText; }
    /** The discount the target has now, empty when none. */
    public ReadOnlyStringProperty currentTextProperty() { return currentText; }
    public ReadOnlyStringProperty amountCaptionProperty() { return amountCaption; }
    public StringProperty amountTextProperty() { return amountText; }
    public StringProperty reasonTextProperty() { return reasonText; }
    /** The reason picked with Alt+n (0-based), -1 when typed or none. */
    public SimpleIntegerProperty pickedReasonProperty() { return pickedReason; }
    /** "Alt+1 Damaged" … as the buttons show them. */
    public ObservableList<String> reasons() { return reasons; }
}
