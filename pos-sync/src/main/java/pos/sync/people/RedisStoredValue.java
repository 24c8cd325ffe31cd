package pos.sync.people;

import pos.contract.people.PeopleRedisKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.people.DebitResult;
import pos.core.people.LedgerEntry;
import pos.core.people.MemberLedger;
import pos.core.people.StoredValue;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.RedisLink;
import pos.contract.auth.EntrySignature;
import pos.sync.auth.MissingTillCredentialException;
import pos.sync.auth.StreamSigner;

/**
 * The store's {@link StoredValue} in Redis: one atomic script per movement ({@link StoredValueScript}),
 * so a member cannot spend the same balance on two tills; the client-made transaction id is the
 * idempotency key (a retry, or a command Lettuce replays after a reconnect, moves nothing twice).
 * Redis down: {@link DebitResult.Outcome#UNAVAILABLE} with a plain sentence, never a guess. Redis
 * back without its data (the marker {@link PeopleRedisKeys#restored()} missing) is UNAVAILABLE too
 * until the hub has restored the balances from MariaDB (the hub's StoredValueRestorer): a lost balance
 * never reads as 0 and a lost ledger entry never lets a retry apply twice. A
 * movement is appended to {@code pos:people:changes}, and the hub archives it into MariaDB
 * ({@code member_ledger}, keyed by member and transaction id). With a {@link SqlitePeopleStore}
 * the till also keeps its own movements. Thread-safe.
 *
 * <pre>{@code
 * DebitResult paid = storedValue.debit(member.id(), sale.transactionId().value(), totalMinor, "till-1"); // off the FX thread
 * if (!paid.isSuccess()) show(paid.message());
 * }</pre>
 */
