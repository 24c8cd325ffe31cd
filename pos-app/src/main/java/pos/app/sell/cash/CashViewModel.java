package pos.app.sell.cash;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.CheckoutText;
import pos.app.ui.Subscriptions;
import pos.core.money.Money;
import pos.core.sale.TenderType;
import pos.core.sale.TenderVerdict;

/**
 * The cash panel: what is due, what the customer handed over, the change; Enter pays (after the
 * checkout's rule pre-check). Observes the {@link Checkout}; JavaFX properties, never a node. UI thread only.
 */
public final class CashViewModel {

    /** Longer change texts than this (e.g. "€1,234,567.89") are shown in a smaller type. */
    static final int LONG_CHANGE = 10;

    private final Checkout checkout;
    private final CheckoutText text;
    private final Subscriptions subscriptions = new Subscriptions();
    private final StringProperty tenderedText = new SimpleStringProperty(this, "tenderedText", "");
    private final SimpleStringProperty dueText = new SimpleStringProperty(this, "dueText", "");
    private final SimpleStringProperty changeText = new SimpleStringProperty(this, "changeText", "");
    private final SimpleStringProperty titleText = new SimpleStringProperty(this, "titleText", "");
    private final SimpleBooleanProperty visible = new SimpleBooleanProperty(this, "visible", false);
    private final SimpleBooleanProperty paid = new SimpleBooleanProperty(this, "paid", false);
    private final SimpleBooleanProperty tenderedDisabled = new SimpleBooleanProperty(this, "tenderedDisabled", true);
    private final SimpleBooleanProperty confirmDisabled = new SimpleBooleanProperty(this, "confirmDisabled", false);
    private final SimpleBooleanProperty saveFailed = new SimpleBooleanProperty(this, "saveFailed", false);
    private final BooleanProperty ageConfirmed = new SimpleBooleanProperty(this, "ageConfirmed", false);
    private final SimpleBooleanProperty ageCheckVisible = new SimpleBooleanProperty(this, "ageCheckVisible", false);
    private final SimpleBooleanProperty confirmAsked = new SimpleBooleanProperty(this, "confirmAsked", false);
    private final SimpleStringProperty confirmText = new SimpleStringProperty(this, "confirmText", "");
    private final SimpleBooleanProperty changeLong = new SimpleBooleanProperty(this, "changeLong", false);
    private final SimpleStringProperty roundingText = new SimpleStringProperty(this, "roundingText", "");
    private int cashPrompts;
    private CheckoutState shownState;
    private boolean refreshing;

    public CashViewModel(Checkout checkout) {
        this.checkout = checkout;
        this.text = checkout.text();
        this.cashPrompts = checkout.cashPrompts();
        tenderedText.addListener((obs, old, now) -> {
            showChange();
            if (!refreshing) {
                checkout.cash().typed(now); // the clerk's edit: messages about the old amount go
            }
        });
        ageConfirmed.addListener((obs, old, now) -> checkout.setAgeConfirmed(now));
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        CheckoutState state = checkout.state();
        if (checkout.cashPrompts() != cashPrompts || state != shownState && state == CheckoutState.CART) {
            cashPrompts = checkout.cashPrompts();
            refreshing = true;
            try {
                tenderedText.set("");
            } finally {
                refreshing = false;
            }
        }
        shownState = state;
        Money due = checkout.cashDue();
        dueText.set(due == null ? "" : text.money(due));
        // issue 12: the store's cash rounding, shown as its own line under the rounded amount due
        Money rounding = state == CheckoutState.CASH ? checkout.cash().roundingNow() : checkout.sale().rounding();
        roundingText.set(rounding.isZero() || state == CheckoutState.CART ? ""
                : text.format("tender.cash.rounding", text.money(rounding), text.money(checkout.sale().total())));
        visible.set(checkout.panel() == Checkout.Panel.CASH && state != CheckoutState.CART);
        boolean isPaid = state == CheckoutState.PAID;
        paid.set(isPaid);
        boolean paidInCash = checkout.sale().tenders().stream().anyMatch(t -> t.type() == TenderType.CASH);
        boolean split = checkout.sale().tenders().size() > 1;
        titleText.set(!isPaid ? text.format("tender.cash.title")
                : split ? text.format("tender.split.paidTitle", checkout.cash().paidText())
                : text.format(paidInCash ? "tender.cash.paidTitle" : "pay.paidTitle"));
        TenderVerdict.Confirm confirm = state == CheckoutState.CASH ? checkout.cash().toConfirm() : null;
        confirmAsked.set(confirm != null);
        confirmText.set(confirm == null ? "" : text.format("tender.cash.confirmDetail",
                text.money(checkout.cash().tenderedToConfirm()), text.money(confirm.change()), text.money(confirm.plausibleChange())));
        tenderedDisabled.set(state != CheckoutState.CASH);
        confirmDisabled.set(state == CheckoutState.SAVING);
        saveFailed.set(state == CheckoutState.SAVE_FAILED);
        showChange();
        ageConfirmed.set(checkout.ageConfirmed());
        ageCheckVisible.set(checkout.rules().ageCheckVisible());
    }

