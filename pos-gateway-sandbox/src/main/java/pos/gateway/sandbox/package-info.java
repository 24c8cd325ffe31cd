/**
 * The sandbox QR payment gateway: a real HTTP + JSON server that behaves like WeChat Pay (native
 * and pay-code) and Alipay face-to-face, for testing the till and the store hub.
 *
 * <p>Start it in process with {@link pos.gateway.sandbox.SandboxGateway} or as a process with
 * {@link pos.gateway.sandbox.SandboxGatewayMain}. The wire protocol is in
 * {@link pos.gateway.sandbox.api} and, in full, in the module's {@code README.md}. Every failure
 * is a {@link pos.gateway.sandbox.SandboxGatewayException}.
 *
 * <p>Packages: {@code api} (wire records, {@code NotificationSignature}; no server dependency),
 * {@code ledger} (SQLite books), {@code trade} (the trade rules and the simulated customer),
 * {@code notify} (signed, retried delivery), {@code chaos} (knobs and seeded dice),
 * {@code server} (Javalin routes).
 */
package pos.gateway.sandbox;
