package pos.app.customer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ResourceBundle;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import pos.app.checkout.CartRow;
import pos.app.ui.QrCodeImage;

/** The customer-facing window's view: binds {@code CustomerDisplay.fxml} to its model. FX thread only. */
public final class CustomerDisplayView {

    private final CustomerDisplayViewModel model;

    @FXML private TableView<CartRow> cartTable;
    @FXML private TableColumn<CartRow, String> itemColumn;
    @FXML private TableColumn<CartRow, String> qtyColumn;
    @FXML private TableColumn<CartRow, String> totalColumn;
    @FXML private Label totalLabel;
    @FXML private ImageView qrImage;
    @FXML private Label countdownLabel;
    @FXML private Label statusLabel;

    private CustomerDisplayView(CustomerDisplayViewModel model) {
        this.model = model;
    }

    public static Parent load(CustomerDisplayViewModel model, ResourceBundle text) {
        CustomerDisplayView view = new CustomerDisplayView(model);
        FXMLLoader loader = new FXMLLoader(CustomerDisplayView.class.getResource("/pos/app/customer/CustomerDisplay.fxml"), text);
        loader.setControllerFactory(type -> view);
        try {
            Parent parent = loader.load();
            parent.getStylesheets().add(CustomerDisplayView.class.getResource("/pos/app/customer/customer.css").toExternalForm());
            return parent;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the customer display", e);
        }
    }

    @FXML
    private void initialize() {
        itemColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().name()));
        qtyColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().quantity()));
        totalColumn.setCellValueFactory(cell -> new ReadOnlyStringWrapper(cell.getValue().total()));
        cartTable.setItems(model.cart());
        totalLabel.textProperty().bind(model.totalTextProperty());
        countdownLabel.textProperty().bind(model.countdownTextProperty());
        countdownLabel.visibleProperty().bind(model.showQrProperty());
        statusLabel.textProperty().bind(model.statusTextProperty());
        qrImage.visibleProperty().bind(model.showQrProperty());
        qrImage.managedProperty().bind(model.showQrProperty());
        model.qrContentProperty().addListener((obs, old, content) ->
                qrImage.setImage(content == null || content.isEmpty() ? null : QrCodeImage.render(content, 420)));
    }
}
