package pos.device.webcam;

import java.util.Objects;

/**
 * The handoff from the capture thread to the decoder: one slot, the latest frame wins. Offering a
 * frame while the previous one still waits replaces it and counts a drop, so a slow decoder never
 * builds a queue (and never decodes a stale picture). A producer that can make a frame whenever asked
 * (a simulated camera on demand) waits for room first ({@link #awaitRoom()}) instead of making frames
 * only to drop them. Thread-safe: one producer and one consumer.
 *
 * @param <T> the frame type
 */
final class LatestFrameSlot<T> {

    private T waiting;
    private boolean closed;
    private long offered;
    private long dropped;
    private int maxWaiting;
    /** Whether the producer waits in {@link #awaitRoom()}: only then does {@link #take()} wake it. */
    private boolean producerWaiting;

    /**
     * Puts {@code frame} in the slot, replacing (and dropping) one still waiting. Ignored once closed.
     *
     * @return whether a waiting frame was dropped to make room
     */
    synchronized boolean offer(T frame) {
        return replace(frame) != null;
    }

    /**
     * {@link #offer} that hands back the frame it dropped, so its buffers can be used again.
     *
     * @return the frame that was waiting and is now dropped, or null (none waited, or the slot is closed)
     */
    synchronized T replace(T frame) {
        Objects.requireNonNull(frame, "frame");
        if (closed) {
            return null;
        }
        offered++;
        T replaced = waiting;
        if (replaced != null) {
            dropped++;
        }
        waiting = frame;
        maxWaiting = Math.max(maxWaiting, 1);
        notifyAll();
        return replaced;
    }

    /**
     * Waits until no frame waits (the consumer has taken the last one), so the next frame offered is
     * taken, not dropped.
     *
     * @return false once closed
     */
    synchronized boolean awaitRoom() throws InterruptedException {
        while (waiting != null && !closed) {
            producerWaiting = true;
            try {
                wait();
            } finally {
                producerWaiting = false;
            }
        }
        return !closed;
    }

    /** Takes the waiting frame, waiting for one; {@code null} once closed. */
    synchronized T take() throws InterruptedException {
        while (waiting == null && !closed) {
            wait();
        }
        if (closed) {
            return null;
        }
        T frame = waiting;
        waiting = null;
        if (producerWaiting) {
            notifyAll();
        }
        return frame;
    }

    /** Wakes the consumer; later offers are ignored and {@link #take()} returns {@code null}. */
    synchronized void close() {
        closed = true;
        waiting = null;
        notifyAll();
    }

    synchronized long offered() {
        return offered;
    }

    synchronized long dropped() {
        return dropped;
    }

    /** The most frames that ever waited at once: 0 or 1, never more (it is a slot, not a queue). */
    synchronized int maxWaiting() {
        return maxWaiting;
    }
}
