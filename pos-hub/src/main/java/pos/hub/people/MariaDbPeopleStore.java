package pos.hub.people;

import pos.contract.people.InvalidPeopleCursorException;
import pos.contract.people.PeopleChanges;
import pos.contract.people.PeopleJson;
import pos.contract.people.SealedPrint;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import pos.core.people.Clerk;
import pos.core.people.LedgerEntry;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.PinHash;
import pos.core.people.Role;
import pos.hub.archive.MariaDbPool;

/**
 * The store's people in MariaDB (migration {@code db/migration/mariadb/V7__people.sql}): tables
 * {@code clerks}, {@code members}, {@code prints} (ciphertext only) and {@code member_ledger}.
 * Writes are idempotent: people are upserts where the newer {@code updated_at} wins (a replayed or
 * older change is a no-op), ledger rows are keyed by member and transaction id. Thread-safe (a
 * small HikariCP pool).
 */
public final class MariaDbPeopleStore implements AutoCloseable {

    /** Everything the store knows of its people, as MariaDB holds it. */
    public record Snapshot(List<PeopleJson.Versioned<Clerk>> clerks, List<PeopleJson.Versioned<Member>> members,
            List<SealedPrint> prints) {
    }

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String endpoint;
    private final Clock clock;
    private volatile boolean migrated;

