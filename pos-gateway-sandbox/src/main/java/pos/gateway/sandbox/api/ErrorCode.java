package pos.gateway.sandbox.api;

/**
 * The {@code code} of an {@link ErrorResponse}, with the HTTP status it comes with.
 *
 * <p>Immutable and thread-safe.
 */
public enum ErrorCode {
    /** Malformed JSON, a missing or mistyped field, a value out of range, a bad out_trade_no. */
    INVALID_REQUEST(400),
    /** The body is larger than 64 KB. */
    REQUEST_TOO_LARGE(413),
    /** The out_trade_no already names an order with another amount, currency or kind. */
    OUT_TRADE_NO_USED(409),
    /** The out_refund_no already names a refund of another order or amount. */
    OUT_REFUND_NO_USED(409),
    /** The pay-code is not 18 digits starting 10–15. */
    AUTH_CODE_INVALID(400),
    /** The customer's balance does not cover the amount; nothing was charged. */
    NOTENOUGH(402),
    /** The payment was declined; nothing was charged. */
    PAYERROR(402),
    /** Bank card: the PIN block does not match the card's PIN; nothing was charged. */
    WRONG_PIN(402),
    /** Bank card: the issuer declined the card; nothing was charged. */
    DECLINED(402),
    /** Bank card: the account does not cover the amount; nothing was charged. */
    INSUFFICIENT_FUNDS(402),
    /** Bank card: the card has expired; nothing was charged. */
    EXPIRED_CARD(402),
    /** Bank card: the card number is not 12–19 digits or fails the Luhn check; nothing was charged. */
    CARD_INVALID(400),
    /** No order with that out_trade_no (or that code_url). */
    ORDER_NOT_EXIST(404),
    /** The order cannot be closed because it is paid: treat the sale as paid. */
    ORDERPAID(400),
    /** The order was closed, reversed or expired: it cannot be paid any more. */
    ORDER_CLOSED(400),
    /** A refund of an order that was never paid. */
    ORDER_NOT_PAID(400),
    /** The refund is not positive, exceeds what is left of the charge, or names the wrong total. */
    REFUND_AMOUNT_INVALID(400),
    /** No such endpoint. */
    NOT_FOUND(404),
    /** The endpoint exists but not with this HTTP method. */
    METHOD_NOT_ALLOWED(405),
    /** The gateway failed; the outcome of the request is unknown, query the order. */
    SYSTEMERROR(500);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /**
     * The HTTP status the gateway answers with for this code.
     *
     * @return a 4xx or 5xx status
     */
    public int httpStatus() {
        return httpStatus;
    }
}
