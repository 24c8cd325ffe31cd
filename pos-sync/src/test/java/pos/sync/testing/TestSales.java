package pos.sync.testing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import pos.core.sale.SaleRecord;
import pos.core.sale.SaleState;
import pos.core.sale.TenderType;
import pos.core.sale.TransactionId;

/**
 * Deterministic sale records for tests and load: sale {@code i} of a run is always the same
 * record with the same transaction id, so a restarted till appends the same sales again and the
 * journal and the archive keep them once. Thread-safe (stateless).
 */
public final class TestSales {

    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final long BASE_MILLIS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private TestSales() {
    }

    /** A well-formed ULID made from {@code run} and {@code index}: unique per (run, index). */
    public static String transactionId(long run, int index) {
        char[] out = new char[26];
        long time = BASE_MILLIS + index;
        for (int i = 9; i >= 0; i--) {
            out[i] = CROCKFORD[(int) (time & 31)];
            time >>>= 5;
        }
        long random = mix(run);
        for (int i = 25; i >= 10; i--) {
            out[i] = CROCKFORD[(int) (random & 31)];
            random >>>= 5;
            if (i == 13) {
                random = mix(run ^ 0x5DEECE66DL);
            }
        }
        String id = new String(out);
        if (!TransactionId.isWellFormed(id)) {
            throw new IllegalStateException("made a bad ULID " + id);
        }
        return id;
    }

    /** Sale {@code index} of the run {@code run} at till {@code tillId}; every tenth one is cancelled. */
    public static SaleRecord sale(long run, String tillId, int index) {
        String id = transactionId(run, index);
        Instant opened = Instant.ofEpochMilli(BASE_MILLIS + index * 1000L);
        Instant closed = opened.plusMillis(30_000 + index % 7_000);
        boolean cancelled = index % 10 == 9;
        List<SaleRecord.Line> lines = new ArrayList<>();
        long total = 0;
        int lineCount = 1 + index % 3;
        for (int k = 1; k <= lineCount; k++) {
            int quantity = 1 + (index + k) % 4;
            long unitPrice = 99 + (index * 31L + k * 17L) % 1900;
            long lineTotal = quantity * unitPrice;
            total += lineTotal;
            lines.add(new SaleRecord.Line(k, "400638133393" + (k % 10), "Item " + k + " of sale " + index, quantity, 0,
                    unitPrice, lineTotal, k % 2 == 0 ? "REDUCED" : "STANDARD"));
        }
        long tax = total * 19 / 119;
        List<SaleRecord.Payment> tenders = new ArrayList<>();
        if (!cancelled) {
            long tendered = (total + 999) / 1000 * 1000;
            tenders.add(new SaleRecord.Payment(TenderType.CASH, total, tendered, tendered - total));
        }
        return new SaleRecord(id, tillId, cancelled ? SaleState.CANCELLED : SaleState.PAID, "EUR", total, tax, opened,
                closed, lines, tenders);
    }

    /** The sales 0..count-1 of a run. */
    public static List<SaleRecord> sales(long run, String tillId, int count) {
        List<SaleRecord> sales = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            sales.add(sale(run, tillId, i));
        }
        return sales;
    }

    /** Sum of totals of the sales 0..count-1 of a run. */
    public static long totalMinor(long run, String tillId, int count) {
        return sales(run, tillId, count).stream().mapToLong(SaleRecord::totalMinor).sum();
    }

    /** Number of lines of the sales 0..count-1 of a run. */
    public static long lineCount(long run, String tillId, int count) {
        return sales(run, tillId, count).stream().mapToLong(s -> s.lines().size()).sum();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
