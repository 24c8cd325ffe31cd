package pos.contract.pay;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The Redis keys of the payment path, shared by the tills and the store hub (DESIGN §4). With the
 * default prefix {@code pos}:
 *
 * <table>
 * <caption>Payment keys</caption>
 * <tr><th>key</th><th>type</th><th>content</th><th>lifetime</th></tr>
 * <tr><td>{@code pos:pay:result:{tx}}</td><td>HASH</td><td>the payment's latest result: {@code status},
 *     {@code amountMinor}, {@code currency}, {@code method}, {@code reasonCode} (only for a refusal),
 *     {@code updatedAt} (epoch ms), {@code sig} (the hub's {@link ResultSignature}, absent when a till
 *     wrote it); written only through the compare-and-set script of
 *     {@link RedisResultBoard} (R2, R17, R22)</td><td>TTL {@link #DEFAULT_RESULT_TTL}, renewed on each change</td></tr>
 * <tr><td>{@code pos:pay:results}</td><td>pub/sub channel</td><td>message = a transaction id whose result
 *     changed; a hint to read the hash again, never the state itself</td><td>-</td></tr>
 * <tr><td>{@code pos:pay:pending}</td><td>ZSET</td><td>the pending queue (R7, R11): member = transaction id,
 *     score = the first attempt in epoch ms; left when the payment reached a final state (R8)</td>
 *     <td>until removed</td></tr>
 * <tr><td>{@code pos:pay:order:{tx}}</td><td>HASH</td><td>what the payment is for: {@code tillId},
 *     {@code method}, {@code amountMinor}, {@code currency}, {@code description}, {@code createdAt}
 *     (epoch ms), {@code codeUrl} (QR payments, once the gateway made the order)</td>
 *     <td>TTL {@link #ORDER_TTL}</td></tr>
 * <tr><td>{@code pos:pay:held:{tx}}</td><td>HASH</td><td>a notification or gateway answer the hub held instead of
 *     settling, because its amount or currency differs from the order: {@code source}, {@code status},
 *     {@code amountMinor}, {@code currency}, {@code orderAmountMinor}, {@code orderCurrency}, {@code reason},
 *     {@code notificationId}, {@code heldAt} (epoch ms)</td><td>TTL {@link #HELD_TTL}</td></tr>
 * </table>
 *
 * <p>{@code {tx}} is the transaction id itself (a ULID, the gateway's out_trade_no), not a Redis
 * Cluster hash tag. Tests use another prefix to keep their keys apart. Immutable.
 *
 * @param prefix the first part of every key, without the trailing colon
 */
public record PaymentKeys(String prefix) {

    // Before DEFAULT: the constructor uses it while the class initialises.
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

    /** The keys every till and hub use. */
    public static final PaymentKeys DEFAULT = new PaymentKeys("pos");
    /** How long a result stays readable after its last change. */
    public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(24);
    /** How long an order's description is kept (covers the gateways' ~24 h notification retries and a week of queries). */
    public static final Duration ORDER_TTL = Duration.ofDays(7);
    /** How long a held notification stays for the store's people to look at. */
    public static final Duration HELD_TTL = Duration.ofDays(7);

    public PaymentKeys {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches() || prefix.endsWith(":")) {
            throw new IllegalArgumentException("a key prefix is 1-64 characters of [A-Za-z0-9_.:-] not ending in ':': '"
                    + prefix + "'");
        }
    }

    /** The result hash of one payment: {@code pos:pay:result:{tx}}. */
    public String result(String transactionId) {
        return prefix + ":pay:result:" + requireId(transactionId);
    }

    /** The channel that carries the ids of changed results: {@code pos:pay:results}. */
    public String resultsChannel() {
        return prefix + ":pay:results";
    }

    /** The pending queue: {@code pos:pay:pending}. */
    public String pending() {
        return prefix + ":pay:pending";
    }

    /** The order hash of one payment: {@code pos:pay:order:{tx}}. */
    public String order(String transactionId) {
        return prefix + ":pay:order:" + requireId(transactionId);
    }

    /** A notification the hub held instead of settling: {@code pos:pay:held:{tx}}. */
    public String held(String transactionId) {
        return prefix + ":pay:held:" + requireId(transactionId);
    }

    private static String requireId(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (transactionId.isEmpty()) {
            throw new IllegalArgumentException("a transaction id must not be empty");
        }
        return transactionId;
    }
}
