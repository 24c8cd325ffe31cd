package pos.app.sell.cart;

import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.VBox;
import pos.app.checkout.CartRow;

/**
 * The cart's item cell: the product's name and, under it, the line's discount or price override as a
 * smaller sub-line (issue 12). FX thread only.
 */
public final class DiscountedItemCell extends TableCell<CartRow, String> {

    private final Label name = new Label();
    private final Label discount = new Label();
    private final VBox box = new VBox(0, name, discount);

    public DiscountedItemCell() {
        name.getStyleClass().add("cart-item-name");
        discount.getStyleClass().add("cart-discount");
        discount.setWrapText(false);
        setText(null);
    }

    @Override
    protected void updateItem(String item, boolean empty) {
        super.updateItem(item, empty);
        CartRow row = empty || getTableRow() == null ? null : getTableRow().getItem();
        if (empty || item == null) {
            setText(null);
            setGraphic(null);
        } else if (row == null || row.discount().isEmpty()) {
            setGraphic(null);
            setText(item);
        } else {
            name.setText(item);
            discount.setText(row.discount());
            setText(null);
            setGraphic(box);
        }
    }
}
