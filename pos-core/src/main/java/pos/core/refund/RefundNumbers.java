package pos.core.refund;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The store's refund numbers at the gateway: the return's id, a dash and the index of the original
 * tender in the sale ({@code 01JC9Z...-0}). The same return and tender always give the same number, so
 * a retry (after a timeout, a crash, a restart) refunds once; a second return of the same sale has
 * another id and so other numbers. At most {@value #MAX_LENGTH} characters of {@code [0-9A-Za-z_-]}
 * (what WeChat Pay, Alipay and the sandbox accept). Stateless.
 */
public final class RefundNumbers {

    /** The longest refund number gateways take. */
    public static final int MAX_LENGTH = 32;

    private static final Pattern ALLOWED = Pattern.compile("[0-9A-Za-z_-]{1,32}");

    private RefundNumbers() {
    }

    /**
     * The refund number of tender {@code tenderIndex} (its position in the original sale's tenders)
     * in return {@code returnId}.
     *
     * @throws IllegalArgumentException if the number would not be accepted by a gateway
     */
    public static String of(String returnId, int tenderIndex) {
        Objects.requireNonNull(returnId, "returnId");
        if (tenderIndex < 0) {
            throw new IllegalArgumentException("a tender index is 0 or more, not " + tenderIndex);
        }
        String number = returnId + "-" + tenderIndex;
        if (!ALLOWED.matcher(number).matches()) {
            throw new IllegalArgumentException("refund number '" + number + "' is not 1 to " + MAX_LENGTH
                    + " characters of 0-9, A-Z, a-z, '_' and '-' (return id '" + returnId + "')");
        }
        return number;
    }

    /** Whether {@code refundNo} is a number {@link #of} could have made. */
    public static boolean isValid(String refundNo) {
        return refundNo != null && ALLOWED.matcher(refundNo).matches();
    }
}
