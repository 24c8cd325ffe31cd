package pos.hub.events;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Update;
import pos.core.events.UiEvent;
import pos.hub.archive.MariaDbSaleArchive;
import pos.hub.archive.UnableToArchiveException;

/**
 * The store's archive of UI events (R19) in MariaDB, table {@code ui_events}
 * ({@code V4__ui_events.sql}), written with idempotent multi-row upserts keyed by the event id.
 * Thread-safe.
 *
 * <p>It shares the {@link MariaDbSaleArchive}'s connection pool and schema migration: one schema,
 * one Flyway history, one pool per process. Same statement shape and reasons as the sales (DESIGN
 * §7): multi-row {@code INSERT … ON DUPLICATE KEY UPDATE} of {@value #ROWS_PER_STATEMENT} rows, no
 * {@code INSERT IGNORE}.
 */
public final class MariaDbUiEventArchive {

    /** Rows per multi-row upsert statement. */
    public static final int ROWS_PER_STATEMENT = 250;

    // A re-delivered event changes nothing: the first archived row stays as it is.
    private static final String UPSERT_HEAD = "INSERT INTO ui_events (event_id, kind, client_id, target_id, occurred_at, "
            + "archived_at) VALUES ";
    private static final String UPSERT_TAIL = " ON DUPLICATE KEY UPDATE event_id = event_id";

    private final MariaDbSaleArchive archive;
    private final Jdbi jdbi;
    private final Clock clock;

    /** An event archive over the pool and schema of {@code archive}, which the caller owns and closes. */
    public MariaDbUiEventArchive(MariaDbSaleArchive archive) {
        this(archive, Clock.systemUTC());
    }

    /** As {@link #MariaDbUiEventArchive(MariaDbSaleArchive)}, with the clock that stamps {@code archived_at}. */
    public MariaDbUiEventArchive(MariaDbSaleArchive archive, Clock clock) {
        this.archive = Objects.requireNonNull(archive, "archive");
        this.jdbi = Jdbi.create(archive.dataSource());
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Creates or upgrades the schema (once per sale archive).
     *
     * @throws UnableToArchiveException if MariaDB cannot be reached or a migration fails
     */
    public void migrate() {
        archive.migrate();
    }

    /**
     * Writes {@code events} in one transaction; events already archived are left as they are.
     *
     * @return how many distinct events were in the batch
     * @throws UnableToArchiveException if the transaction did not commit; nothing of it is kept
     */
    public int store(Collection<UiEvent> events) {
        LinkedHashMap<String, UiEvent> byId = new LinkedHashMap<>();
        for (UiEvent event : events) {
            byId.putIfAbsent(event.id(), event);
        }
        List<UiEvent> distinct = new ArrayList<>(byId.values());
        if (distinct.isEmpty()) {
            return 0;
        }
        LocalDateTime archivedAt = utc(Instant.now(clock));
        try {
            jdbi.useTransaction(handle -> {
                for (int from = 0; from < distinct.size(); from += ROWS_PER_STATEMENT) {
                    List<UiEvent> chunk = distinct.subList(from, Math.min(distinct.size(), from + ROWS_PER_STATEMENT));
                    StringBuilder sql = new StringBuilder(UPSERT_HEAD);
                    for (int r = 0; r < chunk.size(); r++) {
                        sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
                    }
                    Update update = handle.createUpdate(sql.append(UPSERT_TAIL).toString());
                    int i = 0;
                    for (UiEvent e : chunk) {
                        update.bind(i++, e.id()).bind(i++, e.kind().name()).bind(i++, e.clientId()).bind(i++, e.targetId())
                                .bind(i++, utc(e.at())).bind(i++, archivedAt);
                    }
                    update.execute();
                }
            });
        } catch (JdbiException e) {
            throw new UnableToArchiveException("mariadb " + archive.endpoint() + ": " + MariaDbSaleArchive.describe(e)
                    + " (batch of " + distinct.size() + " UI events not archived)", e);
        }
        return distinct.size();
    }

    /** {@code host:port/database}, for messages. */
    public String endpoint() {
        return archive.endpoint();
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
