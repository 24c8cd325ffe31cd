package pos.contract.loop;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import pos.core.retry.Backoff;

/**
 * The thread of one background loop that works in rounds against Redis or a store: it runs
 * {@link Rounds#round()} again at once while there is more to do, waits up to {@code idleWait} (or
 * until {@link #wake()}) when there is not, and after a failed round pauses as its {@link Backoff}
 * says (a wake-up does not cut a pause short) before trying again. The till's outboxes and the
 * hub's archivers all run on one. Thread-safe.
 */
public final class BackgroundLoop {

    /** The work of the loop; called on its thread only. */
    public interface Rounds {

        /**
         * One round.
         *
         * @return true if more work may be waiting (the next round starts at once), false to wait
         *         for a wake-up or the idle wait
         */
        boolean round() throws InterruptedException;

        /** A round succeeded (after a failure or not). */
        void succeeded();

        /**
         * A round failed with {@code failure} while the loop was running; the back-off pause
         * follows. Throwing {@link InterruptedException} ends the loop.
         */
        void failed(RuntimeException failure) throws InterruptedException;
    }

    private final String name;
    private final Backoff backoff; // loop thread only
    private final long idleWaitMillis;
    private final Rounds rounds;
    private final Semaphore wakeUps = new Semaphore(0);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running;
    private boolean started; // guarded by this

    /**
     * A loop named {@code name} (for messages) on a daemon thread {@code threadName}; {@link #start()} begins it.
     *
     * @param backoff  the pauses after failed rounds; the loop owns it from now on
     * @param idleWait how long to wait for a wake-up when a round found nothing more to do
     */
    public BackgroundLoop(String name, String threadName, Backoff backoff, Duration idleWait, Rounds rounds) {
        this.name = Objects.requireNonNull(name, "name");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.idleWaitMillis = Objects.requireNonNull(idleWait, "idleWait").toMillis();
        if (idleWaitMillis < 1) {
            throw new IllegalArgumentException("the " + name + "'s idle wait must be at least 1 ms: " + idleWait);
        }
        this.rounds = Objects.requireNonNull(rounds, "rounds");
        this.thread = new Thread(this::run, Objects.requireNonNull(threadName, "threadName"));
        this.thread.setDaemon(true);
    }

    /** Starts the thread. Once only. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("the " + name + " was already started");
        }
        started = true;
        running = true;
        thread.start();
    }

    /** Ends an idle wait now, so the next round starts. Never blocks. */
    public void wake() {
        if (wakeUps.availablePermits() == 0) {
            wakeUps.release();
        }
    }

    /** True from {@link #start()} until {@link #stop()}. */
    public boolean running() {
        return running;
    }

    /** Asks the loop to stop: ends an idle wait or a back-off pause at once; a round in flight finishes. Idempotent. */
    public void stop() {
        running = false;
        stopped.countDown();
        wakeUps.release();
    }

    /** Waits up to {@code atMost} for the thread to end (at once when called on the loop's own thread). */
    public void join(Duration atMost) {
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(atMost.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        while (running) {
            boolean more;
            try {
                more = rounds.round();
                backoff.reset();
                rounds.succeeded();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running || !failed(e) || !pause(backoff.next())) {
                    return;
                }
                continue;
            }
            if (!more && !awaitWakeUp()) {
                return;
            }
        }
    }

    private boolean failed(RuntimeException failure) {
        try {
            rounds.failed(failure);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean awaitWakeUp() {
        try {
            wakeUps.tryAcquire(idleWaitMillis, TimeUnit.MILLISECONDS);
            wakeUps.drainPermits();
            return running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean pause(Duration pause) {
        try {
            return !stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS) && running;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
