package pos.core.receipt;

import java.util.List;
import java.util.Objects;

/**
 * The top of every receipt, from the store's configuration. Immutable.
 *
 * @param name         the store's name, printed large
 * @param addressLines printed in order, centred
 * @param taxNumber    the store's tax registration number; empty when none is printed
 */
public record StoreHeader(String name, List<String> addressLines, String taxNumber) {
    public StoreHeader {
        Objects.requireNonNull(name, "name");
        addressLines = List.copyOf(addressLines);
        taxNumber = taxNumber == null ? "" : taxNumber.strip();
    }
}
