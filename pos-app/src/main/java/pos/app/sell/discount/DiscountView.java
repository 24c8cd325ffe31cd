package pos.app.sell.discount;

import java.util.ResourceBundle;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import pos.app.ui.Fxml;
import pos.app.ui.ViewBindings;

/** The discount entry's view: {@code Discount.fxml} bound to a {@link DiscountViewModel}. Bindings and forwarding only. FX thread only. */
public final class DiscountView {

    private static final PseudoClass PICKED = PseudoClass.getPseudoClass("picked");

    private final DiscountViewModel model;
    private final ViewBindings bindings = new ViewBindings();
    private Parent root;

    @FXML private Label titleLabel;
    @FXML private Label targetLabel;
    @FXML private Label currentLabel;
    @FXML private Label amountCaption;
    @FXML private TextField amountField;
    @FXML private TextField reasonField;
    @FXML private GridPane reasonButtons;

    private DiscountView(DiscountViewModel model) {
        this.model = model;
    }

    public static DiscountView load(DiscountViewModel model, ResourceBundle text) {
        DiscountView view = new DiscountView(model);
        view.root = Fxml.load("/pos/app/sell/discount/Discount.fxml", text, view, "/pos/app/sell/discount/discount.css");
        view.bind();
        return view;
    }

    public Parent root() {
        return root;
    }

    private void bind() {
        bindings.show(root, model.visibleProperty());
        bindings.bind(titleLabel.textProperty(), model.titleTextProperty());
        bindings.bind(targetLabel.textProperty(), model.targetTextProperty());
        bindings.bind(currentLabel.textProperty(), model.currentTextProperty());
        bindings.show(currentLabel, model.currentTextProperty().isNotEmpty());
        bindings.bind(amountCaption.textProperty(), model.amountCaptionProperty());
        bindings.bindBoth(amountField.textProperty(), model.amountTextProperty());
        bindings.bindBoth(reasonField.textProperty(), model.reasonTextProperty());
        amountField.setOnAction(e -> model.apply());
        reasonField.setOnAction(e -> model.apply());
        for (int i = 0; i < model.reasons().size(); i++) {
            int index = i;
            Button button = new Button(model.reasons().get(i));
            button.setFocusTraversable(false);
            button.setMaxWidth(Double.MAX_VALUE);
            button.setWrapText(true);
            button.getStyleClass().addAll("action", "compact", "discount-reason");
            button.setOnAction(e -> {
                model.pickReason(index);
                amountField.requestFocus();
            });
            reasonButtons.add(button, index % 2, index / 2);
        }
        bindings.listen(model.pickedReasonProperty(), picked -> {
            for (int i = 0; i < reasonButtons.getChildren().size(); i++) {
                reasonButtons.getChildren().get(i).pseudoClassStateChanged(PICKED, picked.intValue() == i);
            }
        });
        bindings.listen(model.visibleProperty(), shown -> {
            if (shown) {
                focusAmount();
            }
        });
    }

    /** The amount field takes the clerk's keystrokes, its text selected. */
    public void focusAmount() {
        amountField.requestFocus();
        amountField.selectAll();
    }

    public boolean isShowing() {
        return root.isVisible();
    }

    public void dispose() {
        bindings.close();
    }

    @FXML private void onApply() { model.apply(); }
    @FXML private void onLeave() { model.leave(); }
}
