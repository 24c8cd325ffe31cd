package pos.contract.events;

/** The Redis stream of the tills' buried-point events (R19) on their way to the hub. Constants only. */
public final class EventStream {

    /** The events stream's key. */
    public static final String KEY = "pos:events";

    private EventStream() {
    }
}
