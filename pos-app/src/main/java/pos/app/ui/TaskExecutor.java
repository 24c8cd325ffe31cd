package pos.app.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs slow work (disk, network) off the JavaFX thread. One per till; view models take it in
 * their constructor so tests can pass {@link #sameThread()}. Thread-safe.
 */
public interface TaskExecutor extends Executor {

    /** A background executor with one daemon worker thread: till work stays in order. */
    static Background background(String name) {
        return new Background(name);
    }

    /** Runs every task at once on the caller's thread; for tests of view models. */
    static TaskExecutor sameThread() {
        return Runnable::run;
    }

    /** The till's background worker. Thread-safe. */
    final class Background implements TaskExecutor, AutoCloseable {
        private static final Logger LOG = LoggerFactory.getLogger(Background.class);
        private final ExecutorService executor;

        private Background(String name) {
            this.executor = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, name);
                t.setDaemon(true);
                t.setUncaughtExceptionHandler((thread, e) -> LOG.error("uncaught in {}", thread.getName(), e));
                return t;
            });
        }

        @Override
        public void execute(Runnable task) {
            executor.execute(task);
        }

        /** Lets queued work (e.g. a journal append) finish, up to a few seconds. */
        @Override
        public void close() {
            executor.shutdown();
            try {
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("background work still running after 5 s at shutdown");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
