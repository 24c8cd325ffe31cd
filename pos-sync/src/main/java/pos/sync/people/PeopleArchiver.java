package pos.sync.people;

import io.lettuce.core.Consumer;
import io.lettuce.core.RedisBusyException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAutoClaimArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.models.stream.ClaimedMessages;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.people.Clerk;
import pos.core.people.LedgerEntry;
import pos.core.people.Member;
import pos.sync.redis.RedisConnections;
import pos.sync.redis.RedisLink;

/**
 * The hub's side of the store's people: reads {@code pos:people:changes} in the consumer group
 * {@value #CONSUMER_GROUP} (several hubs share it; a dead hub's entries are claimed after a
 * minute), writes each batch into MariaDB in one transaction ({@link MariaDbPeopleStore}), then
 * copies the winning rows into the hashes {@code pos:people:clerks|members|prints} that the tills
 * pull, and only then XACKs and XDELs (at-least-once; every write is idempotent). At start, and
 * after Redis comes back, the hashes are filled from MariaDB, so a Redis that lost its data still
 * tells a new till every clerk and member. The hub never holds a print key: prints pass through as
 * ciphertext. Thread-safe; start once, close is idempotent.
 */
public final class PeopleArchiver implements AutoCloseable {

    /** The consumer group of the hubs on the changes stream. */
    public static final String CONSUMER_GROUP = "pos-people-archivers";
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration CLAIM_MIN_IDLE = Duration.ofSeconds(60);
    private static final Logger log = LoggerFactory.getLogger(PeopleArchiver.class);

    private final MariaDbPeopleStore store;
    private final PeopleRedisKeys keys;
    private final String consumerName;
    private final int batchSize;
    private final Duration period;
    private final RedisLink readLink;
    private final RedisLink commandLink;
    private final Consumer<String> consumer;
    private final Thread thread;
    private final Object pauseLock = new Object();
    private final AtomicLong archivedTotal = new AtomicLong();
    private volatile boolean running;
    private boolean seeded; // archiver thread only
    private long nextClaimNanos; // archiver thread only
    private String lastFailure; // archiver thread only

