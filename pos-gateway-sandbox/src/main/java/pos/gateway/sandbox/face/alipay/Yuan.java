package pos.gateway.sandbox.face.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.regex.Pattern;

/**
 * Alipay's amounts and times on the wire: yuan with at most two decimals ({@code "12.30"}) against the ledger's fen
 * (minor units), converted exactly; times as {@code yyyy-MM-dd HH:mm:ss} in Beijing time. Thread-safe (stateless).
 */
public final class Yuan {

    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,11}(\\.[0-9]{1,2})?");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(BEIJING);

    private Yuan() {
    }

    /**
     * Fen of a yuan text.
     *
     * @throws IllegalArgumentException for anything but digits with at most two decimals
     */
    public static long toFen(String yuan) {
        if (yuan == null || !AMOUNT.matcher(yuan).matches()) {
            throw new IllegalArgumentException("an amount is yuan with at most two decimals (\"12.30\"), was "
                    + (yuan == null ? "nothing" : "'" + (yuan.length() > 20 ? yuan.substring(0, 20) + "…" : yuan) + "'"));
        }
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    /** The yuan text of {@code fen}, always two decimals. */
    public static String of(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** {@code instant} as Alipay writes times. */
    public static String time(Instant instant) {
        return TIME.format(instant);
    }
}
