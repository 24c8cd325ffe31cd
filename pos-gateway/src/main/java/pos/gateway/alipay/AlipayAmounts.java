package pos.gateway.alipay;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import pos.core.money.Money;

/**
 * Alipay's amounts and times as the till keeps them: the wire says yuan with at most two decimals ({@code "12.30"}),
 * the till counts fen (minor units, {@code long}); converted exactly with {@link BigDecimal}, anything with more than
 * two decimals, a sign, an exponent or more than 11 whole digits refused. Alipay's times are
 * {@code yyyy-MM-dd HH:mm:ss} in Beijing time. Alipay face-to-face charges in CNY only. Thread-safe (stateless).
 */
public final class AlipayAmounts {

    /** The only currency Alipay face-to-face takes here. */
    public static final String CURRENCY = "CNY";

    private static final Pattern YUAN = Pattern.compile("[0-9]{1,11}(\\.[0-9]{1,2})?");
    private static final ZoneId BEIJING = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private AlipayAmounts() {
    }

    /**
     * Fen of a yuan text from Alipay.
     *
     * @throws IllegalArgumentException for anything but digits with at most two decimals; the message quotes at most
     *                                  20 characters of it
     */
    public static long toMinor(String yuan) {
        if (yuan == null || !YUAN.matcher(yuan).matches()) {
            throw new IllegalArgumentException("'" + printable(yuan) + "' is not an amount in yuan with at most two"
                    + " decimals");
        }
        return new BigDecimal(yuan).movePointRight(2).longValueExact();
    }

    /** The yuan text Alipay expects for {@code money}, which must be CNY and positive. */
    public static String toYuan(Money money) {
        if (!CURRENCY.equals(money.currency().getCurrencyCode())) {
            throw new IllegalArgumentException("Alipay face-to-face takes CNY only, not " + money.currency());
        }
        return toYuan(money.minorUnits());
    }

    /** The yuan text of {@code fen}, always with two decimals. */
    public static String toYuan(long fen) {
        return BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /**
     * An Alipay time ({@code 2026-12-07 09:30:00}, Beijing).
     *
     * @throws IllegalArgumentException when it is not one
     */
    public static Instant time(String text) {
        try {
            return LocalDateTime.parse(text, TIME).atZone(BEIJING).toInstant();
        } catch (DateTimeParseException | NullPointerException e) {
            throw new IllegalArgumentException("'" + printable(text) + "' is not an Alipay time (yyyy-MM-dd HH:mm:ss)",
                    e);
        }
    }

    static String printable(String value) {
        if (value == null) {
            return "";
        }
        String shortened = value.length() > 20 ? value.substring(0, 20) + "…" : value;
        return shortened.replaceAll("[^\\x20-\\x7e]", "?");
    }
}
