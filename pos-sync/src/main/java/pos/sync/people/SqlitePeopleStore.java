package pos.sync.people;

import pos.contract.people.PeopleJson;
import pos.contract.people.SealedPrint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import pos.core.people.Clerk;
import pos.core.people.LedgerEntry;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.PinHash;
import pos.core.people.Role;
import pos.sync.journal.SqliteSaleJournal;

/**
 * The till's copy of the store's people in its journal database ({@value SqliteSaleJournal#FILE_NAME}
 * in the data directory; migration {@code db/migration/sqlite/V7__people.sql}): tables
 * {@code clerks}, {@code members}, {@code prints} (sealed only), {@code member_ledger} and the
 * {@code people_outbox} of changes not yet pushed, and ({@code V8__people_pull_cursor.sql}) where the last pull from
 * the hub ended. Every write is last-writer-wins by
 * {@code updated_at}; a change made here and its outbox row commit together. Same connection
 * settings as the journal (WAL, synchronous=FULL, busy timeout). Thread-safe (one connection, serialised).
 */
public final class SqlitePeopleStore implements AutoCloseable {

    /** A change waiting in the outbox. */
    record OutboxRow(long seq, String recordType, String recordId, String body) {
    }

    private final Path file;
    private final Connection connection; // guarded by this

