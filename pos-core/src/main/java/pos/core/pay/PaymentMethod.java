package pos.core.pay;

/** How a customer pays with a phone wallet. */
public enum PaymentMethod {
    /** The till shows the gateway's payment QR code (code_url); the customer scans it (R21). */
    QR_SHOWN,
    /** The customer shows a payment code; the clerk scans it (micropay). */
    PAY_CODE
}