    private MariaDbPeopleStore(HikariDataSource dataSource, String endpoint, Clock clock) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /** A pool of up to {@code poolSize} connections; nothing is dialled yet. */
    public static MariaDbPeopleStore create(String jdbcUrl, String user, String password, int poolSize, Clock clock) {
        return new MariaDbPeopleStore(MariaDbPool.open("pos-people", jdbcUrl, user, password, poolSize),
                MariaDbPool.endpointOf(jdbcUrl), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Creates or upgrades the schema, once per instance.
     *
     * @throws UnableToStorePeopleException if MariaDB cannot be reached or a migration fails
     */
    public void migrate() {
        if (migrated) {
            return;
        }
        try {
            MariaDbPool.migrate(dataSource);
            migrated = true;
        } catch (FlywayException e) {
            throw new UnableToStorePeopleException("mariadb " + endpoint + ": cannot create or upgrade the people tables: "
                    + e.getMessage(), e);
        }
    }

    /**
     * Writes one batch of changes in one transaction: clerks, members and prints where newer,
     * ledger rows once.
     *
     * @throws UnableToStorePeopleException if it did not commit (nothing of it is kept)
     */
    void write(List<PeopleJson.Versioned<Clerk>> clerks, List<PeopleJson.Versioned<Member>> members, List<SealedPrint> prints,
            List<LedgerEntry> ledger) {
        migrate();
        LocalDateTime now = utc(clock.instant());
        try {
            jdbi.useTransaction(handle -> {
                // The batch's change number (V8__people_change_seq.sql): the row lock orders the batches' commits.
                long changeSeq = 0;
                if (!clerks.isEmpty() || !members.isEmpty() || !prints.isEmpty()) {
                    handle.createUpdate("UPDATE people_change_seq SET seq = seq + 1 WHERE id = 1").execute();
                    changeSeq = handle.createQuery("SELECT seq FROM people_change_seq WHERE id = 1").mapTo(Long.class).one();
                }
                for (PeopleJson.Versioned<Clerk> v : clerks) {
                    Clerk c = v.value();
                    // Assignments run left to right: updated_at last, so the others still see the old one.
                    handle.createUpdate("INSERT INTO clerks (clerk_id, name, role, pin_hash, active, updated_at, change_seq)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                            + " name = IF(VALUES(updated_at) > updated_at, VALUES(name), name),"
                            + " role = IF(VALUES(updated_at) > updated_at, VALUES(role), role),"
                            + " pin_hash = IF(VALUES(updated_at) > updated_at, VALUES(pin_hash), pin_hash),"
                            + " active = IF(VALUES(updated_at) > updated_at, VALUES(active), active),"
                            + " change_seq = IF(VALUES(updated_at) > updated_at, VALUES(change_seq), change_seq),"
                            + " updated_at = GREATEST(updated_at, VALUES(updated_at))")
                            .bind(0, c.id()).bind(1, c.name()).bind(2, c.role().name()).bind(3, c.pin().encoded())
                            .bind(4, c.active()).bind(5, v.updatedAt()).bind(6, changeSeq).execute();
                }
                for (PeopleJson.Versioned<Member> v : members) {
                    Member m = v.value();
                    handle.createUpdate("INSERT INTO members (member_id, name, currency, active, updated_at, change_seq)"
                            + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                            + " name = IF(VALUES(updated_at) > updated_at, VALUES(name), name),"
                            + " currency = IF(VALUES(updated_at) > updated_at, VALUES(currency), currency),"
                            + " active = IF(VALUES(updated_at) > updated_at, VALUES(active), active),"
                            + " change_seq = IF(VALUES(updated_at) > updated_at, VALUES(change_seq), change_seq),"
                            + " updated_at = GREATEST(updated_at, VALUES(updated_at))")
                            .bind(0, m.id()).bind(1, m.name()).bind(2, m.currency().getCurrencyCode()).bind(3, m.active())
                            .bind(4, v.updatedAt()).bind(5, changeSeq).execute();
                }
                for (SealedPrint p : prints) {
                    StringBuilder sql = new StringBuilder("INSERT INTO prints (print_id, person_kind, person_id, finger, driver,"
                            + " key_id, nonce, ciphertext, deleted, updated_at, change_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON DUPLICATE KEY UPDATE");
                    String sep = " ";
                    for (String column : List.of("person_kind", "person_id", "finger", "driver", "key_id", "nonce", "ciphertext",
                            "deleted", "change_seq")) {
                        sql.append(sep).append(column).append(" = IF(VALUES(updated_at) > updated_at, VALUES(").append(column)
                                .append("), ").append(column).append(')');
                        sep = ", ";
                    }
                    sql.append(", updated_at = GREATEST(updated_at, VALUES(updated_at))");
                    handle.createUpdate(sql.toString()).bind(0, p.printId()).bind(1, p.personKind().name())
                            .bind(2, p.personId()).bind(3, p.finger()).bind(4, p.driver()).bind(5, p.keyId())
                            .bind(6, p.nonce()).bind(7, p.ciphertext()).bind(8, p.deleted()).bind(9, p.updatedAt())
                            .bind(10, changeSeq).execute();
                }
                for (LedgerEntry e : ledger) {
                    handle.createUpdate("INSERT INTO member_ledger (member_id, transaction_id, kind, amount_minor,"
                            + " balance_after_minor, till_id, at, archived_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                            + " ON DUPLICATE KEY UPDATE transaction_id = transaction_id")
                            .bind(0, e.memberId()).bind(1, e.transactionId()).bind(2, e.kind().name()).bind(3, e.amountMinor())
                            .bind(4, e.balanceAfterMinor()).bind(5, e.tillId()).bind(6, utc(e.at())).bind(7, now).execute();
                }
            });
        } catch (JdbiException e) {
            throw new UnableToStorePeopleException("mariadb " + endpoint + ": " + (clerks.size() + members.size() + prints.size()
                    + ledger.size()) + " people changes could not be archived (" + e.getMessage() + "); they stay in the stream",
                    e);
        }
    }

    /**
     * Everything the store knows of its people.
     *
     * @throws UnableToStorePeopleException if MariaDB cannot be reached
     */
    public Snapshot snapshot() {
        migrate();
        try {
            return jdbi.withHandle(this::read);
        } catch (JdbiException e) {
            throw new UnableToStorePeopleException("mariadb " + endpoint + ": cannot read the store's people (" + e.getMessage()
                    + ")", e);
        }
    }

    /**
     * The ledger rows of {@code memberId}, oldest first.
     *
     * @throws UnableToStorePeopleException if MariaDB cannot be reached
     */
    public List<LedgerEntry> ledger(String memberId) {
        migrate();
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT transaction_id, member_id, kind, amount_minor, balance_after_minor,"
                    + " till_id, at FROM member_ledger WHERE member_id = ? ORDER BY at, transaction_id").bind(0, memberId)
                    .map((rs, ctx) -> new LedgerEntry(rs.getString(1), rs.getString(2), LedgerEntry.Kind.valueOf(rs.getString(3)),
                            rs.getLong(4), rs.getLong(5), rs.getString(6),
                            rs.getObject(7, LocalDateTime.class).toInstant(ZoneOffset.UTC))).list());
        } catch (JdbiException e) {
            throw new UnableToStorePeopleException("mariadb " + endpoint + ": cannot read the ledger of member " + memberId
                    + " (" + e.getMessage() + ")", e);
        }
    }

