package pos.sync.people;

import pos.contract.people.InvalidPeopleCursorException;
import pos.contract.people.PeopleChanges;
import pos.contract.people.PeopleJson;
import pos.contract.people.PeopleRedisKeys;
import pos.contract.people.SealedPrint;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.people.Clerk;
import pos.core.people.ClerkDirectory;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.PinHash;
import pos.core.people.Role;
import pos.core.people.StoredPrint;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.sync.auth.StreamSigner;

/**
 * The store's people on one till: its {@link ClerkDirectory} for sign-in, the members, and the
 * enrolled prints (sealed in SQLite, opened only in memory for matching). Changes made here go to
 * the till's outbox in the same SQLite transaction; {@link #push()} appends them to the store's
 * stream {@code pos:people:changes} (the hub archives them into MariaDB and into the hashes
 * {@code pos:people:clerks|members|prints}), and {@link #pull()} brings the store's records back in,
 * so every till of the store knows every clerk and member. With the hub's URL, a pull asks the hub
 * for what changed since this till's last pull ({@code GET /people?since=cursor}; the cursor is kept in
 * SQLite after the records are stored); without it, a pull reads the whole hashes from Redis. Last
 * writer wins by change time either way. Redis down: push and pull fail with
 * {@link pos.contract.redis.UnableToReachRedisException} (the hub down: pull fails with
 * {@link UnableToPullPeopleException}) and nothing is lost (the outbox waits). Thread-safe.
 *
 * <pre>{@code
 * TillPeople people = TillPeople.open(dataDir, PrintKeys.configuredOrIn(setting, dataDir), redis, clock);
 * PinSignIn signIn = new PinSignIn(people, "till-1", 5, Duration.ofMinutes(5), clock);
 * Clerk ann = people.addClerk("Ann", Role.CASHIER, pin);
 * people.storePrint(new StoredPrint(ann.id(), PersonKind.CLERK, "right-index", driver, templateBytes));
 * List<TillPeople.Enrolled> candidates = people.prints(PersonKind.MEMBER, driver).usable();  // 1:N identify
 * people.sync();   // every few seconds, off the FX thread
 * }</pre>
 */
public final class TillPeople implements ClerkDirectory, AutoCloseable {

    /** How long a pull waits for the hub. */
    public static final Duration HUB_TIMEOUT = Duration.ofSeconds(10);
    /** The most outbox rows pushed per round trip. */
    static final int PUSH_BATCH = 200;
    private static final Logger log = LoggerFactory.getLogger(TillPeople.class);
    private static final java.util.regex.Pattern RECORD_ID = java.util.regex.Pattern.compile("\"id\"\\s*:\\s*\"([^\"]{1,64})\"");

    /** An opened print with its record id. {@code toString()} shows no template. */
    public record Enrolled(String printId, StoredPrint print) {
    }

    /**
     * The prints of one kind for one driver.
     *
     * @param usable      opened and ready to match
     * @param otherDriver prints of these people made by another reader type: ask them to re-enrol
     * @param unreadable  sealed prints that did not open (tampered, moved, unknown key), one sentence each
     */
    public record PrintSet(List<Enrolled> usable, List<SealedPrint> otherDriver, List<String> unreadable) {
    }

    /**
     * What one pull did.
     *
     * @param received records that came (from the hub: only those changed since the last pull; from Redis: all)
     * @param changed  records stored because they were newer than this till's copy
     * @param full     whether every record of the store came (no cursor yet, or Redis)
     */
    public record Pulled(int received, int changed, boolean full) {
    }

    private final SqlitePeopleStore store;
    private final PrintCipher cipher;
    private final RedisLink link;
    private final PeopleRedisKeys keys;
    private final Clock clock;
    private final pos.sync.hub.HubClient hub; // null: pull from Redis's hashes
    private final StreamSigner signer;

    /**
     * People on {@code store}, sealing with {@code cipher}, syncing through {@code redis} (not owned), or
     * kept on this till only when {@code redis} is null (a till without the store's Redis).
     */
    public TillPeople(SqlitePeopleStore store, PrintCipher cipher, RedisConnections redis, PeopleRedisKeys keys, Clock clock,
            StreamSigner signer) {
        this(store, cipher, redis, keys, clock, (pos.sync.hub.HubClient) null, signer);
    }

