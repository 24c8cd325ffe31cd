package pos.app.sell.cart;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import pos.app.checkout.CartRow;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.CheckoutText;
import pos.app.checkout.MessageKind;
import pos.app.ui.Subscriptions;
import pos.core.card.CardNumber;
import pos.core.catalog.Lookup;
import pos.core.catalog.Product;
import pos.core.device.ScanText;
import pos.core.text.NumericText;
import pos.core.money.Money;
import pos.core.money.MoneyFormatException;
import pos.core.sale.Sale;

/**
 * The cart and search part of the sell screen: the entry field, the search results, the cart's
 * lines and totals, and the actions beside them (quantities, void, cancel, the tender buttons).
 * Observes the {@link Checkout}; holds JavaFX properties, never a node. UI thread only.
 */
public final class CartViewModel {

    static final int SEARCH_LIMIT = 30;
    /** "12*": the next item twelve times (the store convention, shown on the Qty × button). */
    private static final Pattern QUANTITY_FIRST = Pattern.compile("(\\d{1,5})\\s*[*×]\\s*(.*)");
    /** "*5": the selected line's quantity becomes five. */
    private static final Pattern QUANTITY_OF_SELECTED = Pattern.compile("[*×]\\s*(\\d{1,5})");

    private final Checkout checkout;
    private final CheckoutText text;
    private final Subscriptions subscriptions = new Subscriptions();
    private final ObservableList<CartRow> cart = FXCollections.observableArrayList();
    private final ObservableList<Product> searchResults = FXCollections.observableArrayList();
    private final ObjectProperty<CartRow> selectedRow = new SimpleObjectProperty<>(this, "selectedRow");
    private final StringProperty entryText = new SimpleStringProperty(this, "entryText", "");
    private final SimpleStringProperty totalText = new SimpleStringProperty(this, "totalText", "");
    private final SimpleStringProperty itemCountText = new SimpleStringProperty(this, "itemCountText", "");
    private final SimpleStringProperty taxText = new SimpleStringProperty(this, "taxText", "");
    private final SimpleStringProperty discountText = new SimpleStringProperty(this, "discountText", "");
    private final SimpleStringProperty saleNumberText = new SimpleStringProperty(this, "saleNumberText", "");
    private final SimpleBooleanProperty canTender = new SimpleBooleanProperty(this, "canTender", false);
    private final SimpleBooleanProperty visible = new SimpleBooleanProperty(this, "visible", true);
    private final SimpleBooleanProperty entryDisabled = new SimpleBooleanProperty(this, "entryDisabled", false);
    private final BooleanProperty ageConfirmed = new SimpleBooleanProperty(this, "ageConfirmed", false);
    private final SimpleBooleanProperty ageCheckVisible = new SimpleBooleanProperty(this, "ageCheckVisible", false);
    private final SimpleBooleanProperty hasPeople = new SimpleBooleanProperty(this, "hasPeople", false);
    private final SimpleBooleanProperty cardSetUp = new SimpleBooleanProperty(this, "cardSetUp", false);
    private final SimpleBooleanProperty gatewaySetUp = new SimpleBooleanProperty(this, "gatewaySetUp", false);
    private final SimpleBooleanProperty memberSetUp = new SimpleBooleanProperty(this, "memberSetUp", false);
    private final SimpleStringProperty cardNotSetUpText = new SimpleStringProperty(this, "cardNotSetUpText", "");
    private final SimpleStringProperty gatewayNotSetUpText = new SimpleStringProperty(this, "gatewayNotSetUpText", "");
    private final SimpleStringProperty memberNotSetUpText = new SimpleStringProperty(this, "memberNotSetUpText", "");
    /** Why member pay cannot work on this till (a bundle key), or null when it can. */
    private String memberPayNotSetUp;
    private Sale shownSale;
    /** The text whose matches the search list shows (the clerk has seen them), or null. */
    private String shownQuery;
    /** The quantity this field's "12*" set for the next item, until an item uses it. */
    private int typedQuantity;
    private Runnable memberPay = () -> { };
    private Runnable switchClerk = () -> { };
    private Runnable openPeople = () -> { };

    public CartViewModel(Checkout checkout) {
        this.checkout = checkout;
        this.text = checkout.text();
        selectedRow.addListener((obs, old, row) -> {
            if (row != null) {
                checkout.cart().select(row.lineNo());
            }
        });
        ageConfirmed.addListener((obs, old, now) -> checkout.setAgeConfirmed(now));
        entryText.addListener((obs, old, now) -> typedQuantity(now));
        refresh();
        subscriptions.add(checkout.onChange(this::refresh));
    }

