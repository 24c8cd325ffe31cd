package pos.hub.voucher;

import pos.contract.voucher.Redemption;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.PreparedBatch;
import pos.core.voucher.Voucher;
import pos.core.voucher.VoucherBenefit;
import pos.hub.archive.MariaDbPool;

/**
 * Vouchers in MariaDB (migration {@code db/migration/mariadb/V6__vouchers.sql}): the issued
 * vouchers ({@code vouchers}) and the successful redemptions ({@code voucher_redemptions}, R4),
 * whose UNIQUE key on the voucher id is the final guard of R6. Thread-safe (a small HikariCP pool).
 */
public final class MariaDbVoucherStore implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String endpoint;
    private final Clock clock;
    private volatile boolean migrated;

    private MariaDbVoucherStore(HikariDataSource dataSource, String endpoint, Clock clock) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.endpoint = endpoint;
        this.clock = clock;
    }

    /**
     * A pool of up to {@code poolSize} connections to {@code jdbcUrl}. Nothing is dialled yet, so
     * this works while MariaDB is down.
     *
     * @throws pos.hub.archive.InvalidJdbcUrlException if it is not a MariaDB (or MySQL) JDBC URL
     */
    public static MariaDbVoucherStore create(String jdbcUrl, String user, String password, int poolSize, Clock clock) {
        return new MariaDbVoucherStore(MariaDbPool.open("pos-vouchers", jdbcUrl, user, password, poolSize),
                MariaDbPool.endpointOf(jdbcUrl), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * Creates or upgrades the schema (the same migrations as the sale archive), once per instance.
     *
     * @throws UnableToStoreVoucherException if MariaDB cannot be reached or a migration fails
     */
    public void migrate() {
        if (migrated) {
            return;
        }
        try {
            MariaDbPool.migrate(dataSource);
            migrated = true;
        } catch (FlywayException e) {
            throw new UnableToStoreVoucherException("mariadb " + endpoint + ": cannot create or upgrade the voucher tables: "
                    + rootMessage(e), e);
        }
    }

    /**
     * Inserts issued vouchers in one transaction.
     *
     * @throws UnableToStoreVoucherException if MariaDB cannot be reached or refuses (an id issued before); nothing is stored
     */
    public void insertIssued(List<IssuedVoucher> vouchers) {
        migrate();
        try {
            jdbi.useTransaction(handle -> {
                PreparedBatch batch = handle.prepareBatch("INSERT INTO vouchers (voucher_id, code, fingerprint, benefit_kind,"
                        + " amount_minor, currency, product_code, customer_ref, store_id, key_id, expires_at, issued_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                for (IssuedVoucher issued : vouchers) {
                    Voucher v = issued.voucher();
                    VoucherBenefit.AmountOff off = v.benefit() instanceof VoucherBenefit.AmountOff a ? a : null;
                    String product = v.benefit() instanceof VoucherBenefit.Product p ? p.productCode() : null;
                    batch.bind(0, v.voucherId()).bind(1, issued.code()).bind(2, v.fingerprint())
                            .bind(3, off != null ? "AMOUNT_OFF" : "PRODUCT")
                            .bind(4, off != null ? off.amount().minorUnits() : null)
                            .bind(5, off != null ? off.amount().currency().getCurrencyCode() : null)
                            .bind(6, product).bind(7, v.customerRef()).bind(8, v.storeId()).bind(9, v.keyId())
                            .bind(10, utc(v.expiresAt())).bind(11, utc(issued.issuedAt())).add();
                }
                batch.execute();
            });
        } catch (JdbiException e) {
            throw new UnableToStoreVoucherException("mariadb " + endpoint + ": the " + vouchers.size()
                    + " vouchers could not be stored (" + rootMessage(e) + "); none was issued", e);
        }
    }

    /**
     * Archives successful redemptions in one transaction (R4). A voucher already archived keeps
     * its row: the UNIQUE key on the voucher id refuses a second redemption (R6's final guard),
     * and this returns the row MariaDB holds for every voucher of {@code redemptions} whose
     * stored order number differs, so that the caller can report the conflict (MariaDB wins).
     * Archiving the same redemption again (a stream entry delivered twice) is harmless.
     *
     * @return each refused redemption of {@code redemptions} → the redemption MariaDB holds for its voucher (conflicts only)
     * @throws UnableToStoreVoucherException if the transaction did not commit; nothing of it is kept
     */
    public Map<Redemption, Redemption> archive(List<Redemption> redemptions) {
        migrate();
        if (redemptions.isEmpty()) {
            return Map.of();
        }
        Map<String, Redemption> byVoucher = new LinkedHashMap<>();
        redemptions.forEach(r -> byVoucher.putIfAbsent(r.voucherId(), r));
        LocalDateTime archivedAt = utc(clock.instant());
        try {
            return jdbi.inTransaction(handle -> {
                StringBuilder sql = new StringBuilder("INSERT INTO voucher_redemptions (order_no, voucher_id, store_id, till_id,"
                        + " transaction_id, redeemed_at, archived_at) VALUES ");
                List<Object> values = new ArrayList<>();
                for (Redemption r : byVoucher.values()) {
                    sql.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?)");
                    values.addAll(List.of(r.orderNumber(), r.voucherId(), r.storeId(), r.tillId(), r.transactionId(),
                            utc(r.redeemedAt()), archivedAt));
                }
                // A duplicate voucher id (or order number) keeps the stored row: no update, no error.
                sql.append(" ON DUPLICATE KEY UPDATE voucher_id = voucher_id");
                var update = handle.createUpdate(sql.toString());
                for (int i = 0; i < values.size(); i++) {
                    update.bind(i, values.get(i));
                }
                update.execute();
                Map<String, Redemption> stored = find(handle, byVoucher.keySet());
                Map<Redemption, Redemption> conflicts = new LinkedHashMap<>();
                for (Redemption r : redemptions) {
                    Redemption kept = stored.get(r.voucherId());
                    if (kept == null) {
                        throw new IllegalStateException("voucher " + r.voucherId() + " is not in voucher_redemptions after"
                                + " the insert: its order number " + r.orderNumber() + " belongs to another voucher");
                    }
                    if (!kept.orderNumber().equals(r.orderNumber())) {
                        conflicts.put(r, kept);
                    }
                }
                return conflicts;
            });
        } catch (JdbiException | IllegalStateException e) {
            throw new UnableToStoreVoucherException("mariadb " + endpoint + ": " + redemptions.size()
                    + " voucher redemptions could not be archived (" + rootMessage(e) + "); they stay in the stream", e);
        }
    }

    /**
     * The archived redemption of {@code voucherId}, if any.
     *
     * @throws UnableToStoreVoucherException if MariaDB cannot be reached
     */
    public Optional<Redemption> redemption(String voucherId) {
        migrate();
        try {
            return jdbi.withHandle(handle -> Optional.ofNullable(find(handle, List.of(voucherId)).get(voucherId)));
        } catch (JdbiException e) {
            throw new UnableToStoreVoucherException("mariadb " + endpoint + ": cannot read the redemption of voucher "
                    + voucherId + " (" + rootMessage(e) + ")", e);
        }
    }

    /**
     * The voucher issued under {@code voucherId}, with its code, if any (issue 12.3: a credit voucher is looked up by its
     * refund number before one is issued, so a retry gets the same one).
     *
     * @throws UnableToStoreVoucherException if MariaDB cannot be reached
     */
    public java.util.Optional<IssuedVoucher> issued(String voucherId) {
        migrate();
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT voucher_id, code, benefit_kind, amount_minor, currency,"
                            + " product_code, customer_ref, store_id, key_id, expires_at, issued_at FROM vouchers"
                            + " WHERE voucher_id = ?")
                    .bind(0, voucherId)
                    .map((rs, ctx) -> {
                        VoucherBenefit benefit = "AMOUNT_OFF".equals(rs.getString(3))
                                ? new VoucherBenefit.AmountOff(pos.core.money.Money.ofMinor(rs.getLong(4), rs.getString(5)))
                                : new VoucherBenefit.Product(rs.getString(6));
                        Voucher voucher = new Voucher(rs.getString(1), benefit, rs.getString(7),
                                rs.getObject(10, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(8), rs.getString(9));
                        return new IssuedVoucher(voucher, rs.getString(2),
                                rs.getObject(11, LocalDateTime.class).toInstant(ZoneOffset.UTC));
                    })
                    .findOne());
        } catch (JdbiException e) {
            throw new UnableToStoreVoucherException("mariadb " + endpoint + ": cannot read voucher " + voucherId + " ("
                    + rootMessage(e) + ")", e);
        }
    }

    /**
     * Every issued voucher that has not expired by {@code now}, with its code.
     *
     * @throws UnableToStoreVoucherException if MariaDB cannot be reached
     */
    public List<IssuedVoucher> issuedNotExpired(Instant now) {
        migrate();
        try {
            return jdbi.withHandle(handle -> handle.createQuery("SELECT voucher_id, code, benefit_kind, amount_minor, currency,"
                            + " product_code, customer_ref, store_id, key_id, expires_at, issued_at FROM vouchers"
                            + " WHERE expires_at >= ? ORDER BY voucher_id")
                    .bind(0, utc(now))
                    .map((rs, ctx) -> {
                        VoucherBenefit benefit = "AMOUNT_OFF".equals(rs.getString(3))
                                ? new VoucherBenefit.AmountOff(pos.core.money.Money.ofMinor(rs.getLong(4), rs.getString(5)))
                                : new VoucherBenefit.Product(rs.getString(6));
                        Voucher voucher = new Voucher(rs.getString(1), benefit, rs.getString(7),
                                rs.getObject(10, LocalDateTime.class).toInstant(ZoneOffset.UTC), rs.getString(8), rs.getString(9));
                        return new IssuedVoucher(voucher, rs.getString(2),
                                rs.getObject(11, LocalDateTime.class).toInstant(ZoneOffset.UTC));
                    })
                    .list());
        } catch (JdbiException e) {
            throw new UnableToStoreVoucherException("mariadb " + endpoint + ": cannot read the issued vouchers (" + rootMessage(e)
                    + ")", e);
        }
    }

    /**
     * The archived redemptions of {@code voucherIds} (voucher id → redemption).
     *
     * @throws UnableToStoreVoucherException if MariaDB cannot be reached
     */
    public Map<String, Redemption> redemptions(List<String> voucherIds) {
        migrate();
        Map<String, Redemption> found = new HashMap<>();
        try {
            for (int from = 0; from < voucherIds.size(); from += 1_000) {
                List<String> chunk = voucherIds.subList(from, Math.min(voucherIds.size(), from + 1_000));
                found.putAll(jdbi.withHandle(handle -> find(handle, chunk)));
            }
            return found;
        } catch (JdbiException e) {
            throw new UnableToStoreVoucherException("mariadb " + endpoint + ": cannot read redemptions (" + rootMessage(e) + ")", e);
        }
    }

    /** How many redemptions are archived (tests, reports). */
    public long redemptionCount() {
        migrate();
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM voucher_redemptions").mapTo(Long.class).one());
        } catch (JdbiException e) {
            throw new UnableToStoreVoucherException("mariadb " + endpoint + ": cannot count redemptions (" + rootMessage(e) + ")", e);
        }
    }

    private static Map<String, Redemption> find(Handle handle, java.util.Collection<String> voucherIds) {
        Map<String, Redemption> found = new HashMap<>();
        handle.createQuery("SELECT order_no, voucher_id, store_id, till_id, transaction_id, redeemed_at FROM voucher_redemptions"
                        + " WHERE voucher_id IN (<ids>)")
                .bindList("ids", new ArrayList<>(voucherIds))
                .map((rs, ctx) -> new Redemption(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC)))
                .forEach(r -> found.put(r.voucherId(), r));
        return found;
    }

    private static LocalDateTime utc(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : message;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
