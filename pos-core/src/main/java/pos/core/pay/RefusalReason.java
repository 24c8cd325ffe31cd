package pos.core.pay;

/**
 * Why a payment provider refused a payment, in the till's own words: the same reason whichever provider said it
 * (WeChat Pay's {@code NOTENOUGH}, Alipay's {@code ACQ.BUYER_BALANCE_NOT_ENOUGH} and the sandbox's {@code NOTENOUGH}
 * are all {@link #INSUFFICIENT_BALANCE}). The clerk reads the sentence for the reason; the provider's own code goes on
 * the small detail line, for support (see {@link Refusal}).
 */
public enum RefusalReason {
    /** The customer's wallet or account has too little money. */
    INSUFFICIENT_BALANCE,
    /** The customer's pay-code is not a valid code. */
    CODE_INVALID,
    /** The customer's pay-code has expired; the customer refreshes it. */
    CODE_EXPIRED,
    /** The customer's account may not pay this way (limits, restrictions, not verified). */
    NOT_PERMITTED,
    /** The provider's risk control stopped the payment. */
    RISK_CONTROL,
    /** The code belongs to another account than the one paying. */
    BUYER_MISMATCH,
    /** The order was closed before it was paid. */
    ORDER_CLOSED,
    /** The order was reversed or cancelled. */
    ORDER_REVERSED,
    /** The provider refused for a reason of its own (its PAYERROR, a system error answered as final). */
    PROVIDER_REFUSED,
    /** The merchant account is not set up for this (wrong merchant id, not signed for the product). */
    MERCHANT_NOT_SET_UP,
    /** The request was refused as malformed: a defect or a configuration error, not the customer's doing. */
    INVALID_REQUEST,
    /** No final answer came in time (R24). */
    NO_RESULT_IN_TIME,
    /** The payment service could not be reached. */
    GATEWAY_UNREACHABLE,
    /** A bank card's PIN was wrong. */
    WRONG_PIN,
    /** The bank declined the card. */
    DECLINED,
    /** The card's account has too little money. */
    INSUFFICIENT_FUNDS,
    /** The card has expired. */
    EXPIRED_CARD,
    /** The card number is not valid. */
    CARD_INVALID,
    /** The gateway takes no bank cards. */
    CARD_NOT_SUPPORTED,
    /** The provider takes no payments in the sale's currency (WeChat Pay's and Alipay's merchants here: CNY only). */
    CURRENCY_NOT_ACCEPTED,
    /** A refusal this till has no words of its own for: the provider's code says more. */
    OTHER;

    /** The reason named {@code name}, or null when there is none by that name. */
    public static RefusalReason named(String name) {
        if (name == null) {
            return null;
        }
        for (RefusalReason reason : values()) {
            if (reason.name().equals(name)) {
                return reason;
            }
        }
        return null;
    }
}
