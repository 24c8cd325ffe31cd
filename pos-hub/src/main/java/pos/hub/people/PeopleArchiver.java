package pos.hub.people;

import pos.contract.people.PeopleJson;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.people.SealedPrint;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import pos.contract.auth.TillKeys;
import pos.hub.archive.ArchiveSink;
import pos.hub.archive.EntryAttribution;
import pos.hub.archive.MalformedArchiveEntryException;
import pos.hub.archive.StreamArchiver;
import pos.hub.archive.StreamArchiverSettings;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;

/**
 * The hub's side of the store's people: reads {@code pos:people:changes} in the consumer group
 * {@value #CONSUMER_GROUP} (several hubs share it; a dead hub's entries are claimed after a
 * minute), writes each batch into MariaDB in one transaction ({@link MariaDbPeopleStore}), then
 * copies the winning rows into the hashes {@code pos:people:clerks|members|prints} that the tills
 * pull, and only then XACKs and XDELs (at-least-once; every write is idempotent). At start, and
 * after Redis comes back, the hashes are filled from MariaDB, so a Redis that lost its data still
 * tells a new till every clerk and member. The hub never holds a print key: prints pass through as
 * ciphertext. The consumer-group loop is {@link StreamArchiver}'s; a malformed change is logged
 * (without its body, which may hold a print's ciphertext or a PIN hash) and stays pending for a
 * person to look at. Thread-safe; start once, close is idempotent.
 */
public final class PeopleArchiver implements AutoCloseable {

    /** The consumer group of the hubs on the changes stream. */
    public static final String CONSUMER_GROUP = "pos-people-archivers";
    private static final Logger log = LoggerFactory.getLogger(PeopleArchiver.class);

    private final MariaDbPeopleStore store;
    private final PeopleRedisKeys keys;
    private final RedisLink hashLink;
    private final StreamArchiver<Change> loop;
    private final AtomicLong archivedTotal = new AtomicLong();

    /**
     * The field the stored-value script adds to a ledger entry after the till signed it: not covered by the
     * signature, so never trusted ({@code member_ledger.balance_after} is informational; balances are sums).
     */
    public static final String UNSIGNED_BALANCE_AFTER = "balanceAfter";

    /**
     * An archiver named {@code consumerName}, archiving only changes that a till {@code tillKeys} knows
     * signed (refusals told to {@code refusals}); it owns neither {@code redis} nor {@code store}.
     */
    public PeopleArchiver(RedisConnections redis, MariaDbPeopleStore store, PeopleRedisKeys keys, String consumerName,
            int batchSize, Duration period, TillKeys tillKeys, EntryAttribution.Refusals refusals) {
        this.store = Objects.requireNonNull(store, "store");
        this.keys = Objects.requireNonNull(keys, "keys");
        StreamArchiverSettings settings = StreamArchiverSettings.of(keys.changes(), CONSUMER_GROUP,
                Objects.requireNonNull(consumerName, "consumerName"), batchSize, Objects.requireNonNull(period, "period"));
        this.hashLink = new RedisLink(redis, "people archiver hashes");
        this.loop = new StreamArchiver<>("People archiver", PeopleArchiver.class, "pos-people-archiver", settings, redis,
                new ChangeSink(), new StreamArchiver.Listener() {
                    @Override
                    public void acknowledged(int entries) {
                        archivedTotal.addAndGet(entries);
                    }
                }, EntryAttribution.required(tillKeys, refusals).withUnsignedFields(Set.of(UNSIGNED_BALANCE_AFTER)));
    }

    /** Starts the thread. Once only. */
    public void start() {
        loop.start();
    }

    /** Stream entries archived so far. */
    public long archivedTotal() {
        return archivedTotal.get();
    }

    /** One entry of the changes stream. */
    private sealed interface Change {
    }

    private record ClerkChange(PeopleJson.Versioned<Clerk> clerk) implements Change {
    }

    private record MemberChange(PeopleJson.Versioned<Member> member) implements Change {
    }

