package pos.gateway.sandbox.ledger;

/**
 * How an order was created. Immutable and thread-safe.
 */
public enum OrderKind {
    /** {@code POST /v1/orders/native}: the till shows a QR code, the customer scans it. */
    NATIVE,
    /** {@code POST /v1/orders/micropay}: the clerk scans the customer's pay-code. */
    MICROPAY,
    /** {@code POST /v1/orders/card}: a bank card with a PIN block; the ledger keeps only the masked card. */
    CARD
}