public final class RedisStoredValue implements StoredValue, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RedisStoredValue.class);

    private final RedisLink link;
    private final PeopleRedisKeys keys;
    private final Clock clock;
    private final SqlitePeopleStore local;
    private final StreamSigner signer;

    /**
     * Stored value on {@code keys}; {@code local} (may be null) keeps this till's movements; every ledger entry is
     * signed by {@code signer} (without a credential nothing moves). Does not own {@code redis}.
     */
    public RedisStoredValue(RedisConnections redis, PeopleRedisKeys keys, Clock clock, SqlitePeopleStore local,
            StreamSigner signer) {
        this.link = new RedisLink(Objects.requireNonNull(redis, "redis"), "stored value");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.local = local;
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    @Override
    public DebitResult debit(String memberId, String transactionId, long amountMinor, String tillId) {
        return move(LedgerEntry.Kind.DEBIT, memberId, transactionId, amountMinor, tillId);
    }

    @Override
    public DebitResult topUp(String memberId, String transactionId, long amountMinor, String tillId) {
        return move(LedgerEntry.Kind.TOP_UP, memberId, transactionId, amountMinor, tillId);
    }

    private DebitResult move(LedgerEntry.Kind kind, String memberId, String transactionId, long amountMinor, String tillId) {
        Objects.requireNonNull(memberId, "memberId");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(tillId, "tillId");
        if (amountMinor <= 0) {
            throw new IllegalArgumentException("a stored-value amount is positive: " + amountMinor);
        }
        Instant at = clock.instant();
        Map<String, String> signed;
        try {
            // The entry as the script writes it, but balanceAfter (only the script knows it; the hub leaves it unchecked).
            signed = signer.sign(Map.of("type", "ledger", "member", memberId, "tx", transactionId, "kind", kind.name(),
                    "amount", Long.toString(amountMinor), "till", tillId, "at", Long.toString(at.toEpochMilli())));
        } catch (MissingTillCredentialException e) {
            log.warn("Stored value of member {} not moved for {}: {}", memberId, transactionId, e.getMessage());
            return new DebitResult(DebitResult.Outcome.UNAVAILABLE, memberId, transactionId, amountMinor, -1,
                    "Stored value cannot move on this till yet: " + e.getMessage() + ". Nothing was "
                            + (kind == LedgerEntry.Kind.DEBIT ? "taken; take another tender" : "added"));
        }
        List<Object> reply;
        try {
            reply = StoredValueScript.run(link.get().sync(),
                    new String[] {keys.balance(memberId), keys.ledger(memberId), keys.changes(), keys.restored()},
                    memberId, transactionId, kind.name(), Long.toString(amountMinor), signed.get(EntrySignature.TILL_FIELD),
                    Long.toString(at.toEpochMilli()), signed.get(EntrySignature.FIELD));
            link.awaitReplication("the stored-value movement " + transactionId); // idempotent per transaction id
        } catch (RuntimeException e) {
            RuntimeException failure = link.failed(e);
            log.warn("Stored value of member {} not {} for {}: {}", memberId, kind == LedgerEntry.Kind.DEBIT ? "debited"
                    : "topped up", transactionId, failure.getMessage());
            return new DebitResult(DebitResult.Outcome.UNAVAILABLE, memberId, transactionId, amountMinor, -1,
                    "The store's stored-value ledger cannot be reached (" + failure.getMessage() + "): nothing was "
                            + (kind == LedgerEntry.Kind.DEBIT ? "taken; take another tender" : "added") + " and try again later");
        }
        if (reply == null || reply.size() != 2) {
            throw new IllegalStateException("the stored-value script answered " + reply);
        }
        DebitResult.Outcome outcome = DebitResult.Outcome.valueOf(String.valueOf(reply.get(0)));
        long balance = ((Number) reply.get(1)).longValue();
        if (outcome == DebitResult.Outcome.UNAVAILABLE) {
            log.warn("Stored value of member {} not {} for {}: the balances are not restored in Redis yet", memberId,
                    kind == LedgerEntry.Kind.DEBIT ? "debited" : "topped up", transactionId);
            return new DebitResult(DebitResult.Outcome.UNAVAILABLE, memberId, transactionId, amountMinor, -1,
                    notRestoredMessage() + ": nothing was " + (kind == LedgerEntry.Kind.DEBIT ? "taken; take another tender"
                            : "added") + " and try again in a minute");
        }
        String verb = kind == LedgerEntry.Kind.DEBIT ? "Paid from stored value" : "Stored value topped up";
        String message = switch (outcome) {
            case DONE -> verb + "; balance now " + balance;
            case ALREADY_DONE -> verb + " before by transaction " + transactionId + " (nothing moved again)";
            case INSUFFICIENT_BALANCE -> MemberLedger.insufficientMessage(amountMinor, balance);
            case CONFLICTING_RETRY -> "Transaction " + transactionId + " already moved another amount of this member's stored"
                    + " value; nothing was " + (kind == LedgerEntry.Kind.DEBIT ? "taken" : "added");
            case UNAVAILABLE -> throw new IllegalStateException("UNAVAILABLE was answered above");
        };
        if (outcome == DebitResult.Outcome.DONE) {
            log.info("Member {}: {} {} for {} at till {}, balance {}", memberId, kind, amountMinor, transactionId, tillId,
                    balance);
        }
        if (local != null && (outcome == DebitResult.Outcome.DONE || outcome == DebitResult.Outcome.ALREADY_DONE)) {
            local.recordLedger(new LedgerEntry(transactionId, memberId, kind, amountMinor, balance, tillId, at));
        }
        return new DebitResult(outcome, memberId, transactionId, amountMinor, balance, message);
    }

    /**
     * {@inheritDoc}
     *
     * @throws StoredValueNotRestoredException if Redis came back empty and the hub has not restored the balances yet
     */
    @Override
    public Optional<Long> balance(String memberId) {
        List<String> values;
        try {
            // One MGET: the balance and the marker from the same moment.
            values = link.get().sync().mget(keys.balance(memberId), keys.restored()).stream()
                    .map(v -> v.hasValue() ? v.getValue() : null).toList();
        } catch (RuntimeException e) {
            throw link.failed(e);
        }
        if (values.get(1) == null) {
            throw new StoredValueNotRestoredException(notRestoredMessage() + ", so member " + memberId
                    + "'s balance cannot be told yet");
        }
        return values.get(0) == null ? Optional.empty() : Optional.of(Long.parseLong(values.get(0)));
    }

    private static String notRestoredMessage() {
        return "The store's stored-value balances are being restored after Redis restarted (the store hub copies them"
                + " back from MariaDB)";
    }

    @Override
    public void close() {
        link.close();
    }
}
