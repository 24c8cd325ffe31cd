/**
 * Receipts without a printer: a printer-neutral {@link pos.core.receipt.ReceiptDocument} (ordered
 * blocks on paper a number of columns wide), the {@link pos.core.receipt.ReceiptLayout} that turns a
 * finished {@link pos.core.sale.SaleRecord} into one, and the {@link pos.core.receipt.ReceiptPrinter}
 * port that puts a document on paper (ESC/POS adapters live in pos-device). No I/O here.
 */
package pos.core.receipt;