    private void showChange() {
        Money change = checkout.state() == CheckoutState.CASH ? checkout.changeFor(tenderedText.get()) : checkout.change();
        changeText.set(change == null ? "" : text.money(change));
        changeLong.set(changeText.get().length() > LONG_CHANGE);
    }

    /** F9: open the cash panel for the amount due. */
    public void open() {
        checkout.openCash();
    }

    /** Fills in the exact amount due (the customer paid exactly). */
    public void exact() {
        if (checkout.state() == CheckoutState.CASH) {
            checkout.clicked(pos.core.events.ElementIds.CASH_EXACT);
            tenderedText.set(text.plain(checkout.cash().roundedDue()));
        }
    }

    /** Enter: take the cash, journal the sale, show the change; after a failed journal write, try again. */
    public void confirm() {
        checkout.payCash(tenderedText.get());
    }

    /** Esc: back to the cart (not once part of the sale is paid). */
    public void back() {
        checkout.back();
    }

    /** F12 after the sale is paid. */
    public void newSale() {
        checkout.newSale();
    }

    public void dispose() {
        subscriptions.close();
    }

    public StringProperty tenderedTextProperty() { return tenderedText; }
    public ReadOnlyStringProperty dueTextProperty() { return dueText; }
    public ReadOnlyStringProperty changeTextProperty() { return changeText; }
    public ReadOnlyStringProperty titleTextProperty() { return titleText; }
    public ReadOnlyBooleanProperty visibleProperty() { return visible; }
    public ReadOnlyBooleanProperty paidProperty() { return paid; }
    public ReadOnlyBooleanProperty tenderedDisabledProperty() { return tenderedDisabled; }
    public ReadOnlyBooleanProperty confirmDisabledProperty() { return confirmDisabled; }
    /** True after a failed journal write: Enter (the confirm button) tries again. */
    public ReadOnlyBooleanProperty saveFailedProperty() { return saveFailed; }
    public BooleanProperty ageConfirmedProperty() { return ageConfirmed; }
    public ReadOnlyBooleanProperty ageCheckVisibleProperty() { return ageCheckVisible; }
    /** True while an implausible amount waits for the clerk: Enter takes it, Esc or typing corrects it. */
    public ReadOnlyBooleanProperty confirmAskedProperty() { return confirmAsked; }
    public ReadOnlyStringProperty confirmTextProperty() { return confirmText; }
    /** True when the change is too long for the large type: the view shows it smaller, never cut. */
    public ReadOnlyBooleanProperty changeLongProperty() { return changeLong; }
    /** "Rounding −€0.02 (exact €10.02)" while the cash due is rounded, else empty. */
    public ReadOnlyStringProperty roundingTextProperty() { return roundingText; }
}
