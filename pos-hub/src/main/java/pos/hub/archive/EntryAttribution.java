package pos.hub.archive;

import io.lettuce.core.StreamMessage;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import pos.contract.auth.EntrySignature;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;

/**
 * Whose a stream entry is (issue 10's trust boundary, docs/trust-boundary.md): an entry is a till's
 * only when it names the till in {@value EntrySignature#TILL_FIELD} and carries that till's
 * {@link EntrySignature} in {@value EntrySignature#FIELD}, made with the stream key of a credential
 * the hub issued and has not revoked ({@link TillKeys}). Anything else is refused with a reason;
 * the {@link StreamArchiver} dead-letters it, counts it and reports it, and never archives it.
 * Thread-safe.
 *
 * <p>A few fields are written into an entry after the till signed it, by a Lua script the till
 * runs (a ledger movement's {@code balanceAfter}); they are named in {@link #unsignedFields()} and
 * left out of the check, and the sink must treat them as untrusted.
 */
public final class EntryAttribution {

    /**
     * Told of every refused entry, on an archiver's thread; must return quickly and never throw.
     */
    @FunctionalInterface
    public interface Refusals {

        /** Refusals only counted (and logged by the archiver). */
        Refusals NONE = (stream, entryId, claimedTill, reason) -> {
        };

        /**
         * @param stream      the stream the entry came from
         * @param entryId     its id there
         * @param claimedTill the till it names, or {@code "(none)"}
         * @param reason      one sentence: why it is not that till's (starts with {@code "SEC: "})
         */
        void refused(String stream, String entryId, String claimedTill, String reason);
    }

    /** The most characters of a claimed till id repeated in a reason (the field is the attacker's). */
    private static final int MAX_SHOWN = 40;

    private final TillKeys keys; // null: not checked
    private final String notCheckedBecause;
    private final Set<String> unsignedFields;
    private final Refusals refusals;
    private final AtomicLong refused = new AtomicLong();

    private EntryAttribution(TillKeys keys, String notCheckedBecause, Set<String> unsignedFields, Refusals refusals) {
        this.keys = keys;
        this.notCheckedBecause = notCheckedBecause;
        this.unsignedFields = Set.copyOf(unsignedFields);
        this.refusals = refusals;
    }

    /** Entries must be signed by a till {@code keys} knows; refusals are told to {@code refusals}. */
    public static EntryAttribution required(TillKeys keys, Refusals refusals) {
        return new EntryAttribution(Objects.requireNonNull(keys, "keys"), null, Set.of(),
                Objects.requireNonNull(refusals, "refusals"));
    }

    /**
     * Entries are not checked, for a stream no till signs, with the reason written down (the
     * voucher redemptions: written by the redemption script; the hub's reconciliation compares them
     * with MariaDB instead).
     */
    public static EntryAttribution notChecked(String because) {
        Objects.requireNonNull(because, "because");
        return new EntryAttribution(null, because, Set.of(), Refusals.NONE);
    }

    /** The same check, leaving {@code fields} (written after the till signed) out of the signature. */
    public EntryAttribution withUnsignedFields(Set<String> fields) {
        return new EntryAttribution(keys, notCheckedBecause, fields, refusals);
    }

    /** Whether entries are checked at all. */
    public boolean checks() {
        return keys != null;
    }

    /** Why entries are not checked, or empty when they are. */
    public Optional<String> notCheckedBecause() {
        return Optional.ofNullable(notCheckedBecause);
    }

    /** Fields left out of the signature check. */
    public Set<String> unsignedFields() {
        return unsignedFields;
    }

    /** Entries refused so far. */
    public long refusedTotal() {
        return refused.get();
    }

    /**
     * Why {@code entry} of {@code stream} is not a known till's, or empty when it is (or entries
     * are not checked). Nothing is counted or reported here; see {@link #report}.
     */
    public Optional<String> refusal(String stream, StreamMessage<String, String> entry) {
        if (keys == null) {
            return Optional.empty();
        }
        Map<String, String> body = entry.getBody() == null ? Map.of() : entry.getBody();
        String till = body.get(EntrySignature.TILL_FIELD);
        // The messages are built only for a refused entry: this runs for every entry the archivers read.
        if (till == null || till.isEmpty()) {
            return Optional.of("SEC: " + where(stream, entry) + " names no till (no '" + EntrySignature.TILL_FIELD
                    + "' field): no till wrote it");
        }
        if (!TillCredential.isTillId(till)) {
            return Optional.of("SEC: " + where(stream, entry) + " claims till '" + shown(till) + "', which is not a till id");
        }
        if (body.get(EntrySignature.FIELD) == null) {
            return Optional.of("SEC: " + where(stream, entry) + " claims till " + till + " but carries no signature");
        }
        Optional<byte[]> key = keys.streamSigningKey(till);
        if (key.isEmpty()) {
            return Optional.of("SEC: " + where(stream, entry) + " claims till " + till + ", which holds no valid credential here"
                    + " (never added, or revoked)");
        }
        Map<String, String> signed = body;
        if (!unsignedFields.isEmpty()) {
            signed = new HashMap<>(body);
            signed.keySet().removeAll(unsignedFields);
        }
        if (!EntrySignature.verify(key.get(), signed)) {
            return Optional.of("SEC: " + where(stream, entry) + " claims till " + till + " but is not signed by it");
        }
        return Optional.empty();
    }

    private static String where(String stream, StreamMessage<String, String> entry) {
        return stream + " entry " + entry.getId();
    }

    /**
     * Why {@code entry}'s till differs from the till named inside its payload, or empty when they agree
     * (or entries are not checked, or the payload names none).
     */
    public Optional<String> payloadMismatch(String stream, StreamMessage<String, String> entry, Optional<String> payloadTill) {
        if (keys == null || payloadTill.isEmpty()) {
            return Optional.empty();
        }
        String till = entry.getBody().get(EntrySignature.TILL_FIELD);
        if (payloadTill.get().equals(till)) {
            return Optional.empty();
        }
        return Optional.of("SEC: " + stream + " entry " + entry.getId() + " is signed by till " + till
                + " but its record names till '" + shown(payloadTill.get()) + "'");
    }

    /** Counts a refusal and tells the listener (after the entry was kept and acknowledged). */
    void report(String stream, StreamMessage<String, String> entry, String reason) {
        refused.incrementAndGet();
        refusals.refused(stream, entry.getId(), claimedTill(entry), reason);
    }

    /** The till {@code entry} names, as shown in messages, or {@code "(none)"}. */
    static String claimedTill(StreamMessage<String, String> entry) {
        String till = entry.getBody() == null ? null : entry.getBody().get(EntrySignature.TILL_FIELD);
        return till == null || till.isEmpty() ? "(none)" : shown(till);
    }

    private static String shown(String value) {
        String printable = value.codePoints().map(c -> c < 32 || c == 127 ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return printable.length() > MAX_SHOWN ? printable.substring(0, MAX_SHOWN) + "…" : printable;
    }
}
