package pos.app.recovery;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.checkout.Checkout;
import pos.app.checkout.CheckoutState;
import pos.core.sale.Sale;
import pos.core.sale.SaleSnapshot;
import pos.sync.recovery.SqliteOpenSales;

/**
 * Keeps the open sale on disk so that it survives a crash or restart of the till (issue 12 point 7): on
 * every change of the checkout's sale (a line added, a quantity, a void, a tender taken in part, a
 * payment attempt started) its {@link SaleSnapshot} is written to the SQLite {@code open_sale} row; the
 * row is cleared once the sale is journaled as finished (or cancelled) and the counter moves on.
 *
 * <p>Timing: a clerk's scan never waits for an fsync. The snapshot is taken on the UI thread (cheap,
 * in memory) and handed to one writer thread, which waits {@link #COALESCE} after the first change
 * and then writes only the latest snapshot (a burst of scans is one write). So the row on disk is at
 * most about {@link #MAX_BEHIND} behind the screen (the coalescing wait plus one fsync of a few ms): a
 * crash loses at most the changes of the last ~200 ms, never a whole sale. A failed write is logged and
 * reported once to {@link #onFailure}; the next change writes again.
 *
 * <p>Not thread-safe in its observing part (UI thread, like the {@link Checkout}); the writer is its own thread.
 */
public final class OpenSaleKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OpenSaleKeeper.class);
    /** How long the writer gathers changes before writing the latest. */
    public static final Duration COALESCE = Duration.ofMillis(100);
    /** How far the row on disk may be behind the screen, as promised above. */
    public static final Duration MAX_BEHIND = Duration.ofMillis(200);

    /** One write for the writer thread: keep this snapshot, or clear this sale's row. */
    private record Write(SaleSnapshot keep, String clear) {
    }

    private final Checkout checkout;
    private final SqliteOpenSales store;
    private final String tillId;
    private final Clock clock;
    private final ScheduledExecutorService writer;
    private final Object pendingLock = new Object();
    private Write pending; // guarded by pendingLock
    private boolean flushScheduled; // guarded by pendingLock
    private volatile Consumer<RuntimeException> onFailure = e -> { };
    private boolean failing; // writer thread only

    // UI thread
    private AutoCloseable subscription;
    private SaleSnapshot lastKept;
    private String attemptsOf;
    private final List<String> attempts = new ArrayList<>();
    private String keptId;

    public OpenSaleKeeper(Checkout checkout, SqliteOpenSales store, String tillId, Clock clock) {
        this.checkout = Objects.requireNonNull(checkout, "checkout");
        this.store = Objects.requireNonNull(store, "store");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.writer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "till-open-sale");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Hears a write that failed (the disk is full...): the clerk should be told; called on the writer thread. */
    public void onFailure(Consumer<RuntimeException> listener) {
        this.onFailure = Objects.requireNonNull(listener, "listener");
    }

    /** Starts following the checkout (after any kept sale was taken up). UI thread. */
    public void start() {
        subscription = checkout.onChange(this::changed);
        changed();
    }

    /** The checkout changed: keep the sale if it changed. UI thread; never throws into the checkout. */
    void changed() {
        try {
            keep();
        } catch (RuntimeException e) {
            // the checkout's own work goes on whatever happens here; the sale is kept again at the next change
            LOG.error("Could not take a snapshot of the open sale {}", checkout.sale().id().value(), e);
        }
    }

    private void keep() {
        Sale sale = checkout.sale();
        String id = sale.id().value();
        if (!id.equals(attemptsOf)) {
            attemptsOf = id;
            attempts.clear();
        }
        String attempt = checkout.payments().attemptId();
        if (attempt != null && !attempts.contains(attempt)) {
            attempts.add(attempt);
        }
        // journaled (PAID), or cancelled (journaled as CANCELLED next): nothing to take up after a restart
        boolean finished = checkout.state() == CheckoutState.PAID || sale.state() == pos.core.sale.SaleState.CANCELLED;
        boolean nothingToKeep = sale.isEmpty() && sale.tenders().isEmpty() && attempts.isEmpty();
        if (finished || nothingToKeep) {
            if (keptId != null) {
                submit(new Write(null, keptId));
                keptId = null;
                lastKept = null;
            }
            return;
        }
        SaleSnapshot snapshot = SaleSnapshot.of(sale, tillId, attempts, clock.instant());
        if (snapshot.sameSale(lastKept)) {
            return;
        }
        if (keptId != null && !keptId.equals(id)) {
            submit(new Write(null, keptId)); // another sale took the counter (e.g. a recalled one): one row, the newest
        }
        lastKept = snapshot;
        keptId = id;
        submit(new Write(snapshot, null));
    }

    private void submit(Write write) {
        synchronized (pendingLock) {
            if (pending != null && pending.clear() != null && write.keep() != null) {
                // a clear of one sale then a keep of the next: write both, in order
                Write clear = pending;
                writer.execute(() -> write(clear));
            }
            pending = write;
            if (!flushScheduled) {
                flushScheduled = true;
                writer.schedule(this::flush, COALESCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void flush() {
        Write write;
        synchronized (pendingLock) {
            write = pending;
            pending = null;
            flushScheduled = false;
        }
        if (write != null) {
            write(write);
        }
    }

    private void write(Write write) {
        try {
            if (write.keep() != null) {
                store.save(write.keep());
            } else {
                store.clear(write.clear());
            }
            if (failing) {
                failing = false;
                LOG.info("The open sale is kept on disk again");
            }
        } catch (RuntimeException e) {
            LOG.error("Could not keep the open sale {} on disk; it survives no crash until a write succeeds",
                    write.keep() != null ? write.keep().transactionId() : write.clear(), e);
            if (!failing) {
                failing = true;
                onFailure.accept(e);
            }
        }
    }

    /** Stops following and writes what is pending. UI thread. */
    @Override
    public void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.warn("Could not stop following the checkout", e);
            }
        }
        writer.execute(this::flush);
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                LOG.warn("The open sale writer did not finish within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
