package pos.hub.archive;

import io.lettuce.core.StreamMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.contract.journal.MalformedTillRecordException;
import pos.contract.journal.TillRecordJson;
import pos.core.journal.TillRecord;
import pos.core.sale.SaleRecord;
import pos.contract.sale.MalformedSaleRecordException;
import pos.contract.sale.SaleRecordJson;
import pos.contract.sale.SaleStream;
import pos.contract.redis.RedisConnections;

/**
 * Moves sales from the Redis archive stream into MariaDB (R9, R10). Thread-safe: one reader
 * thread and a pool of {@code workers} writer threads.
 *
 * <p>The consumer-group loop is {@link StreamArchiver}'s: each read of at most N entries is one
 * MariaDB transaction, idempotent (only sales not archived yet are inserted, see {@link MariaDbSaleArchive}),
 * acknowledged ({@code XACK}) only after the commit
 * (R10); a failed write acknowledges nothing and is retried, own pending entries first, after a
 * pause doubling up to {@link #MAX_BACKOFF}; a dead archiver's entries are taken over with {@code
 * XAUTOCLAIM}. An entry that cannot be archived (not a sale record, a field too long for its
 * column, or a value MariaDB refuses: then the batch is written again one sale at a time to find
 * it) is logged with its id, copied to the dead-letter stream ({@link ArchiverSettings#deadLetterKey()},
 * its id in the field {@code id}) with the reason, and acknowledged. Other groups may read the
 * archive stream, so entries are not deleted one by one: those acknowledged by every group are
 * trimmed every {@code trimInterval}; nothing unacknowledged is ever trimmed.
 */
public final class Archiver implements AutoCloseable {

    /** The longest pause between retries while MariaDB or Redis is down. */
    public static final Duration MAX_BACKOFF = StreamArchiver.MAX_BACKOFF;

    private final StreamArchiver<TillRecord> loop;