    private SqlitePeopleStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens the store in the journal database of {@code dataDir}, creating what is missing.
     *
     * @throws UnableToStorePeopleException if the directory or database cannot be created or opened
     */
    public static SqlitePeopleStore open(Path dataDir) {
        Path dir = Objects.requireNonNull(dataDir, "dataDir").toAbsolutePath();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UnableToStorePeopleException("cannot create the till's data directory " + dir + ": " + e, e);
        }
        Path file = dir.resolve(SqliteSaleJournal.FILE_NAME);
        String url = "jdbc:sqlite:" + file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(SqliteSaleJournal.BUSY_TIMEOUT_MS);
        SQLiteDataSource dataSource = new SQLiteDataSource(config);
        dataSource.setUrl(url);
        try {
            Flyway.configure(SqlitePeopleStore.class.getClassLoader()).dataSource(dataSource)
                    .locations("classpath:db/migration/sqlite").failOnMissingLocations(true).load().migrate();
        } catch (FlywayException e) {
            throw new UnableToStorePeopleException("cannot create or upgrade the till's database " + file + ": " + e.getMessage(),
                    e);
        }
        try {
            return new SqlitePeopleStore(file, config.createConnection(url));
        } catch (SQLException e) {
            throw new UnableToStorePeopleException("cannot open the till's database " + file + ": " + e.getMessage(), e);
        }
    }

    /** Stores {@code clerk} if newer than the stored one; with {@code outbox}, also queues it for the store. Answers whether it was stored. */
    public synchronized boolean saveClerk(Clerk clerk, long updatedAt, boolean outbox) {
        return write("clerk " + clerk.id(), () -> {
            int changed;
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO clerks (clerk_id, name, role, pin_hash, active,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (clerk_id) DO UPDATE SET name = excluded.name,"
                    + " role = excluded.role, pin_hash = excluded.pin_hash, active = excluded.active,"
                    + " updated_at = excluded.updated_at WHERE excluded.updated_at > clerks.updated_at")) {
                st.setString(1, clerk.id());
                st.setString(2, clerk.name());
                st.setString(3, clerk.role().name());
                st.setString(4, clerk.pin().encoded());
                st.setInt(5, clerk.active() ? 1 : 0);
                st.setLong(6, updatedAt);
                changed = st.executeUpdate();
            }
            if (changed > 0 && outbox) {
                queue("clerk", clerk.id(), PeopleJson.clerk(clerk, updatedAt));
            }
            return changed > 0;
        });
    }

    /** Stores {@code member} if newer; see {@link #saveClerk}. */
    public synchronized boolean saveMember(Member member, long updatedAt, boolean outbox) {
        return write("member " + member.id(), () -> {
            int changed;
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO members (member_id, name, currency, active,"
                    + " updated_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (member_id) DO UPDATE SET name = excluded.name,"
                    + " currency = excluded.currency, active = excluded.active, updated_at = excluded.updated_at"
                    + " WHERE excluded.updated_at > members.updated_at")) {
                st.setString(1, member.id());
                st.setString(2, member.name());
                st.setString(3, member.currency().getCurrencyCode());
                st.setInt(4, member.active() ? 1 : 0);
                st.setLong(5, updatedAt);
                changed = st.executeUpdate();
            }
            if (changed > 0 && outbox) {
                queue("member", member.id(), PeopleJson.member(member, updatedAt));
            }
            return changed > 0;
        });
    }

    /** Stores a sealed print if newer; see {@link #saveClerk}. */
    public synchronized boolean savePrint(SealedPrint print, boolean outbox) {
        return write("print " + print.printId(), () -> {
            int changed;
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO prints (print_id, person_kind, person_id, finger,"
                    + " driver, key_id, nonce, ciphertext, deleted, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (print_id) DO UPDATE SET person_kind = excluded.person_kind, person_id = excluded.person_id,"
                    + " finger = excluded.finger, driver = excluded.driver, key_id = excluded.key_id, nonce = excluded.nonce,"
                    + " ciphertext = excluded.ciphertext, deleted = excluded.deleted, updated_at = excluded.updated_at"
                    + " WHERE excluded.updated_at > prints.updated_at")) {
                st.setString(1, print.printId());
                st.setString(2, print.personKind().name());
                st.setString(3, print.personId());
                st.setString(4, print.finger());
                st.setString(5, print.driver());
                st.setString(6, print.keyId());
                st.setBytes(7, print.nonce());
                st.setBytes(8, print.ciphertext());
                st.setInt(9, print.deleted() ? 1 : 0);
                st.setLong(10, print.updatedAt());
                changed = st.executeUpdate();
            }
            if (changed > 0 && outbox) {
                queue("print", print.printId(), PeopleJson.print(print));
            }
            return changed > 0;
        });
    }

    /** Keeps a stored-value movement this till made; a second one with the same key is ignored. */
    public synchronized void recordLedger(LedgerEntry entry) {
        write("ledger entry " + entry.transactionId(), () -> {
            try (PreparedStatement st = connection.prepareStatement("INSERT INTO member_ledger (member_id, transaction_id, kind,"
                    + " amount_minor, balance_after_minor, till_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (member_id, transaction_id) DO NOTHING")) {
                st.setString(1, entry.memberId());
                st.setString(2, entry.transactionId());
                st.setString(3, entry.kind().name());
                st.setLong(4, entry.amountMinor());
                st.setLong(5, entry.balanceAfterMinor());
                st.setString(6, entry.tillId());
                st.setString(7, entry.at().toString());
                st.executeUpdate();
            }
            return true;
        });
    }

    /** Where the last pull from {@code source} (a hub's base URL) ended, if it ever did. */
    public synchronized Optional<String> pullCursor(String source) {
        try (PreparedStatement st = connection.prepareStatement("SELECT cursor FROM people_pull_cursor WHERE source = ?")) {
            st.setString(1, source);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw failed("read the pull cursor of " + source, e);
        }
    }

    /** Keeps where the last pull from {@code source} ended; null forgets it, so the next pull takes everything. */
    public synchronized void savePullCursor(String source, String cursor) {
        write("the pull cursor of " + source, () -> {
            try (PreparedStatement st = connection.prepareStatement(cursor == null ? "DELETE FROM people_pull_cursor WHERE source = ?"
                    : "INSERT INTO people_pull_cursor (source, cursor) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET"
                            + " cursor = excluded.cursor")) {
                st.setString(1, source);
                if (cursor != null) {
                    st.setString(2, cursor);
                }
                st.executeUpdate();
            }
            return true;
        });
    }

    /** The clerk with {@code clerkId}, if stored. */
    public synchronized Optional<Clerk> clerk(String clerkId) {
        List<Clerk> found = clerksWhere("WHERE clerk_id = ?", clerkId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every clerk, by name. */
    public synchronized List<Clerk> clerks() {
        return clerksWhere("ORDER BY name, clerk_id", null);
    }

    /** The epoch millis of the stored clerk's last change, or -1. */
    public synchronized long clerkUpdatedAt(String clerkId) {
        return updatedAt("SELECT updated_at FROM clerks WHERE clerk_id = ?", clerkId);
    }

    /** The epoch millis of the stored member's last change, or -1. */
    public synchronized long memberUpdatedAt(String memberId) {
        return updatedAt("SELECT updated_at FROM members WHERE member_id = ?", memberId);
    }

    /** The member with {@code memberId}, if stored. */
    public synchronized Optional<Member> member(String memberId) {
        List<Member> found = membersWhere("WHERE member_id = ?", memberId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Every member, by name. */
    public synchronized List<Member> members() {
        return membersWhere("ORDER BY name, member_id", null);
    }

    /** The sealed prints of {@code kind} not deleted (every person), or of one person if {@code personId} is not null. */
    public synchronized List<SealedPrint> prints(PersonKind kind, String personId) {
        return printsWhere("WHERE deleted = 0 AND person_kind = ?" + (personId == null ? "" : " AND person_id = ?"),
                kind.name(), personId);
    }

    /** Every sealed print, deleted ones too. */
    public synchronized List<SealedPrint> allPrints() {
        return printsWhere("", null, null);
    }

    /** The sealed print {@code printId}, deleted or not. */
    public synchronized Optional<SealedPrint> print(String printId) {
        List<SealedPrint> found = printsWhere("WHERE print_id = ?", printId, null);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** Up to {@code limit} changes waiting to be pushed, oldest first. */
    synchronized List<OutboxRow> outbox(int limit) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT seq, record_type, record_id, body FROM people_outbox ORDER BY seq LIMIT ?")) {
            st.setInt(1, limit);
            List<OutboxRow> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    rows.add(new OutboxRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw failed("read the people outbox", e);
        }
    }

    /** Deletes the outbox rows up to and including {@code seq} (they are in the store's stream). */
    synchronized void pushedUpTo(long seq) {
        write("people outbox", () -> {
            try (PreparedStatement st = connection.prepareStatement("DELETE FROM people_outbox WHERE seq <= ?")) {
                st.setLong(1, seq);
                st.executeUpdate();
            }
            return true;
        });
    }

    /** How many changes wait to be pushed. */
    public synchronized long outboxSize() {
        return updatedAt("SELECT COUNT(*) FROM people_outbox WHERE ? IS NOT NULL", "x");
    }

    /** The movements recorded at this till for {@code memberId}, oldest first. */
    public synchronized List<LedgerEntry> ledger(String memberId) {
        try (PreparedStatement st = connection.prepareStatement("SELECT transaction_id, member_id, kind, amount_minor,"
                + " balance_after_minor, till_id, at FROM member_ledger WHERE member_id = ? ORDER BY at, transaction_id")) {
            st.setString(1, memberId);
            List<LedgerEntry> entries = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    entries.add(new LedgerEntry(rs.getString(1), rs.getString(2), LedgerEntry.Kind.valueOf(rs.getString(3)),
                            rs.getLong(4), rs.getLong(5), rs.getString(6), java.time.Instant.parse(rs.getString(7))));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw failed("read the stored-value movements of member " + memberId, e);
        }
    }

    /** The database file. */
    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw failed("close", e);
        }
    }

    private interface Work {
        boolean run() throws SQLException;
    }

    private void queue(String type, String id, String body) throws SQLException {
        try (PreparedStatement st = connection.prepareStatement(
                "INSERT INTO people_outbox (record_type, record_id, body) VALUES (?, ?, ?)")) {
            st.setString(1, type);
            st.setString(2, id);
            st.setString(3, body);
            st.executeUpdate();
        }
    }

    private boolean write(String what, Work work) {
        try {
            connection.setAutoCommit(false);
            try {
                boolean result = work.run();
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failed("store " + what, e);
        }
    }

    private long updatedAt(String sql, String id) {
        try (PreparedStatement st = connection.prepareStatement(sql)) {
            st.setString(1, id);
            try (ResultSet rs = st.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException e) {
            throw failed("read " + id, e);
        }
    }

    private List<Clerk> clerksWhere(String where, String arg) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT clerk_id, name, role, pin_hash, active FROM clerks " + where)) {
            if (arg != null) {
                st.setString(1, arg);
            }
            List<Clerk> clerks = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    clerks.add(new Clerk(rs.getString(1), rs.getString(2), Role.valueOf(rs.getString(3)),
                            PinHash.parse(rs.getString(4)), rs.getInt(5) != 0));
                }
            }
            return clerks;
        } catch (SQLException e) {
            throw failed("read clerks", e);
        }
    }

    private List<Member> membersWhere(String where, String arg) {
        try (PreparedStatement st = connection.prepareStatement(
                "SELECT member_id, name, currency, active FROM members " + where)) {
            if (arg != null) {
                st.setString(1, arg);
            }
            List<Member> members = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    members.add(new Member(rs.getString(1), rs.getString(2), Currency.getInstance(rs.getString(3)),
                            rs.getInt(4) != 0));
                }
            }
            return members;
        } catch (SQLException e) {
            throw failed("read members", e);
        }
    }

    private List<SealedPrint> printsWhere(String where, String arg1, String arg2) {
        try (PreparedStatement st = connection.prepareStatement("SELECT print_id, person_kind, person_id, finger, driver, key_id,"
                + " nonce, ciphertext, deleted, updated_at FROM prints " + where + " ORDER BY person_id, finger, print_id")) {
            if (arg1 != null) {
                st.setString(1, arg1);
            }
            if (arg2 != null) {
                st.setString(2, arg2);
            }
            List<SealedPrint> prints = new ArrayList<>();
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    prints.add(new SealedPrint(rs.getString(1), PersonKind.valueOf(rs.getString(2)), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getBytes(8), rs.getInt(9) != 0,
                            rs.getLong(10)));
                }
            }
            return prints;
        } catch (SQLException e) {
            throw failed("read prints", e);
        }
    }

    private UnableToStorePeopleException failed(String what, SQLException e) {
        return new UnableToStorePeopleException("cannot " + what + " in the till's database " + file + ": " + e.getMessage(), e);
    }
}
