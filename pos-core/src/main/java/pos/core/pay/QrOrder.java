package pos.core.pay;

import java.time.Instant;
import java.util.Objects;

/**
 * A gateway order the customer pays by scanning the till's QR code (R21). Immutable.
 *
 * @param outTradeNo the till's transaction id
 * @param codeUrl    the payment link to show as a QR code
 * @param expiresAt  after this the gateway refuses payment
 */
public record QrOrder(String outTradeNo, String codeUrl, Instant expiresAt) {
    public QrOrder {
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(codeUrl, "codeUrl");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
