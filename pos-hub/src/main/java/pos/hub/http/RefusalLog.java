package pos.hub.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Refused requests as log lines an attacker cannot turn into a flood: the first refusal of a kind
 * from an address is logged at once; further ones of the same kind and address within
 * {@link #QUIET} are only counted, and the next line logged says how many there were. Only the
 * {@value #MAX_KINDS} most recent (address, kind) pairs are tracked, so a caller changing address
 * cannot grow the memory either. Thread-safe.
 */
public final class RefusalLog {

    /** How long after a logged refusal the same (address, kind) is only counted. */
    public static final Duration QUIET = Duration.ofMinutes(1);
    /** How many (address, kind) pairs are tracked. */
    static final int MAX_KINDS = 10_000;

    private record Seen(Instant lastLogged, long unlogged) {
    }

    private final Logger log;
    private final Clock clock;
    private final Map<String, Seen> seen = new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
            return size() > MAX_KINDS;
        }
    };

    public RefusalLog(Logger log, Clock clock) {
        this.log = Objects.requireNonNull(log, "log");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Logs (at WARN) or counts a refusal.
     *
     * @param address the caller's address
     * @param kind    what was refused, the same text for the same kind ("GET /people: no credential")
     * @param line    the whole sentence to log, built only when it is logged
     * @return true when a line was logged
     */
    public boolean refused(String address, String kind, java.util.function.Supplier<String> line) {
        String key = address + "\u0000" + kind;
        Instant now = clock.instant();
        long before;
        synchronized (seen) {
            Seen last = seen.get(key);
            if (last != null && now.isBefore(last.lastLogged().plus(QUIET))) {
                seen.put(key, new Seen(last.lastLogged(), last.unlogged() + 1));
                return false;
            }
            before = last == null ? 0 : last.unlogged();
            seen.put(key, new Seen(now, 0));
        }
        log.warn(before == 0 ? line.get() : line.get() + " (and " + before + " more like it from there in the last "
                + QUIET.toMinutes() + " min or so, not logged one by one)");
        return true;
    }

    /** How many (address, kind) pairs are tracked now. */
    int tracked() {
        synchronized (seen) {
            return seen.size();
        }
    }
}
