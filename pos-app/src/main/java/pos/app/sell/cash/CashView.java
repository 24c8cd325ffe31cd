package pos.app.sell.cash;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import pos.app.ui.Fxml;
import pos.app.ui.ViewBindings;

/** The cash panel's view: {@code Cash.fxml} bound to a {@link CashViewModel}. Bindings and forwarding only. FX thread only. */
public final class CashView {

    private final CashViewModel model;
    private final ViewBindings bindings = new ViewBindings();
    private Parent root;

    @FXML private Label tenderTitleLabel;
    @FXML private Label dueLabel;
    @FXML private TextField tenderedField;
    @FXML private Label changeLabel;
    @FXML private Label roundingLabel;
    @FXML private VBox confirmBox;
    @FXML private Label confirmLabel;
    @FXML private CheckBox cashAgeCheck;
    @FXML private VBox tenderButtons;
    @FXML private Button exactButton;
    @FXML private Button backButton;
    @FXML private Button confirmButton;
    @FXML private Button paidNewSaleButton;

    private CashView(CashViewModel model) {
        this.model = model;
    }

    public static CashView load(CashViewModel model, ResourceBundle text) {
        CashView view = new CashView(model);
        view.root = Fxml.load("/pos/app/sell/cash/Cash.fxml", text, view, "/pos/app/sell/cash/cash.css");
        view.bind();
        return view;
    }

    public Parent root() {
        return root;
    }

    private void bind() {
        bindings.show(root, model.visibleProperty());
        bindings.bind(tenderTitleLabel.textProperty(), model.titleTextProperty());
        bindings.bind(dueLabel.textProperty(), model.dueTextProperty());
        bindings.bind(changeLabel.textProperty(), model.changeTextProperty());
        bindings.bind(roundingLabel.textProperty(), model.roundingTextProperty());
        bindings.show(roundingLabel, model.roundingTextProperty().isNotEmpty());
        bindings.style(changeLabel, "long", model.changeLongProperty());
        bindings.show(confirmBox, model.confirmAskedProperty());
        // while an amount waits for confirmation only Enter and Esc matter: room for the question at 1024x768
        bindings.show(exactButton, model.confirmAskedProperty().not());
        bindings.show(backButton, model.confirmAskedProperty().not());
        bindings.bind(confirmLabel.textProperty(), model.confirmTextProperty());
        bindings.bindBoth(tenderedField.textProperty(), model.tenderedTextProperty());
        bindings.disable(tenderedField, model.tenderedDisabledProperty());
        tenderedField.setOnAction(e -> model.confirm());
        bindings.show(tenderButtons, model.paidProperty().not());
        bindings.show(paidNewSaleButton, model.paidProperty());
        bindings.disable(confirmButton, model.confirmDisabledProperty());
        bindings.listen(model.saveFailedProperty(), failed -> {
            if (failed) {
                confirmButton.requestFocus(); // Enter tries the journal again
            }
        });
        bindings.bindBoth(cashAgeCheck.selectedProperty(), model.ageConfirmedProperty());
        bindings.show(cashAgeCheck, model.ageCheckVisibleProperty());
    }

    /** The amount field gets the clerk's keystrokes, its text selected. */
    public void focusAmount() {
        tenderedField.requestFocus();
        tenderedField.selectAll();
    }

    public void focusAgeCheck() {
        cashAgeCheck.requestFocus();
    }

    public boolean isShowing() {
        return root.isVisible();
    }

    public void dispose() {
        bindings.close();
    }

    @FXML private void onExact() { model.exact(); }
    @FXML private void onBack() { model.back(); }
    @FXML private void onConfirm() { model.confirm(); }
    @FXML private void onNewSale() { model.newSale(); }
}