    /** The longest cursor accepted: a change number has at most 18 digits. */
    private static final int MAX_CURSOR_DIGITS = 18;

    /**
     * The clerks, members and prints changed after {@code since} (a cursor from an earlier answer), or
     * every one when {@code since} is null, with the cursor to pass next time. Read in one snapshot,
     * so a batch being archived meanwhile is either wholly in the answer or wholly in the next one.
     *
     * @throws InvalidPeopleCursorException if {@code since} is not a cursor this store handed out
     * @throws UnableToStorePeopleException if MariaDB cannot be reached
     */
    public PeopleChanges changesSince(String since) {
        long after = since == null ? -1 : parseCursor(since);
        migrate();
        PeopleChanges changes;
        try {
            changes = jdbi.inTransaction(org.jdbi.v3.core.transaction.TransactionIsolationLevel.REPEATABLE_READ, h -> {
                long newest = h.createQuery("SELECT seq FROM people_change_seq WHERE id = 1").mapTo(Long.class).one();
                if (after > newest) {
                    return null;
                }
                String where = "WHERE change_seq > " + after + " AND change_seq <= " + newest;
                return new PeopleChanges(Long.toString(newest), since == null,
                        read(h, where, null).clerks().stream().map(c -> PeopleJson.clerk(c.value(), c.updatedAt())).toList(),
                        readMembers(h, where, null).stream().map(m -> PeopleJson.member(m.value(), m.updatedAt())).toList(),
                        readPrints(h, where, null).stream().map(PeopleJson::print).toList());
            });
        } catch (JdbiException e) {
            throw new UnableToStorePeopleException("mariadb " + endpoint + ": cannot read the people changed after cursor "
                    + (since == null ? "(none)" : since) + " (" + e.getMessage() + ")", e);
        }
        if (changes == null) {
            throw new InvalidPeopleCursorException("cursor " + since + " is ahead of the store's newest people change: it"
                    + " comes from another store or from a database since replaced; pull again without a cursor");
        }
        return changes;
    }

    private static long parseCursor(String since) {
        if (since.isEmpty() || since.length() > MAX_CURSOR_DIGITS || !since.chars().allMatch(c -> c >= '0' && c <= '9')) {
            String shown = since.length() > 40 ? since.substring(0, 40) + "..." : since;
            throw new InvalidPeopleCursorException("'" + shown.replaceAll("[^\\x20-\\x7e]", "?") + "' is not a people cursor (1 to "
                    + MAX_CURSOR_DIGITS + " digits from an earlier answer); pull again without a cursor");
        }
        return Long.parseLong(since);
    }

