package pos.app.sell.result;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.VBox;
import pos.app.ui.Fxml;
import pos.app.ui.ViewBindings;

/** The result page's view: {@code Result.fxml} bound to a {@link ResultViewModel}. FX thread only. */
public final class ResultView {

    private final ResultViewModel model;
    private final ViewBindings bindings = new ViewBindings();
    private Parent root;

    @FXML private VBox resultPopup;
    @FXML private Label resultTitleLabel;
    @FXML private Label resultDetailLabel;
    @FXML private Button resultOkButton;

    private ResultView(ResultViewModel model) {
        this.model = model;
    }

    public static ResultView load(ResultViewModel model, ResourceBundle text) {
        ResultView view = new ResultView(model);
        view.root = Fxml.load("/pos/app/sell/result/Result.fxml", text, view, null);
        view.bind();
        return view;
    }

    public Parent root() {
        return root;
    }

    private void bind() {
        bindings.bind(root.visibleProperty(), model.visibleProperty());
        bindings.bind(resultTitleLabel.textProperty(), model.titleProperty());
        bindings.bind(resultDetailLabel.textProperty(), model.detailProperty());
        bindings.style(resultPopup, "success", model.successProperty());
        bindings.style(resultPopup, "failure", model.successProperty().not());
        bindings.listen(model.visibleProperty(), shown -> {
            if (shown) {
                resultOkButton.requestFocus();
            }
        });
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER || e.getCode() == KeyCode.ESCAPE) {
                model.dismiss();
                e.consume();
            }
        });
    }

    public void dispose() {
        bindings.close();
    }

    @FXML private void onOk() { model.dismiss(); }
}
