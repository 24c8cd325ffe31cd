package pos.app.sell.voucher;

import java.util.ResourceBundle;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import pos.app.ui.Fxml;
import pos.app.ui.ViewBindings;

/** The voucher line's view: {@code Voucher.fxml} bound to a {@link VoucherViewModel}. FX thread only. */
public final class VoucherView {

    private final VoucherViewModel model;
    private final ViewBindings bindings = new ViewBindings();
    private Parent root;

    @FXML private Label voucherLabel;

    private VoucherView(VoucherViewModel model) {
        this.model = model;
    }

    public static VoucherView load(VoucherViewModel model, ResourceBundle text) {
        VoucherView view = new VoucherView(model);
        view.root = Fxml.load("/pos/app/sell/voucher/Voucher.fxml", text, view, null);
        view.bindings.bind(view.voucherLabel.textProperty(), model.statusTextProperty());
        view.bindings.show(view.root, model.visibleProperty());
        return view;
    }

    public Parent root() {
        return root;
    }

    public void dispose() {
        bindings.close();
    }
}