    private void refresh() {
        Sale sale = checkout.sale();
        if (sale != shownSale) {
            shownSale = sale;
            searchResults.clear();
            shownQuery = null;
            typedQuantity = 0;
            entryText.set("");
            saleNumberText.set(checkout.cart().saleNumber(sale));
        }
        if (typedQuantity != 0 && checkout.cart().nextQuantity() == 0) {
            typedQuantity = 0;
            entryText.set(""); // an item took the "12*": the field is ready for the next
        }
        List<CartRow> rows = checkout.cart().rows();
        if (!rows.equals(cart)) {
            cart.setAll(rows);
        }
        int selected = checkout.cart().selectedLine();
        selectedRow.set(cart.stream().filter(r -> r.lineNo() == selected).findFirst().orElse(null));
        var totals = sale.totals();
        totalText.set(text.money(totals.total()));
        itemCountText.set(text.format("sell.itemCount", totals.itemCount()));
        taxText.set(text.format("sell.taxIncluded", text.money(totals.taxTotal())));
        discountText.set(totals.discountTotal().isZero() ? "" : sale.saleDiscount()
                .map(d -> text.format("discount.totals.withSale", text.money(totals.discountTotal()),
                        checkout.discounts().note(d), text.money(totals.saleDiscount())))
                .orElse(text.format("discount.totals", text.money(totals.discountTotal()))));
        CheckoutState state = checkout.state();
        canTender.set(!sale.isEmpty() && state != CheckoutState.PAID);
        Checkout.Panel panel = checkout.panel();
        visible.set(panel == Checkout.Panel.CART);
        entryDisabled.set(panel == Checkout.Panel.CASH && state != CheckoutState.PAID
                || panel == Checkout.Panel.CARD_ENTRY || panel == Checkout.Panel.CARD_PIN);
        ageConfirmed.set(checkout.ageConfirmed());
        ageCheckVisible.set(checkout.rules().ageCheckVisible());
        // issue 11 defect 8: a tender this till has no set-up for is off, and says why, before anyone presses it
        // (the reason first: a view that hears "set up" change reads the reason that goes with it)
        cardNotSetUpText.set(checkout.card().configured() ? "" : checkout.payments().notSetUpText("card.notConfigured"));
        cardSetUp.set(checkout.card().configured());
        gatewayNotSetUpText.set(checkout.payments().configured() ? "" : checkout.payments().notSetUpText("pay.notConfigured"));
        gatewaySetUp.set(checkout.payments().configured());
        memberNotSetUpText.set(memberPayNotSetUp == null ? "" : text.format(memberPayNotSetUp));
        memberSetUp.set(hasPeople.get() && memberPayNotSetUp == null);
    }

    /** The entry field's text changed: "12*" sets the quantity of the next item; anything else clears it. */
    private void typedQuantity(String now) {
        Matcher quantity = now == null ? null : QUANTITY_FIRST.matcher(now.strip());
        if (quantity != null && quantity.matches() && quantity.group(2).isEmpty()) {
            int n = Integer.parseInt(quantity.group(1));
            typedQuantity = n < 1 ? 0 : n;
            checkout.cart().quantityForNext(n < 1 ? -1 : n);
        } else if (typedQuantity != 0) {
            typedQuantity = 0;
            checkout.cart().quantityForNext(0);
        }
    }

    /**
     * Enter in the entry field: "*5" (the selected line's quantity), "3*code", a price after an
     * unknown code was offered as an open-price item, a code typed by hand, or words of a product name.
     */
    public void submitEntry() {
        String typed = entryText.get() == null ? "" : entryText.get().strip();
        if (typed.isEmpty()) {
            if (searchResults.size() == 1) {
                addSearchResult(searchResults.get(0));
            }
            return;
        }
        Matcher ofSelected = QUANTITY_OF_SELECTED.matcher(typed);
        if (ofSelected.matches()) {
            if (checkout.cart().setSelectedQuantity(Integer.parseInt(ofSelected.group(1)))) {
                entryText.set("");
            }
            return;
        }
        Matcher first = QUANTITY_FIRST.matcher(typed);
        if (first.matches() && first.group(2).isBlank()) {
            return; // "12*" and Enter: the quantity waits for the item (the message says so)
        }
        if (first.matches()) {
            int n = Integer.parseInt(first.group(1));
            typedQuantity = 0;
            checkout.cart().quantityForNext(n < 1 ? -1 : n);
            if (checkout.cart().nextQuantity() == 0) {
                return;
            }
            typed = first.group(2).strip();
        }
        if (openPrice(typed)) {
            return;
        }
        if (looksLikeCard(typed)) {
            // never kept on screen, never searched: a card is taken with the card tender
            entryText.set("");
            searchResults.clear();
            checkout.say(MessageKind.ERROR, "sell.entry.cardNumber", CheckoutText.abbreviate(typed));
            return;
        }
        switch (checkout.cart().addTyped(typed)) {
            case ADDED -> {
                entryText.set("");
                searchResults.clear();
            }
            case NOT_A_CODE -> searchOrAdd(typed);
            case REFUSED -> { }
        }
    }