    /**
     * The ledgers of up to {@code maxMembers} members whose id sorts after {@code afterMemberId}
     * ({@code ""} for the first page), by member id, each oldest first. What a restore of Redis's
     * balances reads, one page at a time.
     *
     * @throws UnableToStorePeopleException if MariaDB cannot be reached
     */
    java.util.SortedMap<String, List<LedgerEntry>> ledgersAfter(String afterMemberId, int maxMembers) {
        migrate();
        try {
            return jdbi.withHandle(h -> {
                List<String> memberIds = h.createQuery("SELECT DISTINCT member_id FROM member_ledger WHERE member_id > ?"
                        + " ORDER BY member_id LIMIT ?").bind(0, afterMemberId).bind(1, maxMembers).mapTo(String.class).list();
                java.util.SortedMap<String, List<LedgerEntry>> ledgers = new java.util.TreeMap<>();
                if (memberIds.isEmpty()) {
                    return ledgers;
                }
                h.createQuery("SELECT transaction_id, member_id, kind, amount_minor, balance_after_minor, till_id, at"
                        + " FROM member_ledger WHERE member_id IN (<ids>) ORDER BY member_id, at, transaction_id")
                        .bindList("ids", memberIds)
                        .map((rs, ctx) -> new LedgerEntry(rs.getString(1), rs.getString(2), LedgerEntry.Kind.valueOf(rs.getString(3)),
                                rs.getLong(4), rs.getLong(5), rs.getString(6),
                                rs.getObject(7, LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                        .forEach(e -> ledgers.computeIfAbsent(e.memberId(), id -> new ArrayList<>()).add(e));
                return ledgers;
            });
        } catch (JdbiException e) {
            throw new UnableToStorePeopleException("mariadb " + endpoint + ": cannot read the members' ledgers after member '"
                    + afterMemberId + "' (" + e.getMessage() + ")", e);
        }
    }

    /**
     * The rows of these ids as MariaDB holds them now (after a batch: what the hashes get).
     *
     * @throws UnableToStorePeopleException if MariaDB cannot be reached
     */
    Snapshot snapshotOf(java.util.Collection<String> clerkIds, java.util.Collection<String> memberIds,
            java.util.Collection<String> printIds) {
        migrate();
        try {
            return jdbi.withHandle(h -> new Snapshot(
                    clerkIds.isEmpty() ? List.of() : read(h, "WHERE clerk_id IN (<ids>)", List.copyOf(clerkIds)).clerks(),
                    memberIds.isEmpty() ? List.of() : readMembers(h, "WHERE member_id IN (<ids>)", List.copyOf(memberIds)),
                    printIds.isEmpty() ? List.of() : readPrints(h, "WHERE print_id IN (<ids>)", List.copyOf(printIds))));
        } catch (JdbiException e) {
            throw new UnableToStorePeopleException("mariadb " + endpoint + ": cannot read back the people just archived ("
                    + e.getMessage() + ")", e);
        }
    }

    private Snapshot read(Handle h) {
        return new Snapshot(read(h, "", null).clerks(), readMembers(h, "", null), readPrints(h, "", null));
    }

    private static org.jdbi.v3.core.statement.Query where(Handle h, String sql, List<String> ids) {
        org.jdbi.v3.core.statement.Query q = h.createQuery(sql);
        return ids == null ? q : q.bindList("ids", ids);
    }

    private Snapshot read(Handle h, String where, List<String> ids) {
        List<PeopleJson.Versioned<Clerk>> clerks = where(h, "SELECT clerk_id, name, role, pin_hash, active, updated_at"
                + " FROM clerks " + where, ids).map((rs, ctx) -> new PeopleJson.Versioned<>(new Clerk(rs.getString(1), rs.getString(2),
                        Role.valueOf(rs.getString(3)), PinHash.parse(rs.getString(4)), rs.getBoolean(5)), rs.getLong(6))).list();
        return new Snapshot(clerks, List.of(), List.of());
    }

    private List<PeopleJson.Versioned<Member>> readMembers(Handle h, String where, List<String> ids) {
        return where(h, "SELECT member_id, name, currency, active, updated_at FROM members " + where, ids).map((rs, ctx) -> new PeopleJson.Versioned<>(new Member(rs.getString(1), rs.getString(2),
                        Currency.getInstance(rs.getString(3)), rs.getBoolean(4)), rs.getLong(5))).list();
    }

    private List<SealedPrint> readPrints(Handle h, String where, List<String> ids) {
        return new ArrayList<>(where(h, "SELECT print_id, person_kind, person_id, finger, driver, key_id,"
                + " nonce, ciphertext, deleted, updated_at FROM prints " + where, ids).map((rs, ctx) -> new SealedPrint(rs.getString(1),
                        PersonKind.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
                        rs.getBytes(7), rs.getBytes(8), rs.getBoolean(9), rs.getLong(10))).list());
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
