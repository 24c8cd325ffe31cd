package pos.core.shift;

import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The notes and coins of a currency, largest first, in minor units: what a drawer is counted in at the close of a
 * shift. Known currencies have their circulating notes and coins; any other gets a 1-2-5 series from the largest
 * usual note down to its smallest unit. Immutable and thread-safe.
 */
public final class Denominations {

    private static final Map<String, List<Long>> KNOWN = Map.of(
            "CNY", List.of(10000L, 5000L, 2000L, 1000L, 500L, 100L, 50L, 10L),
            "EUR", List.of(50000L, 20000L, 10000L, 5000L, 2000L, 1000L, 500L, 200L, 100L, 50L, 20L, 10L, 5L, 2L, 1L),
            "USD", List.of(10000L, 5000L, 2000L, 1000L, 500L, 200L, 100L, 25L, 10L, 5L, 1L),
            "GBP", List.of(5000L, 2000L, 1000L, 500L, 200L, 100L, 50L, 20L, 10L, 5L, 2L, 1L),
            "HKD", List.of(100000L, 50000L, 10000L, 5000L, 2000L, 1000L, 500L, 200L, 100L, 50L, 20L, 10L),
            "JPY", List.of(10000L, 5000L, 2000L, 1000L, 500L, 100L, 50L, 10L, 5L, 1L));

    private Denominations() {
    }

    /** The denominations of {@code currency}, largest first, in its minor units. */
    public static List<Long> of(Currency currency) {
        Objects.requireNonNull(currency, "currency");
        List<Long> known = KNOWN.get(currency.getCurrencyCode());
        if (known != null) {
            return known;
        }
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        long unit = 1;
        long largest = 100;
        for (int i = 0; i < digits; i++) {
            largest *= 10;
        }
        List<Long> series = new java.util.ArrayList<>();
        for (long decade = largest; decade >= unit; decade /= 10) {
            series.add(decade);
            if (decade / 10 >= unit) {
                series.add(decade / 2);
                series.add(decade / 5);
            }
        }
        return List.copyOf(series);
    }

    /** The total of {@code counts} (denomination in minor units → how many). */
    public static long total(Map<Long, Integer> counts) {
        long total = 0;
        for (Map.Entry<Long, Integer> e : counts.entrySet()) {
            total = Math.addExact(total, Math.multiplyExact(e.getKey(), (long) e.getValue()));
        }
        return total;
    }
}
