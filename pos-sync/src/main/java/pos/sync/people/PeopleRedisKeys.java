package pos.sync.people;

import java.util.Objects;

/**
 * The Redis keys of the store's people, under a prefix ({@code pos} by default). Immutable.
 *
 * <ul>
 *   <li>{@code pos:people:changes} — stream: every change a till makes (clerk, member, print as
 *       ciphertext) and every stored-value movement; the hub's {@link PeopleArchiver} reads it in
 *       the consumer group {@value PeopleArchiver#CONSUMER_GROUP}, writes MariaDB, then XACK + XDEL;</li>
 *   <li>{@code pos:people:clerks}, {@code pos:people:members}, {@code pos:people:prints} — hashes
 *       id → JSON, the store's people as MariaDB holds them, kept by the hub; the tills pull them;</li>
 *   <li>{@code pos:people:balance:{memberId}} — string: the member's stored value in minor units;</li>
 *   <li>{@code pos:people:ledger:{memberId}} — hash: transaction id → "KIND amount balanceAfter",
 *       the idempotency record of every debit and top-up.</li>
 * </ul>
 *
 * @param prefix the key prefix
 */
public record PeopleRedisKeys(String prefix) {

    /** The keys under {@code pos}. */
    public static final PeopleRedisKeys DEFAULT = new PeopleRedisKeys("pos");

    public PeopleRedisKeys {
        Objects.requireNonNull(prefix, "prefix");
    }

    /** The stream of changes. */
    public String changes() {
        return prefix + ":people:changes";
    }

    /** The hash of clerks. */
    public String clerks() {
        return prefix + ":people:clerks";
    }

    /** The hash of members. */
    public String members() {
        return prefix + ":people:members";
    }

    /** The hash of sealed prints. */
    public String prints() {
        return prefix + ":people:prints";
    }

    /** A member's balance. */
    public String balance(String memberId) {
        return prefix + ":people:balance:" + memberId;
    }

    /** A member's movements by transaction id. */
    public String ledger(String memberId) {
        return prefix + ":people:ledger:" + memberId;
    }
}
