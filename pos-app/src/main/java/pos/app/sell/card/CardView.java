package pos.app.sell.card;

import java.util.ResourceBundle;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import pos.app.ui.Fxml;
import pos.app.ui.ViewBindings;
import pos.core.text.NumericText;

/**
 * The card part's view: {@code Card.fxml} (card panel, PIN pad, payment in progress) bound to a
 * {@link CardViewModel}. The card number field shows the masked form only: typed digits go to the
 * view model, never into a node. FX thread only.
 */
public final class CardView {

    private final CardViewModel model;
    private final ResourceBundle text;
    private final ViewBindings bindings = new ViewBindings();
    private Parent root;
    /** The numeric keypad digit key held down now (its digit is already in the PIN), else null. */
    private KeyCode numpadKeyDown;

    @FXML private VBox cardPane;
    @FXML private Label cardDueLabel;
    @FXML private TextField cardNumberField;
    @FXML private Label cardBankLabel;
    @FXML private TextField cardAmountField;
    @FXML private CheckBox cardAgeCheck;
    @FXML private VBox pinPane;
    @FXML private Label pinAmountLabel;
    @FXML private Label pinDotsLabel;
    @FXML private GridPane keypadGrid;
    @FXML private VBox cardPayPane;
    @FXML private Label payTitleLabel;
    @FXML private Label payDetailLabel;
    @FXML private Label paySupportLabel;
    @FXML private VBox problemButtons;
    @FXML private Button payAgainButton;
    @FXML private Button otherTenderButton;
    @FXML private Button paidNewSaleButtonOnPay;

    private CardView(CardViewModel model, ResourceBundle text) {
        this.model = model;
        this.text = text;
    }

    public static CardView load(CardViewModel model, ResourceBundle text) {
        CardView view = new CardView(model, text);
        view.root = Fxml.load("/pos/app/sell/card/Card.fxml", text, view, "/pos/app/sell/card/card.css");
        view.bind();
        return view;
    }

    public Parent root() {
        return root;
    }

