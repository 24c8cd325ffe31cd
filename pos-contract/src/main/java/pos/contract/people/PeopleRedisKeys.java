package pos.contract.people;

import java.util.Objects;

/**
 * The Redis keys of the store's people, under a prefix ({@code pos} by default). Immutable.
 *
 * <ul>
 *   <li>{@code pos:people:changes} — stream: every change a till makes (clerk, member, print as
 *       ciphertext) and every stored-value movement; the hub's PeopleArchiver reads it in
 *       the consumer group pos-people-archivers, writes MariaDB, then XACK + XDEL;</li>
 *   <li>{@code pos:people:clerks}, {@code pos:people:members}, {@code pos:people:prints} — hashes
 *       id → JSON, the store's people as MariaDB holds them, kept by the hub; the tills pull them;</li>
 *   <li>{@code pos:people:balance:{memberId}} — string: the member's stored value in minor units;</li>
 *   <li>{@code pos:people:ledger:{memberId}} — hash: transaction id → "KIND amount balanceAfter",
 *       the idempotency record of every debit and top-up;</li>
 *   <li>{@code pos:people:restored} — string: set by a hub once every balance and ledger hash is
 *       restored from MariaDB (the hub's StoredValueRestorer); while it is missing (a Redis that came
 *       back empty) every debit and top-up answers UNAVAILABLE instead of reading a lost balance as 0;</li>
 *   <li>{@code pos:people:restoring} — string: the token of the hub's restore pass in progress; the
 *       marker above is set only if it still holds that token (a Redis that restarted again meanwhile
 *       lost it).</li>
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

    /** Set once the balances are restored from MariaDB; missing means debits must wait. */
    public String restored() {
        return prefix + ":people:restored";
    }

    /** The token of a restore pass in progress. */
    public String restoring() {
        return prefix + ":people:restoring";
    }
}
