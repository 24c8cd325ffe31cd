package pos.app.start;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.app.config.TillConfig;
import pos.core.catalog.Catalog;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The slow parts of the till's start that need no window, begun by the launcher on a thread of their own while
 * JavaFX starts (issue 14 point 4: usable within 1.5 s; the machine has two cores and the toolkit's start leaves one
 * idle): the catalog is read and the SQLite journal opened (its migrations run) before the FX thread asks for them.
 * {@code Wiring} takes each once, for the configuration it was begun with, and waits for it there; a till built
 * with another data directory or catalog (the set-up changed them), or without the launcher (the tests), opens its
 * own as before. A part that failed early fails its step in {@code Wiring} with the same exception, so the person at
 * the till reads the same sentence as without the early start.
 */
public final class EarlyStart {

    private static final Logger LOG = LoggerFactory.getLogger(EarlyStart.class);
    private static volatile EarlyStart begun;

    private final Path dataDir;
    private final Optional<Path> catalogFile;
    private final CompletableFuture<Catalog> catalog = new CompletableFuture<>();
    private final CompletableFuture<SqliteSaleJournal> journal = new CompletableFuture<>();
    private boolean catalogTaken;
    private boolean journalTaken;

    private EarlyStart(TillConfig config) {
        this.dataDir = config.dataDir();
        this.catalogFile = config.catalogFile();
    }

    /** Begins reading the catalog and opening the journal of {@code config} on a daemon thread; returns at once. */
    public static void begin(TillConfig config, Supplier<Catalog> catalogLoader) {
        EarlyStart early = new EarlyStart(config);
        begun = early;
        Thread thread = new Thread(() -> early.run(catalogLoader), "till-early-start");
        thread.setDaemon(true);
        thread.start();
    }

    private void run(Supplier<Catalog> catalogLoader) {
        complete(catalog, catalogLoader);
        complete(journal, () -> {
            try {
                Files.createDirectories(dataDir);
            } catch (java.io.IOException e) {
                // Wiring's data directory step says this to the person at the till; the journal is not opened early
                throw new java.io.UncheckedIOException(e);
            }
            return SqliteSaleJournal.open(dataDir);
        });
    }

    private static <T> void complete(CompletableFuture<T> future, Supplier<T> maker) {
        try {
            future.complete(maker.get());
        } catch (RuntimeException | Error e) {
            future.completeExceptionally(e); // rethrown where Wiring takes it, on the FX thread, in its step
        }
    }

    /** The catalog read early for {@code config} (waiting for it), once; empty when none was begun for it. */
    public static Optional<Catalog> catalogFor(TillConfig config) {
        EarlyStart early = begun;
        if (early == null || !early.catalogFile.equals(config.catalogFile())) {
            return Optional.empty();
        }
        synchronized (early) {
            if (early.catalogTaken) {
                return Optional.empty();
            }
            early.catalogTaken = true;
        }
        return Optional.of(join(early.catalog));
    }

    /**
     * The journal opened early in {@code config}'s data directory (waiting for it), once; empty when none was begun
     * for it. A journal opened early for another data directory is closed.
     */
    public static Optional<SqliteSaleJournal> journalFor(TillConfig config) {
        EarlyStart early = begun;
        if (early == null) {
            return Optional.empty();
        }
        synchronized (early) {
            if (early.journalTaken) {
                return Optional.empty();
            }
            early.journalTaken = true;
        }
        if (!early.dataDir.equals(config.dataDir())) {
            early.journal.thenAccept(unused -> {
                LOG.info("the journal opened early in {} is closed: the till starts in {}", early.dataDir, config.dataDir());
                unused.close();
            });
            return Optional.empty();
        }
        return Optional.of(join(early.journal));
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        } catch (CancellationException e) {
            throw new IllegalStateException("the early start was cancelled", e);
        }
    }
}
