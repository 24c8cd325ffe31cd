/**
 * The scanner set-up (Ctrl+J on the sell screen): shows a barcode to scan, records what the
 * keyboard-wedge scanner sends for it (the keys and their timing), works out the scanner's prefix,
 * suffix, terminator and pace ({@link pos.app.scanner.ScanLearning}), and keeps them in
 * {@code scanner.properties} in the data directory ({@link pos.app.scanner.LearnedScannerFile}),
 * read at start-up. A prefix or suffix is the robust way to tell a scan from a clerk's typing on a
 * busy till (DESIGN §7).
 */
package pos.app.scanner;
