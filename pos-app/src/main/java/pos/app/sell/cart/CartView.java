package pos.app.sell.cart;

import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.animation.PauseTransition;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.StackPane;
import javafx.scene.text.Text;
import javafx.stage.Window;
import javafx.util.Duration;
import pos.app.checkout.CartRow;
import pos.app.ui.Fxml;
import pos.app.ui.MoneyFormat;
import pos.app.ui.ViewBindings;
import pos.core.catalog.Product;

/**
 * The cart and search part's view: {@code Cart.fxml} (entry, search, cart), {@code CartTotals.fxml}
 * and {@code CartActions.fxml} bound to a {@link CartViewModel}. Bindings and forwarding only. FX thread only.
 */
public final class CartView {

    private final CartViewModel model;
    private final MoneyFormat money;
    private static final PseudoClass OPEN_PRICE = PseudoClass.getPseudoClass("open-price");
    private static final double SEARCH_CELL_HEIGHT = 48;
    private static final Duration SEARCH_DELAY = Duration.millis(150);
    private final ViewBindings bindings = new ViewBindings();
    private final PauseTransition searchDelay = new PauseTransition(SEARCH_DELAY);
    private Consumer<Window> openReports;
    private Consumer<Window> openCameraSettings;
    private Parent main;
    private Parent totals;
    private Parent actions;
    private String notSetUpText;

    @FXML private TextField entryField;
    @FXML private ListView<Product> searchList;
    @FXML private StackPane cartStack;
    @FXML private TableView<CartRow> cartTable;
    @FXML private TableColumn<CartRow, Integer> lineColumn;
    @FXML private TableColumn<CartRow, String> itemColumn;
    @FXML private TableColumn<CartRow, String> qtyColumn;
    @FXML private TableColumn<CartRow, String> unitPriceColumn;
    @FXML private TableColumn<CartRow, String> totalColumn;
    @FXML private Label totalLabel;
    @FXML private Label itemCountLabel;
    @FXML private Label taxLabel;
    @FXML private Label discountLabel;
    @FXML private Button qtyPlusButton;
    @FXML private Button qtyMinusButton;
    @FXML private Button removeButton;
    @FXML private Button cancelSaleButton;
    @FXML private Button reportsButton;
    @FXML private Button cameraButton;
    @FXML private Button switchClerkButton;
    @FXML private Button peopleButton;
    @FXML private Button memberButton;
    @FXML private Button cardButton;
    @FXML private Button payCodeButton;
    @FXML private Button qrButton;
    @FXML private Button cashButton;
    @FXML private CheckBox sellAgeCheck;

    private CartView(CartViewModel model, MoneyFormat money) {
        this.model = model;
        this.money = money;
    }

    /**
     * Loads the part.
     *
     * @param openReports        opens the reports window over the given owner, or null for no reports button
     * @param openCameraSettings opens the camera settings, or null for no camera button
     */
    public static CartView load(CartViewModel model, ResourceBundle text, MoneyFormat money, Consumer<Window> openReports,
            Consumer<Window> openCameraSettings) {
        CartView view = new CartView(model, money);
        view.openReports = openReports;
        view.openCameraSettings = openCameraSettings;
        view.notSetUpText = text.getString("tender.notSetUp");
        view.main = Fxml.load("/pos/app/sell/cart/Cart.fxml", text, view, "/pos/app/sell/cart/cart.css");
        view.totals = Fxml.load("/pos/app/sell/cart/CartTotals.fxml", text, view, null);
        view.actions = Fxml.load("/pos/app/sell/cart/CartActions.fxml", text, view, null);
        view.bind();
        view.fitEntryPrompt(text.getString("label.entryPrompt"), text.getString("label.entryPromptShort"));
        return view;
    }

    /**
     * The entry field's hint whole where it fits, else its short form: beside the camera's picture at 1024x768 the
     * field is too narrow for the whole one, and a hint cut to "... 12* the" tells the clerk nothing.
     */
    private void fitEntryPrompt(String whole, String brief) {
        Text probe = new Text(whole);
        javafx.beans.InvalidationListener fit = changed -> {
            probe.setFont(entryField.getFont());
            double room = entryField.getWidth() - entryField.snappedLeftInset() - entryField.snappedRightInset();
            entryField.setPromptText(room <= 0 || probe.getLayoutBounds().getWidth() <= room ? whole : brief);
        };
        entryField.widthProperty().addListener(fit);
        entryField.fontProperty().addListener(fit);
        fit.invalidated(null);
    }

    /** The entry field, search results and cart table. */
    public Parent main() { return main; }
    /** The total, item count and tax. */
    public Parent totals() { return totals; }
    /** The cart's actions and the tender buttons (shown while no tender panel is open). */
    public Parent actions() { return actions; }

