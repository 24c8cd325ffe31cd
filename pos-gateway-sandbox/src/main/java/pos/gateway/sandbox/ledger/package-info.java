/**
 * The sandbox gateway's books in SQLite: orders, charges, refunds and pending notifications.
 * {@link pos.gateway.sandbox.ledger.LedgerView} is the read-only view tests use to count the money
 * taken; {@link pos.gateway.sandbox.ledger.Ledger} is the only class that speaks SQL.
 */
package pos.gateway.sandbox.ledger;
