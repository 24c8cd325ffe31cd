package pos.hub.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address for the customers' endpoints ({@code /payments/{tx}},
 * {@code /vouchers/{id}}): {@code burst} requests at once, refilled at {@code perSecond}. When the
 * map of addresses grows past {@value #MAX_ADDRESSES} (many spoofed-looking clients), full buckets are
 * dropped first, then all, so memory stays bounded. Thread-safe.
 */
public final class CustomerRateLimiter {

    static final int MAX_ADDRESSES = 10_000;

    private final int burst;
    private final double perSecond;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CustomerRateLimiter(int burst, double perSecond, LongSupplier nanoTime) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
    }

    /** Takes one token for {@code address}; 0 when the request may go on, else whole seconds until the next token. */
    public long take(String address) {
        if (buckets.size() > MAX_ADDRESSES) {
            long now = nanoTime.getAsLong();
            buckets.values().removeIf(b -> b.full(now));
            if (buckets.size() > MAX_ADDRESSES) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(address, a -> new Bucket()).take(nanoTime.getAsLong());
    }

    private final class Bucket {
        private double tokens = burst;
        private long refilledAt = nanoTime.getAsLong();

        synchronized long take(long now) {
            refill(now);
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
        }

        synchronized boolean full(long now) {
            refill(now);
            return tokens >= burst;
        }

        private void refill(long now) {
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
        }
    }
}
