package pos.sync.pay;

import java.math.BigDecimal;
import java.security.PublicKey;
import java.util.Currency;
import java.util.Optional;
import pos.contract.pay.ResultSignature;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.ResultBoard;

/**
 * Whether the till may take a result it did not learn from its own gateway call (issue 10): a result
 * read from Redis counts only when it carries the store hub's signature ({@link ResultSignature})
 * and its amount and currency equal the till's own order; the hub's status answer counts only when
 * its amount and currency equal the order's. Anyone on the store network can write into Redis.
 * Stateless and thread-safe.
 */
final class ResultTrust {

    private ResultTrust() {
    }

    /**
     * Why {@code entry} from the result board is not the hub's word on {@code order}; empty when it is.
     *
     * @param hubKey the hub's public key; null: nothing on the board is trusted
     */
    static Optional<String> refusalOfBoard(PublicKey hubKey, PaymentOrder order, ResultBoard.Entry entry) {
        if (hubKey == null) {
            return Optional.of("the till has no hub public key (pos.hub.publicKey), so it trusts only its own gateway calls");
        }
        PaymentResult result = entry.result();
        if (entry.signature() == null) {
            return Optional.of("it carries no hub signature");
        }
        if (!ResultSignature.verify(hubKey, result, entry.signature())) {
            return Optional.of("its signature is not the hub's for this result (forged, or copied from another payment)");
        }
        return refusalOfAmount(order, result.amountMinor(), result.currency());
    }

    /** Why a result for {@code amountMinor currency} is not about {@code order}; empty when the amounts agree. */
    static Optional<String> refusalOfAmount(PaymentOrder order, long amountMinor, String currency) {
        long orderMinor = order.amount().minorUnits();
        String orderCurrency = order.amount().currency().getCurrencyCode();
        if (amountMinor != orderMinor || !orderCurrency.equals(currency)) {
            return Optional.of("it says " + money(amountMinor, currency) + ", the order is " + money(orderMinor, orderCurrency));
        }
        return Optional.empty();
    }

    private static String money(long minor, String currency) {
        int digits;
        try {
            digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
        } catch (IllegalArgumentException | NullPointerException e) {
            digits = 2; // not an ISO 4217 code: the sentence still shows the number
        }
        return BigDecimal.valueOf(minor, digits).toPlainString() + " " + currency;
    }
}
