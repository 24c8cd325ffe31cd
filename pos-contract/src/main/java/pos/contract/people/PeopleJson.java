package pos.contract.people;

import java.util.Base64;
import java.util.Currency;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;
import pos.core.people.Clerk;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.PinHash;
import pos.core.people.Role;

/**
 * The JSON of people records in the outbox, the stream and the hub's hashes: {@link ClerkRecord},
 * {@link MemberRecord} and {@link PrintRecord}, fields in that order (their bytes are stored and
 * signed, so the order is part of the contract). A print carries only its ciphertext (base64).
 * Reading refuses a missing field, a value of the wrong type, a change time ({@code updatedAt})
 * before {@link #EARLIEST_CHANGE} or more than {@link #MAX_FUTURE} ahead of this machine's clock
 * (issue 10: a record dated in year 9999 would win every last-writer-wins comparison for good), and
 * a PIN hash whose iteration count is out of bounds ({@link PinHash#parse}); it ignores fields a
 * newer program added. Thread-safe.
 */
public final class PeopleJson {

    /** No people record of this system was changed before 2020. */
    public static final java.time.Instant EARLIEST_CHANGE = java.time.Instant.parse("2020-01-01T00:00:00Z");
    /** How far ahead of this machine's clock a change time may be (clocks of a store's PCs differ a little). */
    public static final java.time.Duration MAX_FUTURE = java.time.Duration.ofMinutes(5);

    private PeopleJson() {
    }

    /** A clerk and the epoch millis of its change. */
    public record Versioned<T>(T value, long updatedAt) {
    }

    /** A clerk as JSON; {@code active} is true when absent. Immutable. */
    record ClerkRecord(String id, String name, Role role, String pinHash, Boolean active, Long updatedAt) {
        ClerkRecord {
            Json.required(id, "id");
            Json.required(name, "name");
            Json.required(role, "role");
            Json.required(pinHash, "pinHash");
        }
    }

    /** A member as JSON; {@code active} is true when absent. Immutable. */
    record MemberRecord(String id, String name, String currency, Boolean active, Long updatedAt) {
        MemberRecord {
            Json.required(id, "id");
            Json.required(name, "name");
            Json.required(currency, "currency");
        }
    }

    /** A sealed print as JSON: nonce and ciphertext in base64; {@code deleted} is false when absent. Immutable. */
    record PrintRecord(String id, PersonKind personKind, String personId, String finger, String driver, String keyId,
            String nonce, String ciphertext, Boolean deleted, Long updatedAt) {
        PrintRecord {
            Json.required(id, "id");
            Json.required(personKind, "personKind");
            Json.required(personId, "personId");
            Json.required(finger, "finger");
            Json.required(driver, "driver");
            Json.required(keyId, "keyId");
            Json.required(nonce, "nonce");
            Json.required(ciphertext, "ciphertext");
        }
    }

    public static String clerk(Clerk clerk, long updatedAt) {
        return Json.write(new ClerkRecord(clerk.id(), clerk.name(), clerk.role(), clerk.pin().encoded(), clerk.active(),
                updatedAt));
    }

    public static Versioned<Clerk> clerk(String json) {
        ClerkRecord r = read(json, ClerkRecord.class, "clerk");
        return new Versioned<>(new Clerk(r.id(), r.name(), r.role(), PinHash.parse(r.pinHash()), r.active() == null || r.active()),
                changeTime(r.updatedAt(), "clerk"));
    }

    public static String member(Member member, long updatedAt) {
        return Json.write(new MemberRecord(member.id(), member.name(), member.currency().getCurrencyCode(), member.active(),
                updatedAt));
    }

    public static Versioned<Member> member(String json) {
        MemberRecord r = read(json, MemberRecord.class, "member");
        return new Versioned<>(new Member(r.id(), r.name(), Currency.getInstance(r.currency()), r.active() == null || r.active()),
                changeTime(r.updatedAt(), "member"));
    }

    public static String print(SealedPrint p) {
        Base64.Encoder b64 = Base64.getEncoder();
        return Json.write(new PrintRecord(p.printId(), p.personKind(), p.personId(), p.finger(), p.driver(), p.keyId(),
                b64.encodeToString(p.nonce()), b64.encodeToString(p.ciphertext()), p.deleted(), p.updatedAt()));
    }

    public static SealedPrint print(String json) {
        PrintRecord r = read(json, PrintRecord.class, "print");
        Base64.Decoder b64 = Base64.getDecoder();
        return new SealedPrint(r.id(), r.personKind(), r.personId(), r.finger(), r.driver(), r.keyId(), b64.decode(r.nonce()),
                b64.decode(r.ciphertext()), r.deleted() != null && r.deleted(), changeTime(r.updatedAt(), "print"));
    }

    /**
     * Checks a clock-like field (epoch millis) against {@link #EARLIEST_CHANGE} and {@link #MAX_FUTURE} from now.
     *
     * @throws IllegalArgumentException with a sentence naming {@code what} and the time
     */
    public static long requireSaneTime(String what, long epochMillis, java.time.Instant now) {
        if (epochMillis < EARLIEST_CHANGE.toEpochMilli()) {
            throw new IllegalArgumentException(what + " is dated " + epochMillis + " ms, before " + EARLIEST_CHANGE
                    + ": refused");
        }
        if (epochMillis > now.plus(MAX_FUTURE).toEpochMilli()) {
            throw new IllegalArgumentException(what + " is dated " + java.time.Instant.ofEpochMilli(epochMillis)
                    + ", more than " + MAX_FUTURE.toMinutes() + " minutes after now (" + now + "): refused");
        }
        return epochMillis;
    }

    private static long changeTime(Long updatedAt, String what) {
        if (updatedAt == null) {
            throw new IllegalArgumentException("a " + what + " record lacks its change time 'updatedAt'");
        }
        return requireSaneTime("a " + what + " record's change time (updatedAt)", updatedAt, java.time.Instant.now());
    }

    /** Reads a record; the sentence names the field, never quotes the input (a print's holds only ciphertext, but say less anyway). */
    private static <T> T read(String json, Class<T> type, String what) {
        try {
            return Json.read(Json.TOLERANT, json, type);
        } catch (MalformedJsonException e) {
            throw new IllegalArgumentException("a " + what + " record cannot be read: " + e.getMessage(), e);
        }
    }
}