    /** A card number, typed whole (15–19 digits) or in groups; an unbroken EAN-13 that happens to pass Luhn is no card. */
    private static boolean looksLikeCard(String typed) {
        String digits = NumericText.fold(typed).replaceAll("[ -]", "");
        return CardNumber.looksLikeCard(digits) && (!digits.equals(typed) || ScanText.classify(digits) == ScanText.Kind.CARD_NUMBER);
    }

    /** A price typed after an unknown code was offered as an open-price item (a known code stays a code). */
    private boolean openPrice(String typed) {
        if (checkout.cart().openPriceCode() == null) {
            return false;
        }
        Lookup lookup = checkout.cart().catalog().lookup(typed);
        if (lookup instanceof Lookup.Piece || lookup instanceof Lookup.Weighed || lookup instanceof Lookup.Priced) {
            return false;
        }
        Money price;
        try {
            price = Money.parse(typed, checkout.currency());
        } catch (MoneyFormatException e) {
            return false; // not a price: a code or words, as any other entry
        }
        if (checkout.cart().addOpenPrice(price)) {
            entryText.set("");
        }
        return true;
    }

    /**
     * Words typed and Enter: the one match is added only when the clerk has seen it in the list
     * (typed slowly enough for the search as typed to show it); otherwise the matches show first.
     * A garbled scanner read that the wedge gave back as typing so never adds a product by itself.
     */
    private void searchOrAdd(String query) {
        if (query.equals(shownQuery) && searchResults.size() == 1) {
            addSearchResult(searchResults.get(0));
            return;
        }
        List<Product> hits = checkout.cart().catalog().search(query, SEARCH_LIMIT);
        searchResults.setAll(hits);
        shownQuery = query;
        if (hits.isEmpty()) {
            checkout.say(MessageKind.ERROR, "sell.search.none", CheckoutText.abbreviate(query));
        } else if (hits.size() == 1) {
            checkout.say(MessageKind.INFO, "sell.search.one", hits.get(0).name());
        } else {
            checkout.say(MessageKind.INFO, "sell.search.many", hits.size());
        }
    }