    private record PrintChange(SealedPrint print) implements Change {
    }

    private record LedgerChange(LedgerEntry entry) implements Change {
    }

    /** Changes into MariaDB, then the winning rows into the hashes the tills pull. */
    private final class ChangeSink implements ArchiveSink<Change> {

        /** Fills the hashes from MariaDB: at start, and after a failure (Redis may have come back empty). */
        @Override
        public void prepare() {
            store.migrate();
            MariaDbPeopleStore.Snapshot all = store.snapshot();
            publish(all);
            log.info("People hashes filled from MariaDB: {} clerks, {} members, {} prints", all.clerks().size(),
                    all.members().size(), all.prints().size());
        }

        @Override
        public Change parse(StreamMessage<String, String> message) {
            Map<String, String> body = message.getBody();
            String type = String.valueOf(body.get("type"));
            try {
                return switch (type) {
                    case "clerk" -> new ClerkChange(checkedClerk(PeopleJson.clerk(body.get("body"))));
                    case "member" -> new MemberChange(PeopleJson.member(body.get("body")));
                    case "print" -> new PrintChange(PeopleJson.print(body.get("body")));
                    case "ledger" -> new LedgerChange(new LedgerEntry(body.get("tx"), body.get("member"),
                            LedgerEntry.Kind.valueOf(body.get("kind")), Long.parseLong(body.get("amount")),
                            Long.parseLong(body.get("balanceAfter")), body.get("till"),
                            Instant.ofEpochMilli(PeopleJson.requireSaneTime("a ledger entry's time (at)",
                                    Long.parseLong(body.get("at")), Instant.now()))));
                    default -> throw new MalformedArchiveEntryException("unknown change type '" + type + "'");
                };
            } catch (MalformedArchiveEntryException e) {
                throw e;
            } catch (RuntimeException e) {
                // The message only, never the body: it may hold a print's ciphertext or a PIN hash.
                throw new MalformedArchiveEntryException("people change of type " + type + " is malformed: " + e.getMessage());
            }
        }

        /** One transaction of the newest version of each clerk, member and print, and the ledger entries. */
        @Override
        public int write(List<Change> changes) {
            Map<String, PeopleJson.Versioned<Clerk>> clerks = new HashMap<>();
            Map<String, PeopleJson.Versioned<Member>> members = new HashMap<>();
            Map<String, SealedPrint> prints = new HashMap<>();
            List<LedgerEntry> ledger = new ArrayList<>();
            for (Change change : changes) {
                if (change instanceof ClerkChange c) {
                    newer(clerks, c.clerk());
                } else if (change instanceof MemberChange m) {
                    newerMember(members, m.member());
                } else if (change instanceof PrintChange p) {
                    prints.merge(p.print().printId(), p.print(), (a, b) -> a.updatedAt() >= b.updatedAt() ? a : b);
                } else if (change instanceof LedgerChange l) {
                    ledger.add(l.entry());
                }
            }
            store.write(List.copyOf(clerks.values()), List.copyOf(members.values()), List.copyOf(prints.values()), ledger);
            publish(store.snapshotOf(clerks.keySet(), members.keySet(), prints.keySet()));
            log.debug("Archived {} people changes ({} clerks, {} members, {} prints, {} ledger)", changes.size(),
                    clerks.size(), members.size(), prints.size(), ledger.size());
            return changes.size();
        }
    }

    /** A supervisor with a short PIN is refused here too (issue 10), whatever till sent it. */
    private static PeopleJson.Versioned<Clerk> checkedClerk(PeopleJson.Versioned<Clerk> clerk) {
        clerk.value().requirePinFitsRole();
        return clerk;
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
            RedisCommands<String, String> redis = hashLink.get().sync();
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
            throw hashLink.failed(e);
        }
    }

    /** Stops reading, lets a batch in flight finish and closes its connections. Idempotent. */
    @Override
    public void close() {
        loop.close();
        hashLink.close();
    }
}
