package pos.app.config;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import pos.core.receipt.ReceiptLayout;
import pos.core.receipt.StoreHeader;

/**
 * What the till prints at the top and bottom of a receipt: the store's name, address lines and tax
 * number ({@code pos.store.name}, {@code pos.store.address} split at {@code |}, {@code pos.store.taxNumber}),
 * and how the transaction id is printed ({@code pos.receipt.idCode} = qr or code128). Immutable.
 */
public record ReceiptSetting(StoreHeader header, ReceiptLayout.IdCode idCode) {

    public ReceiptSetting {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(idCode, "idCode");
    }

    /** The header from the settings' text: the address's lines are separated by {@code |}, blank ones left out. */
    public static StoreHeader header(String name, String address, String taxNumber) {
        List<String> lines = address == null ? List.of()
                : Arrays.stream(address.split("\\|")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        return new StoreHeader(name == null ? "" : name.strip(), lines, taxNumber);
    }
}
