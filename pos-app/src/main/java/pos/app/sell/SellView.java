package pos.app.sell;

import java.util.ResourceBundle;
import java.util.function.Consumer;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import pos.app.checkout.CheckoutState;
import pos.app.checkout.FocusTarget;
import pos.app.sell.card.CardView;
import pos.app.sell.cart.CartView;
import pos.app.sell.cash.CashView;
import pos.app.sell.paycode.PayCodeView;
import pos.app.sell.qr.QrView;
import pos.app.sell.result.ResultView;
import pos.app.sell.rulecheck.RuleCheckView;
import pos.app.sell.status.StatusView;
import pos.app.sell.voucher.VoucherView;
import pos.app.ui.Fxml;
import pos.app.ui.MoneyFormat;
import pos.app.ui.ViewBindings;

/**
 * The sell screen's frame ({@code Sell.fxml}): puts each part's view in its slot, shows the
 * message line, moves the focus where the checkout asks, and holds the shortcuts. Logic lives in
 * the view models; each part binds itself. FX thread only.
 */
public final class SellView {

    private final SellViewModel model;
    private final ViewBindings bindings = new ViewBindings();
    private CartView cart;
    private CashView cash;
    private QrView qr;
    private PayCodeView payCode;
    private CardView card;
    private VoucherView vouchers;
    private RuleCheckView ruleCheck;
    private ResultView result;
    private StatusView status;
    private pos.app.sell.discount.DiscountView discount;
    private pos.app.sell.actions.TillActionsView tillActions;
    private Region webcamPreview;
    private Consumer<Window> openCameraSettings;
    private boolean disposed;

    @FXML private StackPane stack;
    @FXML private BorderPane root;
    @FXML private HBox content;
    @FXML private VBox side;
    @FXML private StackPane headerSlot;
    @FXML private StackPane cartSlot;
    @FXML private StackPane tillActionsSlot;
    @FXML private VBox cameraSlot;
    @FXML private StackPane totalsSlot;
    @FXML private StackPane voucherSlot;
    @FXML private StackPane panelSlot;
    @FXML private StackPane statusSlot;
    @FXML private Label messageLabel;

    private SellView(SellViewModel model) {
        this.model = model;
    }

    /** Loads the sell screen without reports, webcam or camera settings. */
    public static Parent load(SellViewModel model, ResourceBundle text, MoneyFormat money, String tillId, String scannerText) {
        return load(model, text, money, tillId, scannerText, null, null, null);
    }

