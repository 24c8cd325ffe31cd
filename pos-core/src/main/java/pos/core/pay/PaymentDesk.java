package pos.core.pay;

/**
 * The till's payment component (R20): the screens hand it an order and watch a session; they never
 * hand-write payment logic. Its three service interfaces are the source documents' pre-check
 * ({@link #preCheck}), pre-order ({@link #startQr}, {@link #startPayCode}) and message push
 * ({@link PaymentSession#onChange}). Implementations are thread-safe; no method blocks on the
 * network (sessions make progress on background threads).
 */
public interface PaymentDesk {

    /**
     * Checks an order before anything leaves the counter (R13, R14). The rule base of the
     * pre-verification work plugs in here.
     */
    PreCheck preCheck(PaymentOrder order);

    /**
     * Starts a payment by QR code shown on the till (R21): journal PENDING, pending queue (R7),
     * gateway order (R16); the session then waits for the result (R22–R24).
     */
    PaymentSession startQr(PaymentOrder order);

    /** Starts a payment by the customer's pay-code, scanned by the clerk (micropay). */
    PaymentSession startPayCode(PaymentOrder order, String authCode);
}