    private void bind() {
        bindings.show(root, Bindings.or(model.entryVisibleProperty(),
                Bindings.or(model.pinVisibleProperty(), model.payingVisibleProperty())));
        bindings.show(cardPane, model.entryVisibleProperty());
        bindings.show(pinPane, model.pinVisibleProperty());
        bindings.show(cardPayPane, model.payingVisibleProperty());
        bindings.bind(cardDueLabel.textProperty(), model.dueTextProperty());
        bindings.bind(cardNumberField.textProperty(), model.cardNumberTextProperty());
        cardNumberField.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if (e.isAltDown() || e.isControlDown() || e.isMetaDown()) {
                return; // Alt+1 is the popup's Fix, not a digit of the card number
            }
            String typed = e.getCharacter();
            if (!typed.isEmpty() && !Character.isISOControl(typed.charAt(0))) {
                model.typed(typed);
            }
            e.consume();
        });
        cardNumberField.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.BACK_SPACE) {
                model.backspace();
                e.consume();
            } else if (e.getCode() == KeyCode.ENTER) {
                model.check();
                e.consume();
            }
        });
        bindings.bind(cardBankLabel.textProperty(), model.cardBankTextProperty());
        bindings.bindBoth(cardAmountField.textProperty(), model.cardAmountTextProperty());
        cardAmountField.setOnAction(e -> model.check());
        bindings.bindBoth(cardAgeCheck.selectedProperty(), model.ageConfirmedProperty());
        bindings.show(cardAgeCheck, model.ageCheckVisibleProperty());
        bindings.bind(pinAmountLabel.textProperty(), model.pinAmountTextProperty());
        bindings.bind(pinDotsLabel.textProperty(), model.pinDotsTextProperty());
        buildKeypad();
        pinPane.addEventFilter(KeyEvent.KEY_TYPED, this::pinKeyTyped);
        pinPane.addEventFilter(KeyEvent.KEY_PRESSED, this::pinKeyPressed);
        pinPane.addEventFilter(KeyEvent.KEY_RELEASED, e -> {
            if (e.getCode() == numpadKeyDown) {
                numpadKeyDown = null;
            }
        });
        bindings.bind(payTitleLabel.textProperty(), model.payTitleProperty());
        bindings.bind(payDetailLabel.textProperty(), model.payDetailProperty());
        bindings.bind(paySupportLabel.textProperty(), model.paySupportProperty());
        bindings.show(paySupportLabel, model.paySupportProperty().isNotEmpty());
        bindings.show(problemButtons, model.problemProperty());
        bindings.bind(payAgainButton.defaultButtonProperty(), model.problemProperty());
        bindings.style(cardPayPane, "problem", model.problemProperty());
        bindings.show(otherTenderButton, model.paidProperty().not());
        bindings.show(paidNewSaleButtonOnPay, model.paidProperty());
    }

    /** A digit typed on the keyboard while the PIN pad has the focus is a PIN digit (R18); never shown. */
    private void pinKeyTyped(KeyEvent e) {
        if (e.isAltDown() || e.isControlDown() || e.isMetaDown() || e.isShortcutDown()) {
            return; // Alt+1 and the like stay shortcuts
        }
        String typed = e.getCharacter();
        if (numpadKeyDown == null && typed.length() == 1 && NumericText.digitValue(typed.charAt(0)) >= 0) {
            model.pinTyped(typed.charAt(0));
        }
        e.consume();
    }

    /**
     * Backspace deletes the last PIN digit, Enter confirms (as the pad's OK); Esc stays the way back.
     * A numeric keypad digit is taken when pressed (not every keyboard driver types a character for
     * it); the character it may type while held down is then not taken twice.
     */
    private void pinKeyPressed(KeyEvent e) {
        if (e.isAltDown() || e.isControlDown() || e.isMetaDown()) {
            return;
        }
        int numpad = e.getCode().getCode() - KeyCode.NUMPAD0.getCode(); // NUMPAD0..NUMPAD9 are 0x60..0x69
        if (numpad >= 0 && numpad <= 9) {
            numpadKeyDown = e.getCode();
            model.pinTyped((char) ('0' + numpad));
            e.consume();
        } else if (e.getCode() == KeyCode.BACK_SPACE) {
            model.pinBackspace();
            e.consume();
        } else if (e.getCode() == KeyCode.ENTER) {
            model.pinConfirm();
            e.consume();
        }
    }

    private void buildKeypad() {
        keypadGrid.getChildren().clear();
        for (int position = 0; position < 10; position++) {
            int p = position;
            Button key = new Button();
            key.setId("pinKey" + position);
            key.getStyleClass().add("pin-key");
            key.setFocusTraversable(false);
            bindings.bind(key.textProperty(), Bindings.createStringBinding(() -> String.valueOf(model.keypad().get(p)),
                    model.keypad()));
            key.setOnAction(e -> model.pinKeyAt(p));
            int cell = position < 9 ? position : 10;
            keypadGrid.add(key, cell % 3, cell / 3);
        }
        Button back = new Button(text.getString("button.pinBack"));
        back.setId("pinBack");
        back.getStyleClass().add("pin-key");
        back.setFocusTraversable(false);
        back.setOnAction(e -> model.pinBackspace());
        keypadGrid.add(back, 0, 3);
        Button ok = new Button(text.getString("button.pinOk"));
        ok.setId("pinOk");
        ok.getStyleClass().addAll("pin-key", "pin-ok");
        ok.setFocusTraversable(false);
        ok.setOnAction(e -> model.pinConfirm());
        keypadGrid.add(ok, 2, 3);
    }

    public void focusNumber() { cardNumberField.requestFocus(); }

    public void focusAmount() {
        cardAmountField.requestFocus();
        cardAmountField.selectAll();
    }

    public void focusAgeCheck() { cardAgeCheck.requestFocus(); }
    public void focusKeypad() { keypadGrid.requestFocus(); }

    public boolean isShowingEntry() {
        return cardPane.isVisible();
    }

    /** After a failed card payment the pay-again button takes the keys, so Enter pays again (issue 11 defect 1). */
    public void focusPayAgain() {
        if (model.problemProperty().get()) {
            payAgainButton.requestFocus();
        }
    }

    public void dispose() {
        bindings.close();
    }

    @FXML private void onBack() { model.back(); }
    @FXML private void onCheckCard() { model.check(); }
    @FXML private void onPayAgain() { model.payAgain(); }
    @FXML private void onCheckAgain() { model.checkAgain(); }
    @FXML private void onNewSale() { model.newSale(); }
}
