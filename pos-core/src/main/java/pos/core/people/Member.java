package pos.core.people;

import java.util.Currency;
import java.util.Objects;

/**
 * A store member who may pay from stored value, identified by fingerprint (1:N). The balance
 * itself lives in the store's ledger ({@link StoredValue}); this is who the member is. Immutable.
 *
 * @param id       stable id
 * @param name     the name shown on the till
 * @param currency the currency of the stored value
 * @param active   false once the membership ended: no payments
 */
public record Member(String id, String name, Currency currency, boolean active) {

    public Member {
        Clerk.requireId(id, "member");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a member needs a name");
        }
        Objects.requireNonNull(currency, "currency");
    }
}
