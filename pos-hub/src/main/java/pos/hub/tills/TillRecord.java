package pos.hub.tills;

import java.time.Instant;
import java.util.Objects;

/**
 * One till the hub issued a credential to, as {@code ./pos hub tills list} shows it: never its secret.
 * Immutable.
 *
 * @param tillId    the till
 * @param createdAt when its credential was issued
 * @param revokedAt when it was revoked, or null while it is valid
 */
public record TillRecord(String tillId, Instant createdAt, Instant revokedAt) {

    public TillRecord {
        Objects.requireNonNull(tillId, "tillId");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** True while the credential is valid. */
    public boolean active() {
        return revokedAt == null;
    }
}