    /**
     * Loads the sell screen and returns its root node; the parts are disposed when its window hides.
     *
     * @param openReports        opens the reports window (R19) over the given owner, or null for none
     * @param webcamPreview      the webcam's live picture, shown in a column of its own beside the cart, or null
     * @param openCameraSettings opens the camera settings (Ctrl+K), or null for a till without a webcam
     */
    public static Parent load(SellViewModel model, ResourceBundle text, MoneyFormat money, String tillId,
            String scannerText, Consumer<Window> openReports, Region webcamPreview, Consumer<Window> openCameraSettings) {
        SellView view = new SellView(model);
        Parent parent = Fxml.load("/pos/app/sell/Sell.fxml", text, view, "/pos/app/sell/sell.css");
        view.compose(text, money, tillId, scannerText, openReports, webcamPreview, openCameraSettings);
        parent.sceneProperty().addListener((obs, old, scene) -> {
            if (scene != null) {
                view.installShortcuts(scene);
                scene.windowProperty().addListener((o, was, window) -> {
                    if (window != null) {
                        window.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> view.dispose());
                    }
                });
            }
        });
        return parent;
    }

    private void compose(ResourceBundle text, MoneyFormat money, String tillId, String scannerText,
            Consumer<Window> openReports, Region webcamPreview, Consumer<Window> openCameraSettings) {
        this.openCameraSettings = openCameraSettings;
        status = StatusView.load(model.status(), text, tillId, scannerText);
        cart = CartView.load(model.cart(), text, money, openReports, openCameraSettings);
        cash = CashView.load(model.cash(), text);
        qr = QrView.load(model.qr(), text);
        payCode = PayCodeView.load(model.payCode(), text);
        card = CardView.load(model.card(), text);
        vouchers = VoucherView.load(model.vouchers(), text);
        ruleCheck = RuleCheckView.load(model.ruleCheck(), text);
        result = ResultView.load(model.result(), text);
        discount = pos.app.sell.discount.DiscountView.load(model.discount(), text);
        headerSlot.getChildren().add(status.header());
        statusSlot.getChildren().add(status.bar());
        cartSlot.getChildren().add(cart.main());
        totalsSlot.getChildren().add(cart.totals());
        voucherSlot.getChildren().add(vouchers.root());
        panelSlot.getChildren().addAll(cart.actions(), cash.root(), card.root(), qr.root(), payCode.root());
        panelSlot.getChildren().add(discount.root()); // issue 12: over the cart's actions while it shows
        tillActions = pos.app.sell.actions.TillActionsView.load(text); // issue 12: under the cart, hidden while paying
        tillActionsSlot.getChildren().add(tillActions.root());
        bindings.show(tillActions.root(), model.cart().visibleProperty());
        stack.getChildren().addAll(ruleCheck.root(), result.root());
        if (webcamPreview != null) {
            this.webcamPreview = webcamPreview;
            webcamPreview.getStyleClass().add("webcam-preview");
            webcamPreview.setMouseTransparent(true);
            cameraSlot.getChildren().add(webcamPreview);
            cameraSlot.setVisible(true);
            cameraSlot.setManaged(true);
        }

        bindings.bind(messageLabel.textProperty(), model.messageProperty());
        bindings.listen(model.messageKindProperty(), kind -> {
            messageLabel.getStyleClass().removeAll("info", "success", "warning", "error");
            messageLabel.getStyleClass().add(kind.name().toLowerCase(java.util.Locale.ROOT));
        });
        bindings.listen(model.stateProperty(), state ->
                root.pseudoClassStateChanged(PseudoClass.getPseudoClass("paid"), state == CheckoutState.PAID));
        bindings.listen(model.focusRequestProperty(), this::focus);
        bindings.listen(stack.widthProperty(), width -> fitSize());
        bindings.listen(stack.heightProperty(), height -> fitSize());
        bindings.listen(model.result().visibleProperty(), shown -> {
            if (!shown) {
                focus(model.focusRequestProperty().get()); // the result page kept the focus until it closed
            }
        });
    }

    /** At 1024×768 every part fits; on a large screen the side panel and the type grow. */
    private void fitSize() {
        boolean large = stack.getWidth() >= 1600 && stack.getHeight() >= 960;
        root.getStyleClass().remove("large");
        if (large) {
            root.getStyleClass().add("large");
        }
        double sideWidth = large ? 460 : stack.getWidth() >= 1300 ? 400 : 350;
        side.setPrefWidth(sideWidth);
        side.setMaxWidth(sideWidth);
        if (webcamPreview != null) {
            // 4:3, beside the cart: small on a 1024-wide screen so the cart's columns keep their room
            double previewWidth = large ? 256 : stack.getWidth() >= 1300 ? 200 : 128;
            webcamPreview.setPrefSize(previewWidth, previewWidth * 3 / 4);
            webcamPreview.setMaxSize(previewWidth, previewWidth * 3 / 4);
            webcamPreview.setMinSize(previewWidth, previewWidth * 3 / 4);
            cameraSlot.setPrefWidth(previewWidth);
            cameraSlot.setMaxWidth(previewWidth);
            cameraSlot.setMinWidth(previewWidth);
        }
    }

    private void installShortcuts(Scene scene) {
        var accelerators = scene.getAccelerators();
        accelerators.put(new KeyCodeCombination(KeyCode.F2), () -> focus(FocusTarget.SCAN_FIELD));
        // issue 12: F3 a line discount, Shift+F3 a sale discount, Alt+O a price override; the search is Ctrl+F
        accelerators.put(new KeyCodeCombination(KeyCode.F3), model.discount()::openLine);
        accelerators.put(new KeyCodeCombination(KeyCode.F3, KeyCodeCombination.SHIFT_DOWN), model.discount()::openSale);
        accelerators.put(new KeyCodeCombination(KeyCode.O, KeyCodeCombination.ALT_DOWN), model.discount()::openOverride);
        accelerators.put(new KeyCodeCombination(KeyCode.F, KeyCodeCombination.SHORTCUT_DOWN), cart::focusSearch);
        accelerators.put(new KeyCodeCombination(KeyCode.F5), model.cart()::increaseQuantity);
        accelerators.put(new KeyCodeCombination(KeyCode.F6), model.cart()::decreaseQuantity);
        accelerators.put(new KeyCodeCombination(KeyCode.F7), model.cart()::removeSelectedLine);
        accelerators.put(new KeyCodeCombination(KeyCode.F8), model.cart()::cancelSale);
        accelerators.put(new KeyCodeCombination(KeyCode.F9), model.cash()::open);
        accelerators.put(new KeyCodeCombination(KeyCode.F10), model::exactOrCheckAgain);
        accelerators.put(new KeyCodeCombination(KeyCode.F11), model.qr()::open);
        accelerators.put(new KeyCodeCombination(KeyCode.F4), model.payCode()::open);
        accelerators.put(new KeyCodeCombination(KeyCode.F12), model.cart()::newSale);
        accelerators.put(new KeyCodeCombination(KeyCode.ESCAPE), () -> {
            if (model.discount().isOpen()) {
                model.discount().leave(); // issue 12: Esc leaves the discount entry first
            } else {
                model.backToCart();
            }
        });
        accelerators.put(new KeyCodeCombination(KeyCode.F1), model.card()::open);
        if (cart.hasReports()) {
            accelerators.put(new KeyCodeCombination(KeyCode.R, KeyCodeCombination.SHORTCUT_DOWN), cart::openReports);
        }
        accelerators.put(new KeyCodeCombination(KeyCode.K, KeyCodeCombination.SHORTCUT_DOWN), this::openCameraSettings);
        accelerators.put(new KeyCodeCombination(KeyCode.A, KeyCodeCombination.ALT_DOWN),
                () -> model.checkout().setAgeConfirmed(!model.checkout().ageConfirmed()));
        KeyCode[] digits = {KeyCode.DIGIT1, KeyCode.DIGIT2, KeyCode.DIGIT3, KeyCode.DIGIT4, KeyCode.DIGIT5,
                KeyCode.DIGIT6, KeyCode.DIGIT7, KeyCode.DIGIT8, KeyCode.DIGIT9};
        for (int i = 0; i < digits.length; i++) {
            int index = i;
            accelerators.put(new KeyCodeCombination(digits[i], KeyCodeCombination.ALT_DOWN), () -> {
                if (model.discount().isOpen()) {
                    model.discount().pickReason(index); // issue 12: Alt+1…5 pick the discount's reason
                } else {
                    model.ruleCheck().fixRow(index);
                }
            });
        }
        if (model.cart().hasPeopleProperty().get()) {
            accelerators.put(new KeyCodeCombination(KeyCode.M, KeyCodeCombination.SHORTCUT_DOWN), model.cart()::memberPay);
            accelerators.put(new KeyCodeCombination(KeyCode.L, KeyCodeCombination.SHORTCUT_DOWN), model.cart()::switchClerk);
            accelerators.put(new KeyCodeCombination(KeyCode.P, KeyCodeCombination.SHORTCUT_DOWN), model.cart()::openPeople);
        }
        // issue 11 defect 2: on the age box Space ticks it and Enter pays, as Enter does everywhere on the till
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !model.lockedProperty().get()
                    && scene.getFocusOwner() instanceof CheckBox box && box.getStyleClass().contains("age-check")) {
                e.consume();
                payAfterAgeCheck();
            }
        });
        // while nobody is signed in the sign-in screen covers the till: no shortcut of the sell screen acts
        for (var entry : accelerators.entrySet()) {
            Runnable action = entry.getValue();
            entry.setValue(() -> {
                if (!model.lockedProperty().get()) {
                    action.run();
                }
            });
        }
        focus(FocusTarget.SCAN_FIELD);
    }

    /** Ctrl+K: the camera settings; on a till without a webcam the clerk is told why nothing opens (issue 11 defect 8). */
    private void openCameraSettings() {
        if (openCameraSettings == null) {
            model.say("camera.settings.noWebcam");
        } else {
            cart.openCameraSettings();
        }
    }

    /** Enter on the age box: the panel that shows pays from its fields; from the cart, the tender the rules stopped. */
    private void payAfterAgeCheck() {
        if (card.isShowingEntry()) {
            model.card().check();
        } else if (cash.isShowing()) {
            model.cash().confirm();
        } else {
            model.ruleCheck().payAfterAgeCheck();
        }
    }

    /** The view model's wish for the clerk's keystrokes, mapped to the part's control that takes them. */
    private void focus(FocusTarget target) {
        if (target == null || model.result().visibleProperty().get()) {
            return; // the result page keeps the focus until it is closed; then the requested field gets it
        }
        switch (target) {
            case SCAN_FIELD -> cart.focusEntry();
            case TENDER_FIELD -> cash.focusAmount();
            case CART -> cart.focusCart();
            case CARD_NUMBER -> card.focusNumber();
            case CARD_AMOUNT -> card.focusAmount();
            case AGE_CONFIRMATION -> {
                if (card.isShowingEntry()) {
                    card.focusAgeCheck();
                } else if (cash.isShowing()) {
                    cash.focusAgeCheck();
                } else {
                    cart.focusAgeCheck();
                }
            }
            case PIN_PAD -> card.focusKeypad();
            case PAY_AGAIN -> { // only the failed tender's panel shows its button
                qr.focusPayAgain();
                payCode.focusPayAgain();
                card.focusPayAgain();
            }
        }
    }

    /** Undoes every part's bindings and stops its timers (the window went away). */
    public void dispose() {
        if (disposed) {
            return;
        }
        disposed = true;
        bindings.close();
        for (Runnable part : new Runnable[] {status::dispose, cart::dispose, cash::dispose, qr::dispose, payCode::dispose,
                card::dispose, vouchers::dispose, ruleCheck::dispose, result::dispose, discount::dispose}) {
            part.run();
        }
    }
}
