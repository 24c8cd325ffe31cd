package pos.app.sell.qr;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import pos.app.ui.Fxml;
import pos.app.ui.QrCodeImage;
import pos.app.ui.ViewBindings;

/** The QR panel's view: {@code Qr.fxml} bound to a {@link QrViewModel}. Bindings and forwarding only. FX thread only. */
public final class QrView {

    private static final int QR_SIZE = 220;

    private final QrViewModel model;
    private final ViewBindings bindings = new ViewBindings();
    private Parent root;

    @FXML private Label payTitleLabel;
    @FXML private ImageView qrImage;
    @FXML private Label countdownLabel;
    @FXML private Label payDetailLabel;
    @FXML private Label reasonCodeLabel;
    @FXML private VBox problemButtons;
    @FXML private Button payAgainButton;
    @FXML private Button otherTenderButton;
    @FXML private Button paidNewSaleButtonOnPay;

    private QrView(QrViewModel model) {
        this.model = model;
    }

    public static QrView load(QrViewModel model, ResourceBundle text) {
        QrView view = new QrView(model);
        view.root = Fxml.load("/pos/app/sell/qr/Qr.fxml", text, view, null);
        view.bind();
        return view;
    }

    public Parent root() {
        return root;
    }

    private void bind() {
        bindings.show(root, model.visibleProperty());
        bindings.bind(payTitleLabel.textProperty(), model.titleProperty());
        bindings.bind(countdownLabel.textProperty(), model.countdownProperty());
        bindings.bind(payDetailLabel.textProperty(), model.detailProperty());
        bindings.listen(model.qrContentProperty(), content -> {
            boolean show = content != null && !content.isEmpty();
            qrImage.setImage(show ? QrCodeImage.render(content, QR_SIZE) : null);
            qrImage.setVisible(show);
            qrImage.setManaged(show);
        });
        bindings.bind(reasonCodeLabel.textProperty(), model.reasonCodeTextProperty());
        bindings.show(reasonCodeLabel, model.reasonCodeTextProperty().isNotEmpty());
        bindings.show(problemButtons, model.problemProperty());
        bindings.bind(payAgainButton.defaultButtonProperty(), model.problemProperty());
        bindings.style(root, "problem", model.problemProperty());
        bindings.show(otherTenderButton, model.paidProperty().not());
        bindings.show(paidNewSaleButtonOnPay, model.paidProperty());
    }

    /** After a failure the pay-again button takes the keys, so Enter pays again (issue 11 defect 1). */
    public void focusPayAgain() {
        if (model.problemProperty().get()) {
            payAgainButton.requestFocus();
        }
    }

    public void dispose() {
        bindings.close();
    }

    @FXML private void onPayAgain() { model.payAgain(); }
    @FXML private void onCheckAgain() { model.checkAgain(); }
    @FXML private void onOtherTender() { model.otherTender(); }
    @FXML private void onNewSale() { model.newSale(); }
}
