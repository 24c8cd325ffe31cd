package pos.core.pay;

import java.time.Instant;
import java.util.Objects;

/**
 * What the gateway said about one order. Immutable.
 *
 * @param outTradeNo     the till's transaction id
 * @param status         mapped from the gateway's trade state
 * @param gatewayTradeNo the gateway's own id once paid, else null
 * @param reasonCode     the gateway's code for a refusal (e.g. NOTENOUGH), else null
 * @param paidAt         when the money was taken, else null
 * @param amountMinor    the order's amount as the gateway has it, in minor units, when the answer says it; else null
 * @param currency       its currency (ISO 4217) when the answer says it; else null
 */
public record GatewayAnswer(String outTradeNo, PaymentStatus status, String gatewayTradeNo, String reasonCode,
        Instant paidAt, Long amountMinor, String currency) {
    public GatewayAnswer {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(status, "status");
        if ((amountMinor == null) != (currency == null)) {
            throw new IllegalArgumentException("an amount needs its currency and a currency its amount: " + amountMinor
                    + " " + currency);
        }
    }

    /** An answer that does not say the amount. */
    public GatewayAnswer(String outTradeNo, PaymentStatus status, String gatewayTradeNo, String reasonCode,
            Instant paidAt) {
        this(outTradeNo, status, gatewayTradeNo, reasonCode, paidAt, null, null);
    }
}
