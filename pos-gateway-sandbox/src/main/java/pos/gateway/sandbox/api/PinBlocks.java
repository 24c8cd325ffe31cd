package pos.gateway.sandbox.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sandbox PIN-block scheme, the gateway's side (the till's side is {@code pos.core.pay.PinKey};
 * this module does not depend on pos-core, the scheme is the contract):
 * <pre>
 *   pin_block = lowercase hex of HMAC-SHA256(key = the PIN key's UTF-8 bytes,
 *                                            message = ASCII(card_no + ":" + PIN + ":" + out_trade_no))
 * </pre>
 * A stand-in for an ISO 9564 block encrypted in a PIN pad: the PIN never travels, and a block is
 * bound to one card and one order. Thread-safe (immutable).
 */
public final class PinBlocks {

    /** The PIN key used unless configured otherwise ({@code --pin-key}). */
    public static final String DEFAULT_PIN_KEY = "sandbox-pin-key";

    private static final String ALGORITHM = "HmacSHA256";

    private final byte[] key;

    /**
     * A scheme with a key.
     *
     * @param pinKey the shared PIN key, used as UTF-8 bytes; at least 8 bytes
     */
    public PinBlocks(String pinKey) {
        Objects.requireNonNull(pinKey, "pinKey");
        this.key = pinKey.getBytes(StandardCharsets.UTF_8);
        if (key.length < 8) {
            throw new IllegalArgumentException("the PIN key needs at least 8 bytes, was " + key.length);
        }
    }

    /**
     * The block a till makes for this card, PIN and order.
     *
     * @param cardNo the card number's digits
     * @param pin the PIN's digits
     * @param outTradeNo the order
     * @return 64 lowercase hex digits
     */
    public String block(String cardNo, String pin, String outTradeNo) {
        byte[] message = (cardNo + ":" + pin + ":" + outTradeNo).getBytes(StandardCharsets.US_ASCII);
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key, ALGORITHM));
            return HexFormat.of().formatHex(mac.doFinal(message));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute " + ALGORITHM, e);
        } finally {
            Arrays.fill(message, (byte) 0);
        }
    }

    /**
     * Tells whether {@code pinBlock} was made with this key for this card, PIN and order; compares
     * in constant time.
     *
     * @param pinBlock what the till sent
     * @param cardNo the card number's digits
     * @param pin the card's PIN
     * @param outTradeNo the order
     * @return {@code true} if it matches
     */
    public boolean matches(String pinBlock, String cardNo, String pin, String outTradeNo) {
        if (pinBlock == null) {
            return false;
        }
        byte[] expected = block(cardNo, pin, outTradeNo).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, pinBlock.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The masked form of a card number, safe for logs, the ledger and error messages: first six
     * and last four digits, or only stars when it is too short or not digits.
     *
     * @param cardNo a card number, possibly malformed or {@code null}
     * @return e.g. {@code 411111******1111}
     */
    public static String mask(String cardNo) {
        if (cardNo == null) {
            return "nothing";
        }
        if (cardNo.length() < 12 || cardNo.length() > 19 || !cardNo.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "*".repeat(Math.min(cardNo.length(), 19));
        }
        return cardNo.substring(0, 6) + "*".repeat(cardNo.length() - 10) + cardNo.substring(cardNo.length() - 4);
    }

    @Override
    public String toString() {
        return "PinBlocks[key hidden]";
    }
}
