package pos.core.pay;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import pos.core.card.CardNumber;

/**
 * The key the till makes PIN blocks with, shared with the payment gateway (the sandbox's
 * {@code --pin-key}; the till's {@code pos.gateway.pinKey}). It never appears in
 * {@link #toString()}. Immutable and thread-safe.
 *
 * <p>The sandbox PIN-block scheme (a stand-in for the ISO 9564 PIN blocks that a PCI PTS PIN pad
 * encrypts under a DUKPT key; the sandbox has no hardware security module): the block is
 * <pre>
 *   lowercase hex of HMAC-SHA256(key = the PIN key's bytes,
 *                                message = ASCII(PAN + ":" + PIN + ":" + out_trade_no))
 * </pre>
 * so it is bound to one card, one PIN and one payment attempt: a block seen once cannot pay
 * another order, and the PIN itself is never sent, stored or logged.
 */
public final class PinKey {

    /** The number of digits of a PIN typed on the till's keypad. */
    public static final int PIN_DIGITS = 6;

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    private PinKey(byte[] key) {
        if (key.length < 8) {
            throw new IllegalArgumentException("a PIN key needs at least 8 bytes, was " + key.length);
        }
        this.key = key.clone();
    }

    /** A key from its bytes (copied). */
    public static PinKey of(byte[] key) {
        Objects.requireNonNull(key, "key");
        return new PinKey(key);
    }

    /** A key from configuration text, used as its UTF-8 bytes (like the gateway's notification secret). */
    public static PinKey fromText(String key) {
        Objects.requireNonNull(key, "key");
        return new PinKey(key.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Makes the PIN block of one payment attempt and wipes {@code pin} (every char set to 0),
     * whether it succeeds or not.
     *
     * @param card       the card being charged; must be valid
     * @param pin        the digits the customer typed; wiped before this returns
     * @param outTradeNo the attempt's transaction id ({@link PaymentOrder#outTradeNo()})
     * @throws IllegalArgumentException if the PIN is not exactly {@value #PIN_DIGITS} ASCII digits or
     *                                  the card is not valid (the message never contains the PIN)
     */
    public PinBlock blockFor(CardNumber card, char[] pin, String outTradeNo) {
        Objects.requireNonNull(pin, "pin");
        byte[] message = null;
        try {
            Objects.requireNonNull(card, "card");
            Objects.requireNonNull(outTradeNo, "outTradeNo");
            if (!card.isValid()) {
                throw new IllegalArgumentException("a PIN block needs a valid card number (" + card.problem() + ")");
            }
            if (pin.length != PIN_DIGITS) {
                throw new IllegalArgumentException("a PIN has " + PIN_DIGITS + " digits, " + pin.length + " were typed");
            }
            for (char c : pin) {
                if (c < '0' || c > '9') {
                    throw new IllegalArgumentException("a PIN has only the digits 0-9");
                }
            }
            String pan = card.revealForGateway();
            byte[] tail = (":" + outTradeNo).getBytes(StandardCharsets.US_ASCII);
            message = new byte[pan.length() + 1 + PIN_DIGITS + tail.length];
            int at = 0;
            for (int i = 0; i < pan.length(); i++) {
                message[at++] = (byte) pan.charAt(i);
            }
            message[at++] = ':';
            for (char c : pin) {
                message[at++] = (byte) c;
            }
            System.arraycopy(tail, 0, message, at, tail.length);
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return new PinBlock(java.util.HexFormat.of().formatHex(mac.doFinal(message)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK cannot compute " + ALGORITHM + " for a PIN block", e);
        } finally {
            Arrays.fill(pin, '\0');
            if (message != null) {
                Arrays.fill(message, (byte) 0);
            }
        }
    }

    @Override
    public String toString() {
        return "PinKey[" + key.length + " bytes]";
    }
}
