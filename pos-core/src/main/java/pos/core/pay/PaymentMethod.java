package pos.core.pay;

/** How a customer pays without cash: a phone wallet, or a bank card with a PIN. */
public enum PaymentMethod {
    /** The till shows the gateway's payment QR code (code_url); the customer scans it (R21). */
    QR_SHOWN,
    /** The customer shows a payment code; the clerk scans it (micropay). */
    PAY_CODE,
    /**
     * A bank card: the clerk keys or swipes the card number, the customer types the 6-digit PIN on
     * the till's keypad; the gateway charges it at once ({@link PaymentGateway#payByCard}).
     */
    BANK_CARD
}
