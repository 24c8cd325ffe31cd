package pos.core.events;

import java.time.Clock;
import java.util.Objects;
import pos.core.sale.TransactionId;

/**
 * What the screens call to report a buried point (R19): it stamps the event with a fresh ULID
 * (the idempotency key when events are synced), this till's id and the clock's time, and hands it
 * to the {@link EventSink}. Like the sink it never blocks and never throws. Thread-safe.
 *
 * <pre>{@code
 * events.pageShown(PageIds.TENDER_CARD);
 * events.clicked(ElementIds.CARD_PAY);
 * }</pre>
 */
public final class EventRecorder {

    private final EventSink sink;
    private final String clientId;
    private final TransactionId.Generator ids;
    private final Clock clock;

    /** A recorder for the till {@code clientId} into {@code sink}. */
    public EventRecorder(EventSink sink, String clientId, Clock clock) {
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clientId = Objects.requireNonNull(clientId, "clientId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ids = new TransactionId.Generator(clock);
    }

    /** A recorder that drops everything (tests, tools). */
    public static EventRecorder discarding(String clientId, Clock clock) {
        return new EventRecorder(EventSink.discarding(), clientId, clock);
    }

    /** Reports that the page {@code pageId} (see {@link PageIds}) was shown. */
    public void pageShown(String pageId) {
        record(UiEvent.Kind.PAGE_SHOWN, pageId);
    }

    /** Reports that the element {@code elementId} (see {@link ElementIds}) was clicked. */
    public void clicked(String elementId) {
        record(UiEvent.Kind.ELEMENT_CLICKED, elementId);
    }

    private void record(UiEvent.Kind kind, String targetId) {
        if (targetId == null) {
            return; // never throws: a missing id is a programming slip, not a reason to stop a sale
        }
        sink.record(new UiEvent(ids.next().value(), kind, clientId, targetId, clock.instant()));
    }

    /** The till id stamped on every event. */
    public String clientId() {
        return clientId;
    }
}