    /** An archiver named {@code consumerName}; it owns neither {@code redis} nor {@code store}. */
    public PeopleArchiver(RedisConnections redis, MariaDbPeopleStore store, PeopleRedisKeys keys, String consumerName,
            int batchSize, Duration period) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.consumerName = Objects.requireNonNull(consumerName, "consumerName");
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1: " + batchSize);
        }
        this.batchSize = batchSize;
        this.period = Objects.requireNonNull(period, "period");
        this.readLink = new RedisLink(redis, "people archiver reads");
        this.commandLink = new RedisLink(redis, "people archiver commands");
        this.consumer = Consumer.from(CONSUMER_GROUP, consumerName);
        this.thread = new Thread(this::run, "pos-people-archiver");
        this.thread.setDaemon(true);
    }

    /** Starts the thread. Once only. */
    public synchronized void start() {
        if (running || thread.isAlive()) {
            throw new IllegalStateException("the people archiver was already started");
        }
        running = true;
        thread.start();
        log.info("People archiver {} reading {} (group {})", consumerName, keys.changes(), CONSUMER_GROUP);
    }

    /** Stream entries archived so far. */
    public long archivedTotal() {
        return archivedTotal.get();
    }

    private void run() {
        boolean replayOwn = true;
        long backoff = period.toMillis();
        while (running) {
            try {
                prepare();
                if (replayOwn) {
                    readAndArchive("0");
                    replayOwn = false;
                }
                claimStale();
                readAndArchive(">");
                backoff = period.toMillis();
                if (lastFailure != null) {
                    log.info("People archiver {} is archiving again", consumerName);
                    lastFailure = null;
                }
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                replayOwn = true;
                seeded = false;
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!reason.equals(lastFailure)) {
                    log.warn("People archiver {}: {}; changes stay in the stream and are retried", consumerName, reason);
                    lastFailure = reason;
                }
                if (!pause(backoff)) {
                    return;
                }
                backoff = Math.min(backoff * 2, Math.max(MAX_BACKOFF.toMillis(), period.toMillis()));
            }
        }
    }

    private void prepare() {
        store.migrate();
        if (seeded) {
            return;
        }
        try {
            commands().xgroupCreate(XReadArgs.StreamOffset.from(keys.changes(), "0"), CONSUMER_GROUP,
                    XGroupCreateArgs.Builder.mkstream());
            log.info("Created consumer group {} on stream {}", CONSUMER_GROUP, keys.changes());
        } catch (RedisBusyException e) {
            log.debug("Consumer group {} exists", CONSUMER_GROUP);
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
        MariaDbPeopleStore.Snapshot all = store.snapshot();
        publish(all);
        log.info("People hashes filled from MariaDB: {} clerks, {} members, {} prints", all.clerks().size(),
                all.members().size(), all.prints().size());
        seeded = true;
    }

    @SuppressWarnings("unchecked") // Lettuce's StreamOffset varargs
    private void readAndArchive(String from) {
        String after = from;
        while (running) {
            List<StreamMessage<String, String>> page;
            try {
                if (">".equals(after)) {
                    long block = Math.min(period.toMillis(), RedisConnections.MAX_BLOCK.toMillis());
                    page = readLink.get().sync().xreadgroup(consumer, XReadArgs.Builder.count(batchSize).block(block),
                            XReadArgs.StreamOffset.lastConsumed(keys.changes()));
                } else {
                    page = commands().xreadgroup(consumer, XReadArgs.Builder.count(batchSize),
                            XReadArgs.StreamOffset.from(keys.changes(), after));
                }
            } catch (RuntimeException e) {
                throw (">".equals(after) ? readLink : commandLink).failed(e);
            }
            if (page == null || page.isEmpty()) {
                return;
            }
            archive(page);
            if (">".equals(after)) {
                return;
            }
            after = page.get(page.size() - 1).getId();
        }
    }

    private void claimStale() {
        long now = System.nanoTime();
        if (now - nextClaimNanos < 0) {
            return;
        }
        nextClaimNanos = now + CLAIM_MIN_IDLE.toNanos() / 2;
        ClaimedMessages<String, String> page;
        try {
            page = commands().xautoclaim(keys.changes(), XAutoClaimArgs.Builder.xautoclaim(consumer, CLAIM_MIN_IDLE, "0-0")
                    .count(batchSize));
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
        if (!page.getMessages().isEmpty()) {
            log.warn("People archiver {} took over {} changes another hub left unacknowledged", consumerName,
                    page.getMessages().size());
            archive(page.getMessages());
        }
    }

    /** One batch: parse, write MariaDB in one transaction, copy the winners into the hashes, then XACK + XDEL. */
    private void archive(List<StreamMessage<String, String>> messages) {
        Map<String, PeopleJson.Versioned<Clerk>> clerks = new HashMap<>();
        Map<String, PeopleJson.Versioned<Member>> members = new HashMap<>();
        Map<String, SealedPrint> prints = new HashMap<>();
        List<LedgerEntry> ledger = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (StreamMessage<String, String> message : messages) {
            Map<String, String> body = message.getBody();
            if (body == null || body.isEmpty()) {
                ids.add(message.getId()); // deleted meanwhile: nothing to keep
                continue;
            }
            try {
                switch (String.valueOf(body.get("type"))) {
                    case "clerk" -> newer(clerks, PeopleJson.clerk(body.get("body")));
                    case "member" -> newerMember(members, PeopleJson.member(body.get("body")));
                    case "print" -> {
                        SealedPrint p = PeopleJson.print(body.get("body"));
                        prints.merge(p.printId(), p, (a, b) -> a.updatedAt() >= b.updatedAt() ? a : b);
                    }
                    case "ledger" -> ledger.add(new LedgerEntry(body.get("tx"), body.get("member"),
                            LedgerEntry.Kind.valueOf(body.get("kind")), Long.parseLong(body.get("amount")),
                            Long.parseLong(body.get("balanceAfter")), body.get("till"),
                            Instant.ofEpochMilli(Long.parseLong(body.get("at")))));
                    default -> throw new IllegalArgumentException("unknown change type '" + body.get("type") + "'");
                }
                ids.add(message.getId());
            } catch (RuntimeException e) {
                // Never dropped silently: the entry stays pending for a person to look at. The body is not logged
                // (it may hold a print's ciphertext or a PIN hash).
                log.error("People change {} of type {} is malformed ({}); it stays pending in {}", message.getId(),
                        body.get("type"), e.getMessage(), keys.changes());
            }
        }
        store.write(List.copyOf(clerks.values()), List.copyOf(members.values()), List.copyOf(prints.values()), ledger);
        publish(store.snapshotOf(clerks.keySet(), members.keySet(), prints.keySet()));
        if (!ids.isEmpty()) {
            String[] array = ids.toArray(String[]::new);
            try {
                commands().xack(keys.changes(), CONSUMER_GROUP, array);
                commands().xdel(keys.changes(), array);
            } catch (RuntimeException e) {
                throw commandLink.failed(e); // committed, not acknowledged: harmless duplicates next time
            }
        }
        archivedTotal.addAndGet(ids.size());
        log.debug("Archived {} people changes ({} clerks, {} members, {} prints, {} ledger)", ids.size(), clerks.size(),
                members.size(), prints.size(), ledger.size());
    }

    private static void newer(Map<String, PeopleJson.Versioned<Clerk>> into, PeopleJson.Versioned<Clerk> v) {
        into.merge(v.value().id(), v, (a, b) -> a.updatedAt() >= b.updatedAt() ? a : b);
    }

    private static void newerMember(Map<String, PeopleJson.Versioned<Member>> into, PeopleJson.Versioned<Member> v) {
        into.merge(v.value().id(), v, (a, b) -> a.updatedAt() >= b.updatedAt() ? a : b);
    }

    private void publish(MariaDbPeopleStore.Snapshot rows) {
        Map<String, String> clerks = new HashMap<>();
        rows.clerks().forEach(c -> clerks.put(c.value().id(), PeopleJson.clerk(c.value(), c.updatedAt())));
        Map<String, String> members = new HashMap<>();
        rows.members().forEach(m -> members.put(m.value().id(), PeopleJson.member(m.value(), m.updatedAt())));
        Map<String, String> prints = new HashMap<>();
        rows.prints().forEach(p -> prints.put(p.printId(), PeopleJson.print(p)));
        try {
            RedisCommands<String, String> redis = commands();
            if (!clerks.isEmpty()) {
                redis.hset(keys.clerks(), clerks);
            }
            if (!members.isEmpty()) {
                redis.hset(keys.members(), members);
            }
            if (!prints.isEmpty()) {
                redis.hset(keys.prints(), prints);
            }
        } catch (RuntimeException e) {
            throw commandLink.failed(e);
        }
    }

    private RedisCommands<String, String> commands() {
        return commandLink.get().sync();
    }

    private boolean pause(long millis) {
        synchronized (pauseLock) {
            long deadline = System.currentTimeMillis() + millis;
            long left = millis;
            while (running && left > 0) {
                try {
                    pauseLock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                left = deadline - System.currentTimeMillis();
            }
            return running;
        }
    }

    /** Stops reading, lets a batch in flight finish and closes its connections. Idempotent. */
    @Override
    public void close() {
        running = false;
        synchronized (pauseLock) {
            pauseLock.notifyAll();
        }
        readLink.close();
        if (thread.isAlive() && Thread.currentThread() != thread) {
            try {
                thread.join(RedisConnections.COMMAND_TIMEOUT.plus(MAX_BACKOFF).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        commandLink.close();
    }
}
