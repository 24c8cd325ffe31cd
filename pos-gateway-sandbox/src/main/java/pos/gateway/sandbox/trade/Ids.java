package pos.gateway.sandbox.trade;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/** Gateway-side ids, random so that no two runs collide. Thread-safe. */
final class Ids {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private Ids() {
    }

    /** 28 digits, WeChat-like: {@code 4200} + day + 16 random digits. */
    static String transactionId(Instant now) {
        return "4200" + DAY.format(now) + digits(16);
    }

    /** 28 digits: {@code 5030} + day + 16 random digits. */
    static String refundId(Instant now) {
        return "5030" + DAY.format(now) + digits(16);
    }

    /** 32 hex digits, unguessable: the customer needs the QR code to pay. */
    static String codeToken() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String digits(int count) {
        StringBuilder digits = new StringBuilder(count);
        for (int i = 0; i < count; i++) {
            digits.append((char) ('0' + RANDOM.nextInt(10)));
        }
        return digits.toString();
    }
}
