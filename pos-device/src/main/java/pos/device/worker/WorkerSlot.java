package pos.device.worker;

import java.util.OptionalLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import pos.core.biometric.NoReaderException;

/**
 * The one worker process a client talks to: started on first use, started again on the next call after it died,
 * refused after {@link #close()}. Thread-safe: every method locks the slot, and a caller may lock it too to read
 * {@link #current()} and {@link #started()} together.
 *
 * @param <W> the client's handle on a worker process
 */
public final class WorkerSlot<W extends WorkerSlot.Worker> {

    /** A client's handle on one worker process. */
    public interface Worker {
        Process process();

        /** Whether the client gave it up (its pipe broke, its output ended, it was killed). */
        boolean dead();
    }

    private final String reader;
    private final String name;
    private final Logger log;
    private final Supplier<W> start;
    private W worker;
    private int started;
    private boolean closed;

    /**
     * @param reader what the person at the till calls it ("face reader"), for the message after a shut-down
     * @param name the worker as log lines name it ("face worker")
     * @param log the client's log
     * @param start starts a new worker process
     */
    public WorkerSlot(String reader, String name, Logger log, Supplier<W> start) {
        this.reader = reader;
        this.name = name;
        this.log = log;
        this.start = start;
    }

    /** The running worker, started (again) if there is none or it is gone. */
    public synchronized W running() {
        if (closed) {
            throw new NoReaderException("the " + reader + " was shut down");
        }
        if (worker == null || !worker.process().isAlive() || worker.dead()) {
            if (worker != null) {
                log.info("starting a new " + name + " (the previous one, pid {}, is gone)", worker.process().pid());
            }
            worker = start.get();
            started++;
        }
        return worker;
    }

    /** The worker in the slot (alive or not), or null. */
    public synchronized W current() {
        return worker;
    }

    /** The running worker's process id, if one runs. */
    public synchronized OptionalLong pid() {
        return worker != null && worker.process().isAlive() ? OptionalLong.of(worker.process().pid()) : OptionalLong.empty();
    }

    /** How many workers were started (1 after the first start; more after restarts). */
    public synchronized int started() {
        return started;
    }

    /** Empties the slot and returns what was in it (or null) for the caller to stop; the next call starts a new one. */
    public synchronized W retire() {
        W current = worker;
        worker = null;
        return current;
    }

    /** As {@link #retire()}, and refuses every later call. */
    public synchronized W close() {
        closed = true;
        return retire();
    }
}
