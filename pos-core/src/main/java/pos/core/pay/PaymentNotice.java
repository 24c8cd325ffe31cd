package pos.core.pay;

import java.time.Instant;
import java.util.Objects;

/**
 * A provider's asynchronous payment notification after its origin was proven (signature checked, body decrypted),
 * in the till's terms: which order, what state, how much. Whether the amount matches the order is for the hub to
 * judge against the order it knows (a different amount is held, never settled). Immutable.
 *
 * @param provider       the provider that sent it ({@code sandbox}, {@code wechatpay}, {@code alipay})
 * @param noticeId       the provider's id of the notification (the same id on every retry), or "" when it has none
 * @param outTradeNo     the till's transaction id
 * @param status         the order's state as this notification says
 * @param providerState  the provider's own word for that state ({@code SUCCESS}, {@code TRADE_SUCCESS}, ...)
 * @param amountMinor    the order's total in minor units, as the provider has it
 * @param currency       its currency (ISO 4217)
 * @param gatewayTradeNo the provider's own id of the payment, or null
 * @param paidAt         when the money was taken, or null
 * @param merchantId     the merchant (mchid, app id or seller id) the notification was for; already checked
 *                       against this store's by the verifier
 */
public record PaymentNotice(String provider, String noticeId, String outTradeNo, PaymentStatus status,
        String providerState, long amountMinor, String currency, String gatewayTradeNo, Instant paidAt,
        String merchantId) {

    public PaymentNotice {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(providerState, "providerState");
        Objects.requireNonNull(currency, "currency");
        if (amountMinor < 0) {
            throw new IllegalArgumentException("a notified amount is not negative: " + amountMinor);
        }
    }
}
