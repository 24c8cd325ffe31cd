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
 */
public record GatewayAnswer(String outTradeNo, PaymentStatus status, String gatewayTradeNo, String reasonCode,
        Instant paidAt) {
    public GatewayAnswer {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(status, "status");
    }
}
