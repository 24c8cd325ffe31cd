/**
 * The trade rules of the sandbox gateway ({@link pos.gateway.sandbox.trade.TradeService}): what
 * each request does to an order, idempotency, validation of every field, and the simulated
 * customer who scans, pays late and confirms pay-codes. Knows nothing of HTTP.
 */
package pos.gateway.sandbox.trade;