    private void bind() {
        bindings.bindBoth(entryField.textProperty(), model.entryTextProperty());
        bindings.disable(entryField, model.entryDisabledProperty());
        entryField.setOnAction(e -> model.submitEntry());
        entryField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN) {
                if (!model.searchResults().isEmpty()) {
                    searchList.requestFocus();
                    searchList.getSelectionModel().selectFirst();
                } else if (!model.rows().isEmpty()) {
                    cartTable.requestFocus();
                }
                e.consume();
            } else if (e.getCode() == KeyCode.UP && !model.rows().isEmpty() && model.searchResults().isEmpty()) {
                // into the cart, one line up from the selected one (issue 11 defect 4)
                int selected = cartTable.getSelectionModel().getSelectedIndex();
                int up = selected < 0 ? model.rows().size() - 1 : Math.max(0, selected - 1);
                cartTable.requestFocus();
                cartTable.getSelectionModel().clearAndSelect(up);
                cartTable.getFocusModel().focus(up);
                cartTable.scrollTo(up);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && model.closeSearch()) {
                e.consume(); // Esc closes the search list over the cart first
            }
        });
        // the matches show as the clerk types, a moment after the last key (issue 11 defect 11)
        searchDelay.setOnFinished(e -> model.searchAsTyped());
        bindings.listen(model.entryTextProperty(), typed -> searchDelay.playFromStart());
        bindings.onClose(searchDelay::stop);
        searchList.setItems(model.searchResults());
        // as tall as its matches (at most five): the cart's lines below stay in sight
        searchList.setFixedCellSize(SEARCH_CELL_HEIGHT);
        bindings.listen(model.searchResults(), () -> searchList.setPrefHeight(
                Math.min(model.searchResults().size(), 5) * SEARCH_CELL_HEIGHT + 6));
        bindings.show(searchList, javafx.beans.binding.Bindings.isNotEmpty(model.searchResults()));
        searchList.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(Product product, boolean empty) {
                super.updateItem(product, empty);
                setText(empty || product == null ? null
                        : product.name() + "   ·   " + product.code() + "   ·   " + money.format(product.unitPrice()));
            }
        });
        searchList.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER && searchList.getSelectionModel().getSelectedItem() != null) {
                model.addSearchResult(searchList.getSelectionModel().getSelectedItem());
                entryField.requestFocus();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && model.closeSearch()) {
                entryField.requestFocus();
                e.consume();
            } else if (e.getCode() == KeyCode.UP && searchList.getSelectionModel().getSelectedIndex() <= 0) {
                entryField.requestFocus();
                e.consume();
            }
        });
        searchList.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY && searchList.getSelectionModel().getSelectedItem() != null) {
                model.addSearchResult(searchList.getSelectionModel().getSelectedItem());
                entryField.requestFocus();
            }
        });
        bindCart();
        bindings.bind(totalLabel.textProperty(), model.totalTextProperty());
        bindings.bind(itemCountLabel.textProperty(), model.itemCountTextProperty());
        bindings.bind(taxLabel.textProperty(), model.taxTextProperty());
        bindings.bind(discountLabel.textProperty(), model.discountTextProperty());
        bindings.show(discountLabel, model.discountTextProperty().isNotEmpty());
        bindActions();
    }

    private void bindCart() {
        lineColumn.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().lineNo()));
        itemColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
        itemColumn.setCellFactory(column -> new DiscountedItemCell()); // issue 12: discount sub-line
        qtyColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().quantity()));
        unitPriceColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().unitPrice()));
        totalColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().total()));
        cartTable.setItems(model.rows());
        cartTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(CartRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(OPEN_PRICE, !empty && row != null && row.openPrice());
            }
        });
        bindings.listen(model.selectedRowProperty(), row -> {
            if (row != null && cartTable.getSelectionModel().getSelectedItem() != row) {
                cartTable.getSelectionModel().select(row);
                cartTable.scrollTo(row);
            }
        });
        bindings.listen(cartTable.getSelectionModel().selectedItemProperty(), row -> {
            if (row != null) {
                model.selectedRowProperty().set(row);
            }
        });
        // a code or name typed while the cart has the focus goes on in the entry field, not lost (issue 11 defect 4);
        // a handler, not a filter: the scanner's scene filter has decided on every key before this runs
        cartTable.addEventHandler(KeyEvent.KEY_TYPED, e -> {
            String typed = e.getCharacter();
            if (!entryField.isDisabled() && !typed.isBlank() && !Character.isISOControl(typed.charAt(0))
                    && !e.isControlDown() && !e.isMetaDown()) {
                entryField.requestFocus();
                entryField.appendText(typed);
                entryField.end();
                e.consume();
            }
        });
    }

    private void bindActions() {
        bindings.show(actions, model.visibleProperty());
        for (Button needsItems : new Button[] {qtyPlusButton, qtyMinusButton, removeButton, cancelSaleButton, cashButton}) {
            bindings.disable(needsItems, model.canTenderProperty().not());
        }
        tender(cardButton, model.cardSetUpProperty(), model.cardNotSetUpTextProperty());
        tender(payCodeButton, model.gatewaySetUpProperty(), model.gatewayNotSetUpTextProperty());
        tender(qrButton, model.gatewaySetUpProperty(), model.gatewayNotSetUpTextProperty());
        tender(memberButton, model.memberSetUpProperty(), model.memberNotSetUpTextProperty());
        for (Button people : new Button[] {switchClerkButton, peopleButton, memberButton}) {
            bindings.show(people, model.hasPeopleProperty());
        }
        reportsButton.setVisible(openReports != null);
        reportsButton.setManaged(openReports != null);
        cameraButton.setVisible(openCameraSettings != null);
        cameraButton.setManaged(openCameraSettings != null);
        bindings.bindBoth(sellAgeCheck.selectedProperty(), model.ageConfirmedProperty());
        bindings.show(sellAgeCheck, model.ageCheckVisibleProperty());
    }

    /**
     * A tender button: off while the sale cannot be paid or the till has no set-up for it; then a greyed "not set up"
     * under its name says so on the screen (not only in a tooltip), and the whole reason is its tooltip and what a
     * screen reader says (issue 11 defect 8).
     */
    private void tender(Button button, javafx.beans.value.ObservableBooleanValue setUp,
            javafx.beans.value.ObservableStringValue reason) {
        bindings.disable(button, model.canTenderProperty().not().or(javafx.beans.binding.Bindings.not(setUp)));
        Label note = new Label(notSetUpText);
        note.getStyleClass().add("not-set-up");
        bindings.show(note, javafx.beans.binding.Bindings.not(setUp));
        button.setGraphic(note);
        bindings.style(button, "tender-off", javafx.beans.binding.Bindings.not(setUp)); // room for the note's line
        button.setContentDisplay(javafx.scene.control.ContentDisplay.BOTTOM);
        String name = button.getText();
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        bindings.bind(tip.textProperty(), reason);
        bindings.listen(setUp, ready -> {
            button.setTooltip(ready ? null : tip);
            button.setAccessibleText(ready ? null : name + ", " + notSetUpText + ": " + reason.get());
        });
    }

    /** F2 and the checkout's wish: the keystrokes go to the entry field. */
    public void focusEntry() { entryField.requestFocus(); }

    /** F3: the entry field, its text selected, for a name search. */
    public void focusSearch() {
        entryField.requestFocus();
        entryField.selectAll();
    }

    public void focusCart() { cartTable.requestFocus(); }
    public void focusAgeCheck() { sellAgeCheck.requestFocus(); }

    /** Ctrl+R: the reports window (R19), when this till has reports. */
    public void openReports() {
        if (openReports != null) {
            model.reportsOpened();
            openReports.accept(main.getScene().getWindow());
        }
    }

    /** Ctrl+K: the camera settings, when this till has a webcam. */
    public void openCameraSettings() {
        if (openCameraSettings != null) {
            openCameraSettings.accept(main.getScene().getWindow());
        }
    }

    public boolean hasReports() {
        return openReports != null;
    }

    /** Undoes every binding; the view model may live on. */
    public void dispose() {
        bindings.close();
        cartTable.setItems(null);
        searchList.setItems(null);
    }

    @FXML private void onQtyPlus() { model.increaseQuantity(); }

    /** Qty × (*): the entry field takes the quantity, "12*" before a scan or "*12" for the selected line. */
    @FXML private void onQtyTimes() {
        entryField.requestFocus();
        String typed = entryField.getText() == null ? "" : entryField.getText().strip();
        entryField.setText(typed.matches("\\d{1,5}") ? typed + "*" : "*");
        entryField.end();
    }
    @FXML private void onQtyMinus() { model.decreaseQuantity(); }
    @FXML private void onRemove() { model.removeSelectedLine(); }
    @FXML private void onSearch() { focusSearch(); }
    @FXML private void onCancelSale() { model.cancelSale(); }
    @FXML private void onNewSale() { model.newSale(); }
    @FXML private void onReports() { openReports(); }
    @FXML private void onCamera() { openCameraSettings(); }
    @FXML private void onSwitchClerk() { model.switchClerk(); }
    @FXML private void onPeople() { model.openPeople(); }
    @FXML private void onDiscount() { model.discountSelectedLine(); }
    @FXML private void onMember() { model.memberPay(); }
    @FXML private void onCard() { model.openCard(); }
    @FXML private void onPayCode() { model.openPayCode(); }
    @FXML private void onQr() { model.openQr(); }
    @FXML private void onCash() { model.openCash(); }
}