    /**
     * People on {@code store}, sealing with {@code cipher}, pushing through {@code redis} (not owned), and
     * pulling from the hub at {@code hubUrl} (its base URL, e.g. {@code http://10.0.0.5:8480/}) or, when it
     * is null, from Redis. Every change pushed is signed by {@code signer} (issue 10); without a credential
     * nothing is pushed and the outbox waits.
     */
    public TillPeople(SqlitePeopleStore store, PrintCipher cipher, RedisConnections redis, PeopleRedisKeys keys, Clock clock,
            URI hubUrl, StreamSigner signer) {
        this(store, cipher, redis, keys, clock, hubUrl == null ? null : new pos.sync.hub.HubClient(hubUrl, null, null, HUB_TIMEOUT),
                signer);
    }

    /**
     * People on {@code store}, sealing with {@code cipher}, pushing through {@code redis} (not owned) signed by
     * {@code signer}, and pulling through {@code hub} (with this till's credential: the hub gives people to tills
     * only) or, when it is null, from Redis.
     */
    public TillPeople(SqlitePeopleStore store, PrintCipher cipher, RedisConnections redis, PeopleRedisKeys keys, Clock clock,
            pos.sync.hub.HubClient hub, StreamSigner signer) {
        this.store = Objects.requireNonNull(store, "store");
        this.cipher = Objects.requireNonNull(cipher, "cipher");
        this.link = redis == null ? null : new RedisLink(redis, "people sync");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.hub = hub;
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * Opens the till's people in {@code dataDir} with {@code printKeys}, syncing through {@code redis} on the default
     * keys, or on this till only when {@code redis} is null.
     */
    public static TillPeople open(Path dataDir, PrintKeys printKeys, RedisConnections redis, Clock clock,
            StreamSigner signer) {
        return open(dataDir, printKeys, redis, clock, (pos.sync.hub.HubClient) null, signer);
    }

    /** Like {@link #open(Path, PrintKeys, RedisConnections, Clock, StreamSigner)}, pulling through {@code hub} (with the till's credential) when it is not null. */
    public static TillPeople open(Path dataDir, PrintKeys printKeys, RedisConnections redis, Clock clock,
            pos.sync.hub.HubClient hub, StreamSigner signer) {
        return new TillPeople(SqlitePeopleStore.open(dataDir), new PrintCipher(printKeys), redis, PeopleRedisKeys.DEFAULT, clock,
                hub, signer);
    }

    /**
     * Like {@link #open(Path, PrintKeys, RedisConnections, Clock, StreamSigner)}, pulling from the hub at {@code hubUrl}
     * when it is not null.
     */
    public static TillPeople open(Path dataDir, PrintKeys printKeys, RedisConnections redis, Clock clock, URI hubUrl,
            StreamSigner signer) {
        return new TillPeople(SqlitePeopleStore.open(dataDir), new PrintCipher(printKeys), redis, PeopleRedisKeys.DEFAULT, clock,
                hubUrl, signer);
    }

    /**
     * A new clerk with a new id; the PIN is hashed here and dropped.
     *
     * @throws pos.core.people.InvalidPinException if the PIN is not one {@code role} may have (a supervisor's has
     *         at least {@value PinHash#SUPERVISOR_MIN_DIGITS} digits)
     */
    public Clerk addClerk(String name, Role role, char[] pin) {
        PinHash.requireValidFor(role, pin);
        Clerk clerk = new Clerk(newId(), name, role, PinHash.of(pin), true);
        saveClerk(clerk);
        return clerk;
    }

    /**
     * Stores a new or changed clerk and queues it for the store.
     *
     * @throws pos.core.people.InvalidPinException if the clerk is a supervisor with a short PIN
     */
    public void saveClerk(Clerk clerk) {
        clerk.requirePinFitsRole();
        store.saveClerk(clerk, nextChange(store.clerkUpdatedAt(clerk.id())), true);
        log.info("Clerk {} ({}, {}) saved{}", clerk.id(), clerk.name(), clerk.role(), clerk.active() ? "" : ", inactive");
    }

    /** A new member with a new id. */
    public Member addMember(String name, Currency currency) {
        Member member = new Member(newId(), name, currency, true);
        saveMember(member);
        return member;
    }

    /** Stores a new or changed member and queues it for the store. */
    public void saveMember(Member member) {
        store.saveMember(member, nextChange(store.memberUpdatedAt(member.id())), true);
        log.info("Member {} ({}) saved", member.id(), member.name());
    }

    /** Seals and stores an enrolled print, queues it for the store, and answers its record id. */
    public String storePrint(StoredPrint print) {
        String printId = PrintCipher.newPrintId();
        SealedPrint sealed = cipher.seal(printId, print, clock.millis());
        store.savePrint(sealed, true);
        log.info("Stored {} as print {} under key {}", print, printId, sealed.keyId());
        return printId;
    }

    /** Removes a print (a tombstone that syncs). */
    public void deletePrint(String printId) {
        SealedPrint sealed = store.print(printId).orElseThrow(() -> new IllegalArgumentException("no print " + printId));
        store.savePrint(sealed.asDeleted(nextChange(sealed.updatedAt())), true);
        log.info("Deleted print {} of {} {}", printId, sealed.personKind(), sealed.personId());
    }

    /** Every print of {@code kind} (one person's if {@code personId} is not null), opened for {@code driver}. */
    public PrintSet prints(PersonKind kind, String personId, String driver) {
        List<Enrolled> usable = new ArrayList<>();
        List<SealedPrint> other = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        for (SealedPrint sealed : store.prints(kind, personId)) {
            if (!sealed.driver().equals(driver)) {
                other.add(sealed);
                continue;
            }
            try {
                usable.add(new Enrolled(sealed.printId(), cipher.open(sealed)));
            } catch (UnableToOpenPrintException e) {
                log.error("Print left out of matching: {}", e.getMessage());
                unreadable.add(e.getMessage());
            }
        }
        return new PrintSet(List.copyOf(usable), List.copyOf(other), List.copyOf(unreadable));
    }

    /** Every print of {@code kind} opened for {@code driver}; see {@link #prints(PersonKind, String, String)}. */
    public PrintSet prints(PersonKind kind, String driver) {
        return prints(kind, null, driver);
    }

    /**
     * Key rotation: seals every stored print that is not under the sealing key again under it (new
     * nonce, same record id) and queues it for the store. Answers how many were resealed.
     *
     * @throws UnableToOpenPrintException if a print cannot be opened (its old key is missing): nothing after it is resealed
     */
    public int resealAll() {
        int count = 0;
        for (SealedPrint sealed : store.allPrints()) {
            if (sealed.deleted() || sealed.keyId().equals(cipher.keys().sealingKeyId())) {
                continue;
            }
            SealedPrint again = cipher.seal(sealed.printId(), cipher.open(sealed), nextChange(sealed.updatedAt()));
            store.savePrint(again, true);
            count++;
        }
        log.info("Resealed {} prints under key {}", count, cipher.keys().sealingKeyId());
        return count;
    }

    /** Whether this till shares its people with the store (it has the store's Redis). */
    public boolean syncs() {
        return link != null;
    }

    /**
     * Pushes then pulls; see {@link #push()} and {@link #pull()}. Does nothing on a till without the store's Redis.
     * A till without a credential still pulls (what it changed waits in its outbox), then says so.
     *
     * @throws pos.sync.auth.MissingTillCredentialException after the pull, if this till has no credential to push with
     */
    public void sync() {
        if (link == null) {
            return;
        }
        pos.sync.auth.MissingTillCredentialException held = null;
        try {
            push();
        } catch (pos.sync.auth.MissingTillCredentialException e) {
            held = e;
        }
        pull();
        if (held != null) {
            throw held;
        }
    }

    /**
     * Appends the outbox to the store's stream and clears what was appended. Answers how many.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached (the rest waits for the next try)
     * @throws pos.sync.auth.MissingTillCredentialException if this till has no credential (everything waits)
     */
    public int push() {
        int pushed = 0;
        while (true) {
            List<SqlitePeopleStore.OutboxRow> rows = store.outbox(PUSH_BATCH);
            if (rows.isEmpty()) {
                return pushed;
            }
            List<Map<String, String>> signed = new ArrayList<>(rows.size());
            for (SqlitePeopleStore.OutboxRow row : rows) { // all signed first: no credential, nothing written
                signed.add(signer.sign(Map.of("type", row.recordType(), "id", row.recordId(), "body", row.body())));
            }
            RedisCommands<String, String> redis = commands();
            try {
                for (Map<String, String> fields : signed) {
                    redis.xadd(keys.changes(), fields);
                }
            } catch (RuntimeException e) {
                throw link.failed(e);
            }
            store.pushedUpTo(rows.get(rows.size() - 1).seq());
            pushed += rows.size();
        }
    }

    /**
     * Copies the store's clerks, members and prints into the till, keeping whatever is newer here.
     * Answers how many records changed; see {@link #pullChanges()}.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached (no hub URL)
     * @throws UnableToPullPeopleException if the hub cannot be reached or answers nonsense (with a hub URL)
     */
    public int pull() {
        return pullChanges().changed();
    }

    /**
     * Copies the store's clerks, members and prints into the till, keeping whatever is newer here:
     * from the hub, only what changed since this till's last pull from it (the first pull takes
     * everything; a cursor the hub refuses, e.g. after its database was replaced, is dropped with a
     * warning and everything is taken again); without a hub, the whole hashes from Redis.
     *
     * @throws pos.contract.redis.UnableToReachRedisException if Redis cannot be reached (no hub URL)
     * @throws UnableToPullPeopleException if the hub cannot be reached or answers nonsense (with a hub URL)
     */
    public Pulled pullChanges() {
        if (hub == null) {
            return pullFromRedis();
        }
        String source = hub.baseUri().toString();
        Optional<String> cursor = store.pullCursor(source);
        PeopleChanges changes;
        try {
            changes = hub.peopleSince(cursor.orElse(null));
        } catch (InvalidPeopleCursorException e) {
            if (cursor.isEmpty()) {
                throw new UnableToPullPeopleException("hub " + source + " refused a pull without a cursor: " + e.getMessage(), e);
            }
            log.warn("Pulling every person again: {}", e.getMessage());
            store.savePullCursor(source, null);
            changes = hub.peopleSince(null);
        }
        int changed = store(changes.clerks(), changes.members(), changes.prints());
        store.savePullCursor(source, changes.cursor());
        if (changed > 0) {
            log.info("Pulled {} changed people records from hub {} ({} received, cursor {})", changed, source, changes.size(),
                    changes.cursor());
        }
        return new Pulled(changes.size(), changed, changes.full());
    }

    private Pulled pullFromRedis() {
        Map<String, String> clerks;
        Map<String, String> members;
        Map<String, String> prints;
        try {
            RedisCommands<String, String> redis = commands();
            clerks = redis.hgetall(keys.clerks());
            members = redis.hgetall(keys.members());
            prints = redis.hgetall(keys.prints());
        } catch (RuntimeException e) {
            throw link.failed(e);
        }
        int changed = store(List.copyOf(clerks.values()), List.copyOf(members.values()), List.copyOf(prints.values()));
        if (changed > 0) {
            log.info("Pulled {} changed people records from the store", changed);
        }
        return new Pulled(clerks.size() + members.size() + prints.size(), changed, true);
    }

    /** Stores the records (JSON as in the hashes) that are newer than the till's copies; answers how many. */
    private int store(List<String> clerks, List<String> members, List<String> prints) {
        int changed = 0;
        for (String json : clerks) {
            changed += apply("clerk", json, () -> {
                PeopleJson.Versioned<Clerk> c = PeopleJson.clerk(json);
                return store.saveClerk(c.value(), c.updatedAt(), false);
            });
        }
        for (String json : members) {
            changed += apply("member", json, () -> {
                PeopleJson.Versioned<Member> m = PeopleJson.member(json);
                return store.saveMember(m.value(), m.updatedAt(), false);
            });
        }
        for (String json : prints) {
            changed += apply("print", json, () -> store.savePrint(PeopleJson.print(json), false));
        }
        return changed;
    }

    private interface Apply {
        boolean run();
    }

    private static int apply(String type, String json, Apply apply) {
        try {
            return apply.run() ? 1 : 0;
        } catch (IllegalArgumentException e) {
            // One damaged record must not stop the others; it is named for a person to fix (by its id, never its body:
            // a print's ciphertext or a PIN hash stays out of the log).
            log.error("The store's {} record {} is malformed and was not taken: {}", type, recordId(json), e.getMessage());
            return 0;
        }
    }

    private static String recordId(String json) {
        java.util.regex.Matcher id = RECORD_ID.matcher(json);
        return id.find() ? id.group(1) : "(without an id)";
    }

    @Override
    public Optional<Clerk> clerk(String clerkId) {
        return store.clerk(clerkId);
    }

    @Override
    public List<Clerk> clerks() {
        return store.clerks();
    }

    /** The member {@code memberId}, if known here. */
    public Optional<Member> member(String memberId) {
        return store.member(memberId);
    }

    /** Every member known here, by name. */
    public List<Member> members() {
        return store.members();
    }

    /** The SQLite store underneath (for the till's stored-value movements). */
    public SqlitePeopleStore store() {
        return store;
    }

    private RedisCommands<String, String> commands() {
        if (link == null) {
            throw new IllegalStateException("this till keeps its people locally: it has no store Redis to sync with");
        }
        return link.get().sync();
    }

    private long nextChange(long previous) {
        return Math.max(clock.millis(), previous + 1);
    }

    private static String newId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    /** Closes the Redis link and the SQLite connection. */
    @Override
    public void close() {
        if (link != null) {
            link.close();
        }
        store.close();
    }
}
