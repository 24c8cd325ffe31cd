package pos.app.sell.card;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import pos.app.checkout.CardEntry;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.ui.Subscriptions;
import pos.core.money.Money;
import pos.core.sale.TenderType;

/**
 * The card panel, the PIN pad and the card payment in progress (R13–R18): the masked number and
 * its bank, the amount, the shuffled keypad, the payment's state. Observes the {@link Checkout};
 * JavaFX properties, never a node; the card's digits never enter a property unmasked. UI thread only.
 */
public final class CardViewModel {

    private final Checkout checkout;
    private final Subscriptions subscriptions = new Subscriptions();
    private final SimpleBooleanProperty entryVisible = new SimpleBooleanProperty(this, "entryVisible", false);
    private final SimpleBooleanProperty pinVisible = new SimpleBooleanProperty(this, "pinVisible", false);
    private final SimpleBooleanProperty payingVisible = new SimpleBooleanProperty(this, "payingVisible", false);
    private final SimpleStringProperty dueText = new SimpleStringProperty(this, "dueText", "");
    private final SimpleStringProperty cardNumberText = new SimpleStringProperty(this, "cardNumberText", "");
    private final SimpleStringProperty cardBankText = new SimpleStringProperty(this, "cardBankText", "");
    private final StringProperty cardAmountText = new SimpleStringProperty(this, "cardAmountText", "");
    private final SimpleStringProperty pinDotsText = new SimpleStringProperty(this, "pinDotsText", "");
    private final SimpleStringProperty pinAmountText = new SimpleStringProperty(this, "pinAmountText", "");
    private final ObservableList<Integer> keypad = FXCollections.observableArrayList(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    private final SimpleStringProperty payTitle = new SimpleStringProperty(this, "payTitle", "");
    private final SimpleStringProperty payDetail = new SimpleStringProperty(this, "payDetail", "");
    private final SimpleStringProperty paySupport = new SimpleStringProperty(this, "paySupport", "");
    private final SimpleBooleanProperty problem = new SimpleBooleanProperty(this, "problem", false);
    private final SimpleBooleanProperty paid = new SimpleBooleanProperty(this, "paid", false);
    private final SimpleBooleanProperty canOpen = new SimpleBooleanProperty(this, "canOpen", false);
    private final BooleanProperty ageConfirmed = new SimpleBooleanProperty(this, "ageConfirmed", false);
    private final SimpleBooleanProperty ageCheckVisible = new SimpleBooleanProperty(this, "ageCheckVisible", false);

    public CardViewModel(Checkout checkout) {
        this.checkout = checkout;
        cardAmountText.addListener((obs, old, now) -> checkout.card().amountTyped(now));
        ageConfirmed.addListener((obs, old, now) -> checkout.setAgeConfirmed(now));
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        CardEntry card = checkout.card();
        Checkout.Panel panel = checkout.panel();
        CheckoutState state = checkout.state();
        entryVisible.set(panel == Checkout.Panel.CARD_ENTRY);
        pinVisible.set(panel == Checkout.Panel.CARD_PIN);
        boolean paying = panel == Checkout.Panel.GATEWAY && checkout.gatewayTender() == TenderType.CARD;
        payingVisible.set(paying);
        Money due = checkout.cashDue();
        dueText.set(due == null ? "" : checkout.text().money(due));
        cardNumberText.set(card.numberText());
        cardBankText.set(card.bankText());
        cardAmountText.set(card.amountText());
        pinDotsText.set(card.pinDots());
        pinAmountText.set(card.pinAmountText());
        if (!keypad.equals(card.keypad())) {
            keypad.setAll(card.keypad());
        }
        if (paying) {
            payTitle.set(checkout.payments().title());
            payDetail.set(checkout.payments().detail());
        }
        String code = checkout.payments().supportCode();
        paySupport.set(paying && state == CheckoutState.PAYMENT_PROBLEM && !code.isEmpty()
                ? checkout.text().format("card.support", code) : "");
        problem.set(paying && state == CheckoutState.PAYMENT_PROBLEM);
        paid.set(paying && state == CheckoutState.PAID);
        canOpen.set(card.configured() && !checkout.sale().isEmpty() && state != CheckoutState.PAID);
        ageConfirmed.set(checkout.ageConfirmed());
        ageCheckVisible.set(checkout.rules().ageCheckVisible());
    }

    /** F1: the card panel for the amount due. */
    public void open() { checkout.openCard(); }

    /** Characters typed into the card number field (by hand or a card reader's wedge); only the masked form shows. */
    public void typed(String typed) { checkout.card().typed(typed); }

    /** Backspace in the card number field. */
    public void backspace() { checkout.card().backspace(); }

    /** Enter in the card panel: the rule pre-check (R13, R14), then the PIN pad (R18) or the popup (R15). */
    public void check() { checkout.card().check(); }

    /** A key of the shuffled PIN keypad, by its position (0–9) on screen. */
    public void pinKeyAt(int position) { checkout.card().pinKeyAt(position); }

    /** A PIN digit typed on the keyboard (main row, numeric keypad, full-width): the digit itself. */
    public void pinTyped(char typed) { checkout.card().pinTyped(typed); }

    public void pinBackspace() { checkout.card().pinBackspace(); }

    /** OK on the keypad: with six digits, the payment request goes to the payment component (R16). */
    public void pinConfirm() { checkout.card().pinConfirm(); }

    /** Esc: the card panel closes, the digits are forgotten. */
    public void back() { checkout.back(); }

    public void payAgain() { checkout.payAgain(); }
    public void checkAgain() { checkout.checkAgain(); }
    public void newSale() { checkout.newSale(); }

    public void dispose() {
        subscriptions.close();
    }

    public ReadOnlyBooleanProperty entryVisibleProperty() { return entryVisible; }
    public ReadOnlyBooleanProperty pinVisibleProperty() { return pinVisible; }
    /** True while a card payment is under way, failed, or paid the whole sale. */
    public ReadOnlyBooleanProperty payingVisibleProperty() { return payingVisible; }
    public ReadOnlyStringProperty dueTextProperty() { return dueText; }
    public ReadOnlyStringProperty cardNumberTextProperty() { return cardNumberText; }
    public ReadOnlyStringProperty cardBankTextProperty() { return cardBankText; }
    public StringProperty cardAmountTextProperty() { return cardAmountText; }
    public ReadOnlyStringProperty pinDotsTextProperty() { return pinDotsText; }
    /** The amount the customer authorises with the PIN, formatted. */
    public ReadOnlyStringProperty pinAmountTextProperty() { return pinAmountText; }
    /** The PIN keypad's digits in screen order (shuffled for each payment, R18). */
    public ObservableList<Integer> keypad() { return keypad; }
    public ReadOnlyStringProperty payTitleProperty() { return payTitle; }
    public ReadOnlyStringProperty payDetailProperty() { return payDetail; }
    /** The small line for support under a refusal ("For support: gateway code WRONG_PIN"), else "". */
    public ReadOnlyStringProperty paySupportProperty() { return paySupport; }
    public ReadOnlyBooleanProperty problemProperty() { return problem; }
    public ReadOnlyBooleanProperty paidProperty() { return paid; }
    /** True when the card tender can open now (set up, items in the sale). */
    public ReadOnlyBooleanProperty canOpenProperty() { return canOpen; }
    public BooleanProperty ageConfirmedProperty() { return ageConfirmed; }
    public ReadOnlyBooleanProperty ageCheckVisibleProperty() { return ageCheckVisible; }
}
