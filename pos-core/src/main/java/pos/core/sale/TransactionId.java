package pos.core.sale;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * A transaction id made on the till: a ULID (26 characters of Crockford base32, a 48-bit
 * millisecond timestamp then 80 random bits). It is the idempotency key everywhere: the journal,
 * Redis, MariaDB and, as out_trade_no, the payment gateway (26 characters of [0-9A-Z] fit the
 * gateways' 6–32 character limit). Ids sort by creation time. Immutable.
 */
public record TransactionId(String value) implements Comparable<TransactionId> {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    public TransactionId {
        Objects.requireNonNull(value, "value");
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("not a transaction id (ULID): '" + value + "'");
        }
    }

    public static boolean isWellFormed(String value) {
        if (value == null || value.length() != 26 || value.charAt(0) > '7') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (decode(value.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static int decode(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** The creation time in epoch milliseconds, from the id's first 10 characters. */
    public long epochMillis() {
        long t = 0;
        for (int i = 0; i < 10; i++) {
            t = (t << 5) | decode(value.charAt(i));
        }
        return t;
    }

    @Override
    public int compareTo(TransactionId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }

    /**
     * Makes ids. Within one millisecond it increments the random part, so ids from one generator
     * are strictly increasing. Thread-safe.
     */
    public static final class Generator {
        private final Clock clock;
        private final SecureRandom random = new SecureRandom();
        private long lastMillis = -1;
        private long randomHigh; // 16 bits
        private long randomLow; // 64 bits

        public Generator(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
        }

        public synchronized TransactionId next() {
            long now = clock.millis();
            if (now <= lastMillis) {
                now = lastMillis;
                randomLow++;
                if (randomLow == 0) {
                    randomHigh = (randomHigh + 1) & 0xFFFF;
                }
            } else {
                lastMillis = now;
                randomHigh = random.nextInt(1 << 16);
                randomLow = random.nextLong();
            }
            char[] out = new char[26];
            long t = now;
            for (int i = 9; i >= 0; i--) {
                out[i] = ALPHABET[(int) (t & 31)];
                t >>>= 5;
            }
            // 80 random bits = 16 high + 64 low, written as 16 base32 characters.
            long lo = randomLow;
            long hi = randomHigh;
            for (int i = 25; i >= 10; i--) {
                out[i] = ALPHABET[(int) (lo & 31)];
                lo = (lo >>> 5) | ((hi & 31) << 59);
                hi >>>= 5;
            }
            return new TransactionId(new String(out));
        }
    }
}
