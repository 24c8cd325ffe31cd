/**
 * The sandbox gateway's wire protocol: the JSON records clients send and receive, the error codes
 * and trade states, the knobs, and {@link pos.gateway.sandbox.api.NotificationSignature} to sign
 * and verify notifications. Depends on Jackson only, so the store hub and the till reuse it
 * without pulling in a server. The full protocol, with every endpoint, is in the module's
 * {@code README.md}; in short:
 *
 * <ul>
 *   <li>Money is integer minor units: {@code amount: {total, currency}}. An {@code out_trade_no}
 *       is 6–32 characters of {@code [0-9A-Za-z_\-|*]} and is the idempotency key, tied to its
 *       kind and amount ({@code 409 OUT_TRADE_NO_USED}).</li>
 *   <li>{@code POST /v1/orders/native} → {@code code_url} ({@code sandbox://pay/<token>}) and
 *       {@code expires_at}; {@code POST /v1/orders/micropay} → {@code SUCCESS} or
 *       {@code USERPAYING}, or {@code AUTH_CODE_INVALID}, {@code NOTENOUGH}, {@code PAYERROR};
 *       pay-codes ending 0000 confirm later, 9999 never, 1111 lack balance.</li>
 *   <li>{@code GET /v1/orders/{out_trade_no}}, {@code POST …/close} (204, or {@code ORDERPAID}),
 *       {@code POST …/reverse} ({@code REVOKED}), {@code POST /v1/refunds} (once per
 *       {@code out_refund_no}).</li>
 *   <li>Notifications ({@link pos.gateway.sandbox.api.Notification}) POSTed to {@code notify_url}
 *       on every {@code SUCCESS} and refund, signed in the {@code X-Sandbox-*} headers, retried
 *       until a 2xx answer, at least once.</li>
 *   <li>{@code /sandbox/pay}, {@code /sandbox/confirm}, {@code /sandbox/ledger},
 *       {@code /sandbox/knobs}: the simulated customer and the test controls.</li>
 * </ul>
 *
 * <p>Errors are {@link pos.gateway.sandbox.api.ErrorResponse} with an
 * {@link pos.gateway.sandbox.api.ErrorCode}; times are RFC 3339 in UTC.
 */
package pos.gateway.sandbox.api;
