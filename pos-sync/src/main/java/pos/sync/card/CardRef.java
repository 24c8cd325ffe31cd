package pos.sync.card;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the till keeps of a bank card: everything here is safe to journal (PCI DSS allows the
 * first six and last four digits), and the token lets the till recognise the same card again
 * without the number. Immutable.
 *
 * @param masked   e.g. {@code 411111******1111}
 * @param bin      the first six digits (issuer)
 * @param lastFour the last four digits
 * @param token    lowercase hex HMAC-SHA256 of the card number under the till's secret key
 *                 ({@link CardTokens}); useless without that key
 */
public record CardRef(String masked, String bin, String lastFour, String token) {

    private static final Pattern MASKED = Pattern.compile("[0-9]{6}\\*{2,9}[0-9]{4}");
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{64}");

    public CardRef {
        Objects.requireNonNull(masked, "masked");
        Objects.requireNonNull(bin, "bin");
        Objects.requireNonNull(lastFour, "lastFour");
        Objects.requireNonNull(token, "token");
        // A guard against a programming error that would journal a full number.
        if (!MASKED.matcher(masked).matches() || !bin.matches("[0-9]{6}") || !lastFour.matches("[0-9]{4}")
                || !masked.startsWith(bin) || !masked.endsWith(lastFour)) {
            throw new IllegalArgumentException("not a masked card reference: " + masked.replaceAll("[0-9]", "#"));
        }
        if (!TOKEN.matcher(token).matches()) {
            throw new IllegalArgumentException("a card token is 64 lowercase hex digits");
        }
    }
}
