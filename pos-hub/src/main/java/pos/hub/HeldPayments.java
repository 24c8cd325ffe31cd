package pos.hub;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.pay.PaymentKeys;
import pos.contract.redis.RedisLink;
import pos.core.pay.PaymentStatus;

/**
 * What the hub holds instead of settling: a notification (or a gateway answer) whose amount or
 * currency differs from the payment's order. A correctly signed message for another amount is not
 * the order's money: the result board is left as it is, the message is kept in Redis
 * ({@link PaymentKeys#held}, {@link PaymentKeys#HELD_TTL}) for the store's people, and an alert
 * names both amounts. Thread-safe.
 */
final class HeldPayments {

    private static final Logger log = LoggerFactory.getLogger(HeldPayments.class);
    /** The alerts' names start with this, then the transaction id. */
    static final String ALERT_PREFIX = "payment-held:";

    private final RedisLink redis;
    private final PaymentKeys keys;
    private final HubAlerts alerts;
    private final Clock clock;

    HeldPayments(RedisLink redis, PaymentKeys keys, HubAlerts alerts, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.alerts = Objects.requireNonNull(alerts, "alerts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What was said about a payment, and by whom. */
    record Claim(String source, String reference, PaymentStatus status, long amountMinor, String currency) {
    }

    /** True when {@code claim} is for exactly the order's amount and currency. */
    static boolean matches(Claim claim, PaymentSettler.Facts order) {
        return claim.amountMinor() == order.amountMinor() && claim.currency().equals(order.currency());
    }

    /**
     * Keeps {@code claim} under {@code pos:pay:held:{tx}} and raises an alert saying what differs.
     *
     * @return the alert's sentence
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached: nothing was held, and the
     *                                                    sender must be told to try again
     */
    String hold(String transactionId, Claim claim, PaymentSettler.Facts order) {
        String reason = claim.source() + " for " + transactionId + " says " + money(claim.amountMinor(), claim.currency())
                + ", the order is " + money(order.amountMinor(), order.currency()) + ": held, not settled";
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("source", claim.source());
        fields.put("reference", claim.reference() == null ? "" : claim.reference());
        fields.put("status", claim.status().name());
        fields.put("amountMinor", Long.toString(claim.amountMinor()));
        fields.put("currency", claim.currency());
        fields.put("orderAmountMinor", Long.toString(order.amountMinor()));
        fields.put("orderCurrency", order.currency());
        fields.put("reason", reason);
        fields.put("heldAt", Long.toString(clock.millis()));
        String key = keys.held(transactionId);
        try {
            var commands = redis.get().sync();
            commands.hset(key, fields);
            commands.pexpire(key, PaymentKeys.HELD_TTL.toMillis());
        } catch (RuntimeException e) {
            throw redis.failed(e);
        }
        log.error("Payment {}: {} (kept in {})", transactionId, reason, key);
        alerts.raise(ALERT_PREFIX + transactionId, Alert.Level.CRITICAL, reason);
        return reason;
    }

    /** "50.09 EUR": minor units in the currency's own decimals (an unknown code: two). */
    static String money(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException e) {
            digits = 2; // not an ISO 4217 code: the sentence still shows the number
        }
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }
}
