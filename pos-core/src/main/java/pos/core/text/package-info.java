/**
 * Text typed or scanned at the till, made safe to read and safe to show: {@link pos.core.text.NumericText}
 * reads digits from any input method (full-width digits from a Chinese IME are digits), and
 * {@link pos.core.text.ClerkEcho} turns anything a scanner or a person produced into text that can be
 * echoed on the screen without hidden characters, direction tricks or a card number in clear.
 */
package pos.core.text;
