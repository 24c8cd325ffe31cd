package pos.app.start;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the till opened while it starts, as a stack: each step opens one part and registers how to close it; when
 * a step fails, everything opened before it is closed in reverse order and a {@link TillStartException} names the
 * step. Once the till runs, {@link #close()} takes it down in the same reverse order. Steps are named by their key
 * in the resource bundle ({@code start.step.*}), which says them to the installer. Not thread-safe: start and close
 * on one thread.
 */
public final class StartupStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StartupStack.class);

    /** How a part is closed. */
    @FunctionalInterface
    public interface Closer<T> {
        void close(T part) throws Exception;
    }

    private record Opened(String step, AutoCloseable closer) {
    }

    private final Deque<Opened> opened = new ArrayDeque<>();
    private boolean closed;

    /** Opens the part of {@code step} and registers it to be closed by its own {@code close()}. */
    public <T extends AutoCloseable> T open(String step, Supplier<T> opener) {
        return open(step, opener, AutoCloseable::close);
    }

    /**
     * Opens the part of {@code step} with {@code opener} and registers {@code closer} for it; a null part (a module
     * switched off) registers nothing.
     *
     * @throws TillStartException if {@code opener} fails, after closing everything opened before, in reverse order
     */
    public <T> T open(String step, Supplier<T> opener, Closer<T> closer) {
        Objects.requireNonNull(closer, "closer");
        T part = attempt(step, opener);
        if (part != null) {
            opened.push(new Opened(step, () -> closer.close(part)));
        }
        return part;
    }

    /**
     * Makes what {@code step} makes when there is nothing to close (the catalog, in memory).
     *
     * @throws TillStartException if it fails, after closing everything opened so far, in reverse order
     */
    public <T> T call(String step, Supplier<T> maker) {
        return attempt(step, maker);
    }

    /**
     * Runs {@code action} as {@code step} (starting a part opened earlier, connecting it to another).
     *
     * @throws TillStartException if it fails, after closing everything opened so far, in reverse order
     */
    public void run(String step, Runnable action) {
        attempt(step, () -> {
            action.run();
            return null;
        });
    }

    /** Registers {@code closer} as the last thing opened, e.g. a listener subscribed by a step before. */
    public void onClose(String step, AutoCloseable closer) {
        opened.push(new Opened(step, Objects.requireNonNull(closer, "closer")));
    }

    private <T> T attempt(String step, Supplier<T> action) {
        if (closed) {
            throw new IllegalStateException("the till was already taken down: cannot start " + step);
        }
        long begun = System.nanoTime();
        try {
            return action.get();
        } catch (RuntimeException | Error e) {
            throw failed(step, e);
        } finally {
            // issue 14 point 4: where the start's time goes, step by step (DEBUG: pos.app.start.StartupStack)
            LOG.debug("step {} took {} ms", step, (System.nanoTime() - begun) / 1_000_000);
        }
    }

    /**
     * Step {@code step} failed outside {@link #open}/{@link #run}: closes everything opened, in reverse order, and
     * returns the exception to throw.
     */
    public TillStartException failed(String step, Throwable cause) {
        LOG.error("the till could not start: step {} failed; closing what was opened", step, cause);
        List<String> closedSteps = closeAll();
        return new TillStartException(step, cause, closedSteps);
    }

    /** The steps opened and not yet closed, the latest first. */
    public List<String> openSteps() {
        return opened.stream().map(Opened::step).toList();
    }

    /** Closes everything in reverse order; a part that fails to close is logged and the others still close. Idempotent. */
    @Override
    public void close() {
        closeAll();
    }

    private List<String> closeAll() {
        closed = true;
        List<String> closedSteps = new ArrayList<>();
        while (!opened.isEmpty()) {
            Opened part = opened.pop();
            try {
                part.closer().close();
            } catch (Exception | Error e) {
                LOG.warn("could not close the part of step {}; the others are closed all the same", part.step(), e);
            }
            closedSteps.add(part.step());
        }
        return closedSteps;
    }
}