    /**
     * An archiver reading the stream on the Redis behind {@code redis} into {@code archive}, archiving
     * only sales that {@code attribution} attributes to a till (and whose record names that till). It
     * does not own either; {@link #start()} begins the work.
     */
    public Archiver(ArchiverSettings settings, RedisConnections redis, MariaDbSaleArchive archive,
            ArchiverListener listener, EntryAttribution attribution) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        StreamArchiverSettings streamSettings = StreamArchiverSettings
                .of(settings.streamKey(), settings.consumerGroup(), settings.consumerName(), settings.batchSize(),
                        settings.period())
                .withClaimMinIdle(settings.claimMinIdle())
                .withWriters(settings.workers())
                .trimmedEvery(settings.trimInterval())
                .deadLetteredTo(settings.deadLetterKey(), "id");
        this.loop = new StreamArchiver<>("Archiver", Archiver.class, "pos-archiver", streamSettings, redis,
                new SaleSink(Objects.requireNonNull(archive, "archive")), new StreamArchiver.Listener() {
                    @Override
                    public void committed(int written, int entries) {
                        listener.batchArchived(written, entries);
                    }

                    @Override
                    public void deadLettered(String entryId, String reason) {
                        listener.deadLettered(entryId, reason);
                    }

                    @Override
                    public void failed(String detail) {
                        listener.failed(detail);
                    }
                }, attribution);
    }

    /** Starts the reader thread. Once only. */
    public void start() {
        loop.start();
    }

    /**
     * Stops reading, lets batches being written finish (up to ~10 s) and closes the connections.
     * Entries read but not acknowledged stay pending for this consumer name, or for another
     * archiver to claim. Idempotent.
     */
    @Override
    public void close() {
        loop.close();
    }

    /** Sales and the other till records into {@link MariaDbSaleArchive}, which writes a record in several rows once. */
    private record SaleSink(MariaDbSaleArchive archive) implements ArchiveSink<TillRecord> {

        @Override
        public void prepare() {
            archive.migrate();
        }

        @Override
        public TillRecord parse(StreamMessage<String, String> entry) {
            return Archiver.parseRecord(entry);
        }

        @Override
        public int write(List<TillRecord> records) {
            return archive.storeAll(records);
        }

        /** A record names its till: only that till may have signed its entry. */
        @Override
        public Optional<String> tillNamedIn(TillRecord record) {
            return Optional.of(record.tillId());
        }

        @Override
        public boolean refusedData(RuntimeException failure) {
            return failure instanceof UnableToArchiveException && MariaDbSaleArchive.isRefusedData(failure);
        }

        @Override
        public String lostStreamConsequence() {
            return "sales handed on but not yet archived must be re-sent from the tills' journals";
        }
    }

    /**
     * An entry of any record kind ({@link TillRecordJson#KINDS}): sales through {@link #parse}, other
     * kinds checked against the columns of {@code till_records} (V11).
     */
    static TillRecord parseRecord(StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        if (body == null || body.isEmpty()) {
            throw new MalformedArchiveEntryException("the entry has no fields");
        }
        String kind = body.get("kind");
        if (SaleStream.SALE_FINISHED.equals(kind)) {
            return parse(message);
        }
        if (kind == null || !TillRecordJson.known(kind)) {
            throw new MalformedArchiveEntryException("unknown kind '" + kind + "'");
        }
        TillRecord record;
        try {
            record = TillRecordJson.read(kind, body.get("payload"));
        } catch (MalformedTillRecordException e) {
            throw new MalformedArchiveEntryException(e.getMessage());
        }
        if (!record.recordId().equals(body.get("tx"))) {
            throw new MalformedArchiveEntryException("field tx '" + body.get("tx") + "' is not the payload's record id '"
                    + record.recordId() + "'");
        }
        requireLength(kind + " id", record.recordId(), 32, true);
        requireLength("till id", record.tillId(), 64, false);
        if (record.at() == null) {
            throw new MalformedArchiveEntryException(kind + " " + record.recordId() + " has no time");
        }
        return record;
    }

    /** Column limits of V1__sales.sql: a longer value would fail its whole batch forever. */
    static SaleRecord parse(StreamMessage<String, String> message) {
        Map<String, String> body = message.getBody();
        if (body == null || body.isEmpty()) {
            throw new MalformedArchiveEntryException("the entry has no fields");
        }
        String kind = body.get("kind");
        if (!SaleStream.SALE_FINISHED.equals(kind)) {
            throw new MalformedArchiveEntryException("unknown kind '" + kind + "'");
        }
        SaleRecord sale;
        try {
            sale = SaleRecordJson.read(body.get("payload"));
        } catch (MalformedSaleRecordException e) {
            throw new MalformedArchiveEntryException(e.getMessage());
        }
        if (!sale.transactionId().equals(body.get("tx"))) {
            throw new MalformedArchiveEntryException("field tx '" + body.get("tx") + "' is not the payload's transaction id '"
                    + sale.transactionId() + "'");
        }
        requireLength("transaction id", sale.transactionId(), 32, true);
        requireLength("till id", sale.tillId(), 64, false);
        requireLength("currency", sale.currency(), 3, true);
        for (SaleRecord.Line line : sale.lines()) {
            requireLength("line " + line.lineNo() + " product code", line.productCode(), 64, false);
            requireLength("line " + line.lineNo() + " name", line.name(), 255, false);
            requireLength("line " + line.lineNo() + " tax class", line.taxClass(), 16, false);
        }
        requireOptionalLength("clerk id", sale.clerkId(), 40, false);
        requireOptionalLength("clerk name", sale.clerkName(), 255, false);
        requireOptionalLength("shift id", sale.shiftId(), 32, true);
        requireOptionalLength("sale discount reason", sale.saleDiscountReason(), 255, false);
        for (SaleRecord.Line line : sale.lines()) {
            requireOptionalLength("line " + line.lineNo() + " discount reason", line.discountReason(), 255, false);
        }
        for (pos.core.audit.AuditEntry entry : sale.audit()) {
            requireOptionalLength("audit clerk id", entry.clerkId(), 40, false);
            requireOptionalLength("audit approver id", entry.approverId(), 40, false);
            requireOptionalLength("audit subject", entry.subject(), 64, false);
            requireOptionalLength("audit reason", entry.reason(), 255, false);
        }
        for (SaleRecord.Payment payment : sale.tenders()) {
            if (payment.type() == null) {
                throw new MalformedArchiveEntryException("a tender has no type");
            }
            if (payment.reference() != null) {
                requireLength("tender reference", payment.reference(), 32, true);
            }
        }
        return sale;
    }

    private static void requireOptionalLength(String what, String value, int max, boolean ascii) {
        if (value != null) {
            requireLength(what, value, max, ascii);
        }
    }

    private static void requireLength(String what, String value, int max, boolean ascii) {
        if (value == null) {
            throw new MalformedArchiveEntryException(what + " is missing");
        }
        if (value.codePointCount(0, value.length()) > max) {
            throw new MalformedArchiveEntryException(what + " is longer than " + max + " characters");
        }
        if (ascii && !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new MalformedArchiveEntryException(what + " '" + value + "' is not printable ASCII");
        }
    }
}
