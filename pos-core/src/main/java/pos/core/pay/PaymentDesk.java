package pos.core.pay;

/**
 * The till's payment component (R20): the screens hand it an order and watch a session; they never
 * hand-write payment logic. Its three service interfaces are the source documents' pre-check
 * ({@link #preCheck}), pre-order ({@link #startQr}, {@link #startPayCode}, {@link #startCard}) and message push
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

    /**
     * Starts a bank card payment (R18: authorised by the customer's PIN): journal PENDING with the
     * masked card only, pending queue (R7), one charge at the gateway (R16). The session ends
     * {@link PaymentSession.State#PAID}, {@link PaymentSession.State#FAILED} with the gateway's
     * reason code (e.g. {@code WRONG_PIN}, {@code DECLINED}, {@code INSUFFICIENT_FUNDS},
     * {@code EXPIRED_CARD}), {@link PaymentSession.State#UNREACHABLE}, or
     * {@link PaymentSession.State#CANCELLED} (no answer in time: reversed at the gateway).
     *
     * @param order  a {@link PaymentMethod#BANK_CARD} order
     * @param charge the card and the PIN block of this order ({@link CardCharge#of})
     */
    PaymentSession startCard(PaymentOrder order, CardCharge charge);
}
