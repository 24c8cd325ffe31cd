/**
 * The keyboard-wedge barcode scanner: a USB scanner that pretends to be a keyboard.
 *
 * <p>{@link pos.device.wedge.WedgeBurstDetector} is the pure timing logic (no JavaFX) that tells
 * a scanner's burst of keystrokes from a person typing; {@link pos.device.wedge.KeyboardWedgeScanner}
 * is the {@link pos.core.device.Scanner} adapter that feeds it from a scene-level key event filter,
 * swallows the scanner's keystrokes and gives a person's keystrokes back to the focused control.
 * Timing alone cannot tell a scan from a clerk's keys queued behind a stalled JavaFX thread, so the
 * focused control's {@link pos.device.wedge.FieldExpectation} ({@code <properties expects="amount"/>}
 * in FXML) and the burst's content (GTIN check digits, voucher and pay-code formats, a configured
 * prefix or suffix) decide too.
 */
package pos.device.wedge;
