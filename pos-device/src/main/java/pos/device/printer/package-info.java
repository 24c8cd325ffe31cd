/**
 * Receipt printers and the cash drawer behind them, over ESC/POS (escpos-coffee):
 * {@link pos.device.printer.EscPosReceiptPrinter} renders a {@link pos.core.receipt.ReceiptDocument}
 * ({@link pos.device.printer.EscPosRenderer}) and sends it through one of four connections: a USB
 * printer-class device file, raw TCP port 9100, a CUPS raw queue, a serial port. Status comes from the
 * real-time request DLE EOT where the connection can read back ({@link pos.device.printer.EscPosStatus}).
 * {@link pos.device.printer.PrinterSettings} chooses and remembers one; {@link pos.device.printer.ReceiptPrinters}
 * builds it.
 */
package pos.device.printer;
