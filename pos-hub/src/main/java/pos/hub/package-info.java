/**
 * The store hub: the headless server every till of a store shares ({@link pos.hub.StoreHub},
 * started by {@link pos.hub.HubMain} as {@code ./pos hub}).
 *
 * <p>HTTP (JSON; errors are {@code {"error", "message"}}, bodies over 64 KB refused with 413):
 * <pre>
 * POST /notify/sandbox   signed gateway notification (X-Sandbox-Key-Id, -Timestamp, -Nonce, -Signature)
 * GET  /payments/{tx}    a payment's status; one single-flight gateway query for an open order at least 5 s old (R23)
 * GET  /alerts           the queue monitor's alerts (R12)
 * GET  /metrics          Prometheus text format
 * GET  /health           200 while Redis answers, 503 otherwise
 * </pre>
 *
 * <p>Redis keys it owns besides the payment keys of {@link pos.contract.pay.PaymentKeys} and the
 * archive streams of {@link pos.hub.archive.Archiver}:
 * <pre>
 * pos:alerts                 HASH  alert name → JSON {level, message, since}
 * pos:alerts:changed         pub/sub: the name of an alert raised or cleared (a hint for the tills' status bars)
 * pos:pay:query-lock:{tx}    STRING SET NX PX: one gateway query per payment per interval across all hubs
 * </pre>
 * MariaDB: the archive tables of {@link pos.hub.archive.MariaDbSaleArchive} (sales, sale_lines,
 * sale_tenders), written by the in-hub archiver.
 */
package pos.hub;
