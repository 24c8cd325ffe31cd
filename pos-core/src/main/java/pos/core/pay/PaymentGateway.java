package pos.core.pay;

import pos.core.money.Money;

/**
 * A payment gateway for QR, pay-code and bank card payments (WeChat Pay, Alipay face-to-face, a card
 * acquirer, the project's sandbox). Every call is
 * keyed by the till's transaction id (out_trade_no) and may be repeated safely: the gateway never
 * charges one out_trade_no twice.
 *
 * <p>Failures: {@link GatewayTimeoutException} means the outcome is unknown (the request may have
 * been processed: query before doing anything else); {@link GatewayUnreachableException} means the
 * request did not reach the gateway; {@link GatewayRefusedException} carries the gateway's code.
 * Implementations are thread-safe and bound every call by a timeout.
 */
public interface PaymentGateway {

    /**
     * Creates an order the customer pays by scanning the till's QR code (R21).
     *
     * @param notifyUrl where the gateway sends the asynchronous result (the store hub)
     */
    QrOrder createQrOrder(PaymentOrder order, String notifyUrl);

    /**
     * Charges the customer's pay-code (micropay). SUCCESS, USERPAYING (query until final), or
     * FAILED with the reason code.
     */
    GatewayAnswer payByCode(PaymentOrder order, String authCode);

    /**
     * Charges a bank card once per out_trade_no; repeating the call with the same order returns the
     * first answer and never charges again. SUCCESS, or FAILED with the reason code ({@code WRONG_PIN},
     * {@code DECLINED}, {@code INSUFFICIENT_FUNDS}, {@code EXPIRED_CARD}, ...): nothing was charged.
     * The request carries the card number and the PIN block; implementations must never log them.
     *
     * <p>The default refuses with {@code CARD_NOT_SUPPORTED}, for gateways without card payments.
     */
    default GatewayAnswer payByCard(PaymentOrder order, CardCharge charge) {
        throw new GatewayRefusedException("CARD_NOT_SUPPORTED", "this payment gateway takes no bank cards (order "
                + order.outTradeNo() + ")");
    }

    /** The order's current state (R11, R23). */
    GatewayAnswer query(String outTradeNo);

    /**
     * Closes an unpaid order so it can no longer be paid (R24). Answers CLOSED, or SUCCESS when the
     * customer had already paid: then the sale is paid.
     */
    GatewayAnswer close(String outTradeNo);

    /** Cancels an order whatever its state: unpaid → REVOKED; paid → refunded and REVOKED. */
    GatewayAnswer reverse(String outTradeNo);

    /**
     * The earliest moment a close of an order created at {@code createdAt} may be sent. WeChat Pay documents that an
     * order is not closed within 5 minutes of its creation: a till that gives up sooner (R24, 30 s) keeps the close
     * owed until then, and watches for a late payment meanwhile. Default: at once.
     */
    default java.time.Instant closeNotBefore(java.time.Instant createdAt) {
        return createdAt;
    }

    /**
     * The earliest moment a reversal of a pay-code charge first sent at {@code chargedAt} may be sent (WeChat Pay:
     * 15 s after the charge). Default: at once.
     */
    default java.time.Instant reverseNotBefore(java.time.Instant chargedAt) {
        return chargedAt;
    }

    /** Refunds part or all of a paid order; the same {@code refundNo} refunds once. */
    RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason);
}