    /**
     * The search as the clerk types (the view calls it a moment after the last key): the matches of
     * the entry's words show in the list; nothing for a quantity, a price, a card number or an empty field.
     * The catalog is in memory: this is quick enough for the UI thread.
     */
    public void searchAsTyped() {
        String typed = entryText.get() == null ? "" : entryText.get().strip();
        boolean words = typed.codePointCount(0, typed.length()) >= 2 && !QUANTITY_FIRST.matcher(typed).matches()
                && !QUANTITY_OF_SELECTED.matcher(typed).matches() && !looksLikeCard(typed)
                && !typed.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == ',');
        if (!words) {
            searchResults.clear();
            shownQuery = null;
            return;
        }
        searchResults.setAll(checkout.cart().catalog().search(typed, SEARCH_LIMIT));
        shownQuery = typed;
    }

    /** Esc with the search list showing: the list closes (the typed words stay). */
    public boolean closeSearch() {
        if (searchResults.isEmpty()) {
            return false;
        }
        searchResults.clear();
        shownQuery = null;
        return true;
    }

    /** The clerk picked a product from the search results. */
    public void addSearchResult(Product product) {
        if (checkout.cart().addProduct(product)) {
            searchResults.clear();
            shownQuery = null;
            entryText.set("");
        }
    }

    public void increaseQuantity() { checkout.cart().increase(); }
    public void decreaseQuantity() { checkout.cart().decrease(); }
    public void removeSelectedLine() { checkout.cart().removeSelected(); }
    public void cancelSale() { checkout.cart().cancelSale(); }

    /** The Discount (F3) button: a discount of the selected line (issue 12). */
    public void discountSelectedLine() { checkout.discounts().open(pos.app.checkout.Discounts.Mode.LINE); }
    public void newSale() { checkout.newSale(); }
    public void openCash() { checkout.openCash(); }
    public void openCard() { checkout.openCard(); }
    public void openQr() { checkout.openQr(); }
    public void openPayCode() { checkout.openPayCode(); }

    /**
     * What the member, switch-clerk and people buttons do; they show only on a till with people.
     *
     * @param memberPayNotSetUp why member pay cannot work on this till (a bundle key), or null when it can
     */
    public void usePeopleActions(Runnable memberPay, Runnable switchClerk, Runnable openPeople, String memberPayNotSetUp) {
        this.memberPay = memberPay;
        this.switchClerk = switchClerk;
        this.openPeople = openPeople;
        this.memberPayNotSetUp = memberPayNotSetUp;
        hasPeople.set(true);
        refresh();
    }

    /** Ctrl+M: the member pays by finger from stored value; on a till not set up for it, the clerk is told why. */
    public void memberPay() {
        if (!hasPeople.get() || checkout.locked()) {
            return;
        }
        if (memberPayNotSetUp != null) {
            checkout.say(MessageKind.ERROR, memberPayNotSetUp);
            return;
        }
        memberPay.run();
    }

    /** Ctrl+L: another clerk takes over the till (the sign-in screen shows; the open sale stays). */
    public void switchClerk() {
        if (hasPeople.get()) {
            switchClerk.run();
        }
    }

    /** Ctrl+P: clerks, members and their fingerprints (a supervisor's). */
    public void openPeople() {
        if (hasPeople.get() && !checkout.locked()) {
            openPeople.run();
        }
    }

    /** The clerk opened the reports view (R19's own click, so the report counts its use). */
    public void reportsOpened() {
        checkout.clicked(pos.core.events.ElementIds.OPEN_REPORTS);
    }

    /** Stops observing the checkout. */
    public void dispose() {
        subscriptions.close();
    }

    public ObservableList<CartRow> rows() { return cart; }
    public ObservableList<Product> searchResults() { return searchResults; }
    public ObjectProperty<CartRow> selectedRowProperty() { return selectedRow; }
    public StringProperty entryTextProperty() { return entryText; }
    public ReadOnlyStringProperty totalTextProperty() { return totalText; }
    public ReadOnlyStringProperty itemCountTextProperty() { return itemCountText; }
    public ReadOnlyStringProperty taxTextProperty() { return taxText; }
    /** "Discounts −€3.00 (sale: 10 % (loyalty) −€2.00)", empty when the sale has none (issue 12). */
    public ReadOnlyStringProperty discountTextProperty() { return discountText; }
    public ReadOnlyStringProperty saleNumberTextProperty() { return saleNumberText; }
    /** True while the sale has items and is not paid: the tender and cart buttons work. */
    public ReadOnlyBooleanProperty canTenderProperty() { return canTender; }
    /** True while the cart's own actions show beside it (no tender panel open). */
    public ReadOnlyBooleanProperty visibleProperty() { return visible; }
    public ReadOnlyBooleanProperty entryDisabledProperty() { return entryDisabled; }
    public BooleanProperty ageConfirmedProperty() { return ageConfirmed; }
    public ReadOnlyBooleanProperty ageCheckVisibleProperty() { return ageCheckVisible; }
    public ReadOnlyBooleanProperty hasPeopleProperty() { return hasPeople; }
    /** True when this till can take cards (F1). */
    public ReadOnlyBooleanProperty cardSetUpProperty() { return cardSetUp; }
    /** True when this till has a payment gateway: QR (F11) and pay-code (F4). */
    public ReadOnlyBooleanProperty gatewaySetUpProperty() { return gatewaySetUp; }
    /** True when member pay (Ctrl+M) can work on this till. */
    public ReadOnlyBooleanProperty memberSetUpProperty() { return memberSetUp; }
    /** Why the card tender is off, or "". */
    public ReadOnlyStringProperty cardNotSetUpTextProperty() { return cardNotSetUpText; }
    /** Why the QR and pay-code tenders are off, or "". */
    public ReadOnlyStringProperty gatewayNotSetUpTextProperty() { return gatewayNotSetUpText; }
    /** Why member pay is off, or "". */
    public ReadOnlyStringProperty memberNotSetUpTextProperty() { return memberNotSetUpText; }
}
