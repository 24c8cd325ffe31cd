package pos.contract.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * The store Redis's users, one per role, with only the keys and commands each needs (Redis 7 ACL;
 * README's security section prints these lines). Anyone else on the store network, with no
 * password, gets nothing: the {@code default} user is switched off.
 *
 * <ul>
 *   <li>{@value #HUB_USER}: everything under {@code pos:} except the server's administration and
 *       dangerous commands (no FLUSHALL, CONFIG, DEBUG, KEYS, MONITOR, SHUTDOWN).</li>
 *   <li>{@value #TILL_USER}: appends to the streams it feeds (sales, UI events, people changes) but
 *       cannot read, trim or delete them; reads the rule base, the alerts and the people the hub
 *       keeps but cannot write them; writes only its payments' pending entry and order hash, the
 *       voucher and stored-value keys its Lua scripts change (R6; a forged balance a till writes is
 *       found by the hub's reconciliation); pub/sub on the {@code pos:} channels (hints only).</li>
 * </ul>
 *
 * Passwords appear only as SHA-256 hashes ({@code #<hex>}), so the lines can go into an ACL file or
 * a log without giving the passwords away. Stateless.
 */
public final class RedisAcl {

    /** The hub's Redis user. */
    public static final String HUB_USER = "pos-hub";
    /** The tills' Redis user. */
    public static final String TILL_USER = "pos-till";

    /** Command categories and commands every client needs to connect and stay connected (Lettuce's HELLO, AUTH, CLIENT, PING). */
    static final String CONNECTION = "+@connection +client|setname +client|id +info";

    private RedisAcl() {
    }

    /** The rules of the hub's user after {@code on} and its password. */
    public static String hubRules() {
        return "~pos:* &pos:* +@all -@admin -@dangerous " + CONNECTION + " +scan +script|load +script|exists";
    }

    /**
     * The rules of the tills' user after {@code on} and its password. Redis 7 selectors (the
     * parenthesised parts) tie commands to keys: the streams take only XADD, what the hub keeps is
     * read only, and the keys of a till's own payments, vouchers and balances take only the commands
     * the till and its scripts use; the scripts' declared keys are the root's.
     */
    public static String tillRules() {
        return String.join(" ",
                "resetchannels", "&pos:*", "-@all", CONNECTION,
                "+multi", "+exec", "+discard", "+watch", "+unwatch",
                "+subscribe", "+unsubscribe", "+psubscribe", "+punsubscribe", "+publish",
                "+evalsha", "+eval", "+script|load", "+script|exists",
                // the keys the till's Lua scripts declare (pending add, result CAS, voucher redemption, stored value)
                "~pos:pay:pending", "~pos:pay:order:*", "~pos:pay:result:*", "~pos:voucher:*", "~pos:vouchers:redeemed",
                "~pos:people:balance:*", "~pos:people:ledger:*", "~pos:people:changes", "~pos:people:restored",
                // streams the till feeds: append only
                "(%W~pos:archive %W~pos:events %W~pos:people:changes %W~pos:vouchers:redeemed +xadd)",
                // its payments, vouchers and balances: what the till and its scripts do to them
                "(~pos:pay:pending ~pos:pay:order:* ~pos:pay:result:* ~pos:voucher:* ~pos:people:balance:* ~pos:people:ledger:*"
                        + " %R~pos:people:restored"
                        + " +get +mget +exists +type +ttl +pttl +hget +hmget +hgetall +hset +hsetnx +hdel +hexists +hincrby"
                        + " +zadd +zrem +zscore +zcard +zrange +zrangebyscore +expire +pexpire +pexpireat +del +incrby +decrby)",
                // what the hub keeps for the tills: read only
                "(%R~pos:people:restored %R~pos:people:clerks %R~pos:people:members %R~pos:people:prints %R~pos:rules:*"
                        + " %R~pos:alerts %R~pos:vouchers:conflicts +get +mget +exists +type +hget +hmget +hgetall +hlen +hscan)");
    }

    /**
     * The {@code ACL SETUSER} commands for both roles and the line that switches the default user off.
     *
     * @param hubPassword  the hub user's password (only its SHA-256 is printed)
     * @param tillPassword the tills' user's password (only its SHA-256 is printed)
     */
    public static List<String> setUserCommands(String hubPassword, String tillPassword) {
        return List.of(
                "ACL SETUSER " + HUB_USER + " reset on #" + sha256(hubPassword) + " " + hubRules(),
                "ACL SETUSER " + TILL_USER + " reset on #" + sha256(tillPassword) + " " + tillRules(),
                "ACL SETUSER default off");
    }

    /** The same users as lines of a Redis {@code aclfile} ({@code user NAME ...}). */
    public static List<String> aclFileLines(String hubPassword, String tillPassword) {
        return List.of(
                "user " + HUB_USER + " on #" + sha256(hubPassword) + " " + hubRules(),
                "user " + TILL_USER + " on #" + sha256(tillPassword) + " " + tillRules(),
                "user default off nopass nocommands");
    }

    public static String sha256(String password) {
        Objects.requireNonNull(password, "password");
        if (password.isBlank()) {
            throw new IllegalArgumentException("a Redis user's password must not be empty");
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
