package pos.core.events;

import java.time.Instant;

/**
 * Where the screens report buried-point events (R19). {@link #record} never blocks and never
 * throws: capturing an event must not slow the till; a sink that cannot keep an event counts and
 * reports the loss itself.
 */
public interface EventSink {

    void record(UiEvent event);

    /** A sink that drops everything: for tests and tools that have no journal. */
    static EventSink discarding() {
        return event -> { };
    }
}
