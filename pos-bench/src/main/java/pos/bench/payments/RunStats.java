package pos.bench.payments;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the tills and customers of a fault run did, counted as it happens. Thread-safe.
 */
final class RunStats {

    private final Map<String, AtomicLong> counts = new ConcurrentSkipListMap<>();
    private final Set<String> latePays = ConcurrentHashMap.newKeySet();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<Long> attemptMillis = new CopyOnWriteArrayList<>();
    private final AtomicLong salesDone = new AtomicLong();

    void count(String what) {
        counts.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    long get(String what) {
        AtomicLong value = counts.get(what);
        return value == null ? 0 : value.get();
    }

    /** Every counter, by name. */
    Map<String, Long> counts() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    /** A QR payment the gateway scheduled for later (the {@code late_pay_rate} knob). */
    void latePay(String transactionId) {
        latePays.add(transactionId);
    }

    Set<String> latePays() {
        return Set.copyOf(latePays);
    }

    /** Something that must fail the run (a stuck session, an unexpected exception), with the context. */
    void problem(String description) {
        problems.add(description);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    void attemptTook(long millis) {
        attemptMillis.add(millis);
    }

    List<Long> attemptMillis() {
        return new ArrayList<>(attemptMillis);
    }

    long saleDone() {
        return salesDone.incrementAndGet();
    }

    long salesDone() {
        return salesDone.get();
    }
}
