package pos.gateway.sandbox;

import java.security.SecureRandom;

/** Fresh ULID-shaped out_trade_nos and pay-codes, so tests sharing one gateway never collide. Thread-safe. */
final class TestIds {

    private static final String CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private TestIds() {
    }

    /** 26 characters, like the till's ULIDs. */
    static String outTradeNo() {
        StringBuilder id = new StringBuilder("01J");
        while (id.length() < 26) {
            id.append(CROCKFORD.charAt(RANDOM.nextInt(CROCKFORD.length())));
        }
        return id.toString();
    }

    /** An 18-digit pay-code starting 13 and ending in the given scenario digits. */
    static String payCode(String lastFour) {
        StringBuilder code = new StringBuilder("13");
        while (code.length() < 14) {
            code.append(RANDOM.nextInt(10));
        }
        return code.append(lastFour).toString();
    }

    /** A pay-code that pays at once: its last four digits are none of 0000, 9999, 1111. */
    static String payNowCode() {
        return payCode("5678");
    }
}
