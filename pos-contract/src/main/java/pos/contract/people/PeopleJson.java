package pos.contract.people;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.Currency;
import pos.core.people.Clerk;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.PinHash;
import pos.core.people.Role;

/**
 * The JSON of people records in the outbox, the stream and the hub's hashes. A print carries only
 * its ciphertext (base64). Reading refuses a change time ({@code updatedAt}) before
 * {@link #EARLIEST_CHANGE} or more than {@link #MAX_FUTURE} ahead of this machine's clock (issue 10: a
 * record dated in year 9999 would win every last-writer-wins comparison for good), and a PIN hash
 * whose iteration count is out of bounds ({@link PinHash#parse}). Thread-safe.
 */
public final class PeopleJson {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** No people record of this system was changed before 2020. */
    public static final java.time.Instant EARLIEST_CHANGE = java.time.Instant.parse("2020-01-01T00:00:00Z");
    /** How far ahead of this machine's clock a change time may be (clocks of a store's PCs differ a little). */
    public static final java.time.Duration MAX_FUTURE = java.time.Duration.ofMinutes(5);

    private PeopleJson() {
    }

    /** A clerk and the epoch millis of its change. */
    public record Versioned<T>(T value, long updatedAt) {
    }

    public static String clerk(Clerk clerk, long updatedAt) {
        ObjectNode node = JSON.createObjectNode().put("id", clerk.id()).put("name", clerk.name()).put("role", clerk.role().name())
                .put("pinHash", clerk.pin().encoded()).put("active", clerk.active()).put("updatedAt", updatedAt);
        return node.toString();
    }

    public static Versioned<Clerk> clerk(String json) {
        JsonNode n = read(json, "clerk");
        return new Versioned<>(new Clerk(text(n, "id"), text(n, "name"), Role.valueOf(text(n, "role")),
                PinHash.parse(text(n, "pinHash")), n.path("active").asBoolean(true)), changeTime(n, "clerk"));
    }

    public static String member(Member member, long updatedAt) {
        return JSON.createObjectNode().put("id", member.id()).put("name", member.name())
                .put("currency", member.currency().getCurrencyCode()).put("active", member.active()).put("updatedAt", updatedAt)
                .toString();
    }

    public static Versioned<Member> member(String json) {
        JsonNode n = read(json, "member");
        return new Versioned<>(new Member(text(n, "id"), text(n, "name"), Currency.getInstance(text(n, "currency")),
                n.path("active").asBoolean(true)), changeTime(n, "member"));
    }

    public static String print(SealedPrint p) {
        Base64.Encoder b64 = Base64.getEncoder();
        return JSON.createObjectNode().put("id", p.printId()).put("personKind", p.personKind().name()).put("personId", p.personId())
                .put("finger", p.finger()).put("driver", p.driver()).put("keyId", p.keyId())
                .put("nonce", b64.encodeToString(p.nonce())).put("ciphertext", b64.encodeToString(p.ciphertext()))
                .put("deleted", p.deleted()).put("updatedAt", p.updatedAt()).toString();
    }

    public static SealedPrint print(String json) {
        JsonNode n = read(json, "print");
        Base64.Decoder b64 = Base64.getDecoder();
        return new SealedPrint(text(n, "id"), PersonKind.valueOf(text(n, "personKind")), text(n, "personId"), text(n, "finger"),
                text(n, "driver"), text(n, "keyId"), b64.decode(text(n, "nonce")), b64.decode(text(n, "ciphertext")),
                n.path("deleted").asBoolean(false), changeTime(n, "print"));
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

    private static long changeTime(JsonNode node, String what) {
        JsonNode value = node.get("updatedAt");
        if (value == null || !value.canConvertToLong()) {
            throw new IllegalArgumentException("a " + what + " record lacks its change time 'updatedAt'");
        }
        return requireSaneTime("a " + what + " record's change time (updatedAt)", value.asLong(), java.time.Instant.now());
    }

    private static JsonNode read(String json, String what) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            // Jackson's message may quote the input; a print's JSON holds only ciphertext, but say less anyway.
            throw new IllegalArgumentException("a " + what + " record is not JSON (" + e.getOriginalMessage() + ")", e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("a people record lacks the text field '" + field + "'");
        }
        return value.asText();
    }
}
