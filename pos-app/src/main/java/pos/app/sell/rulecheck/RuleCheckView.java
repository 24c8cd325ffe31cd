package pos.app.sell.rulecheck;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Parent;
import javafx.scene.control.Control;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import pos.app.checkout.CheckFailureRow;
import pos.app.ui.Fxml;
import pos.app.ui.ViewBindings;

/** The rule-check popup's view: {@code RuleCheck.fxml} bound to a {@link RuleCheckViewModel}. FX thread only. */
public final class RuleCheckView {

    private final RuleCheckViewModel model;
    private final ViewBindings bindings = new ViewBindings();
    private Parent root;

    @FXML private VBox checkRows;
    @FXML private Label checkTitle;
    @FXML private ScrollPane checkScroll;

    private RuleCheckView(RuleCheckViewModel model) {
        this.model = model;
    }

    public static RuleCheckView load(RuleCheckViewModel model, ResourceBundle text) {
        RuleCheckView view = new RuleCheckView(model);
        view.root = Fxml.load("/pos/app/sell/rulecheck/RuleCheck.fxml", text, view, null);
        view.bindings.bind(view.root.visibleProperty(), model.visibleProperty());
        view.bindings.bind(view.checkTitle.textProperty(), model.titleProperty());
        // the rows wrap at the popup's width: show them whole (up to the pane's maximum) rather than a sliver
        view.bindings.bind(view.checkScroll.prefViewportHeightProperty(), view.checkRows.heightProperty());
        view.bindings.listen(model.rows(), view::showRows);
        return view;
    }

    public Parent root() {
        return root;
    }

    private void showRows() {
        checkRows.getChildren().clear();
        int n = 0;
        for (CheckFailureRow row : model.rows()) {
            n++;
            Label reason = new Label(row.reason());
            reason.getStyleClass().add("check-reason");
            reason.setWrapText(true);
            reason.setMaxWidth(Double.MAX_VALUE);
            reason.setMinHeight(Control.USE_PREF_SIZE);
            Label kind = new Label(model.detailText(row));
            kind.getStyleClass().add("check-kind");
            kind.setWrapText(true);
            kind.setMinHeight(Control.USE_PREF_SIZE);
            VBox words = new VBox(2, reason, kind);
            HBox.setHgrow(words, Priority.ALWAYS);
            Hyperlink fix = new Hyperlink(model.fixText(n));
            fix.setId("fix-" + n);
            fix.getStyleClass().add("check-fix");
            fix.setFocusTraversable(false);
            fix.setMinWidth(Control.USE_PREF_SIZE);
            fix.setOnAction(e -> model.fix(row));
            HBox line = new HBox(12, words, fix);
            line.getStyleClass().add("check-row");
            line.setAlignment(Pos.CENTER_LEFT);
            checkRows.getChildren().add(line);
        }
    }

    public void dispose() {
        bindings.close();
    }

    @FXML private void onClose() { model.close(); }
}
