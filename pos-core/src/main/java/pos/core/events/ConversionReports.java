package pos.core.events;

import java.time.Instant;

/**
 * Computes the R19 conversion report for a period from the buried-point events and the payment
 * results it knows of (the till's own journal, or the store's database). Implementations do I/O
 * and must be called off the UI thread.
 */
public interface ConversionReports {

    /**
     * The report for {@code [from, to)}.
     *
     * @throws RuntimeException a module-specific exception naming the store that could not be read
     */
    ConversionReport between(Instant from, Instant to);
}
