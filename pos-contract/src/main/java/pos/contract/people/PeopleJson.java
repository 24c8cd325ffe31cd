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
 * its ciphertext (base64). Thread-safe.
 */
public final class PeopleJson {

    private static final ObjectMapper JSON = new ObjectMapper();

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
                PinHash.parse(text(n, "pinHash")), n.path("active").asBoolean(true)), n.path("updatedAt").asLong());
    }

    public static String member(Member member, long updatedAt) {
        return JSON.createObjectNode().put("id", member.id()).put("name", member.name())
                .put("currency", member.currency().getCurrencyCode()).put("active", member.active()).put("updatedAt", updatedAt)
                .toString();
    }

    public static Versioned<Member> member(String json) {
        JsonNode n = read(json, "member");
        return new Versioned<>(new Member(text(n, "id"), text(n, "name"), Currency.getInstance(text(n, "currency")),
                n.path("active").asBoolean(true)), n.path("updatedAt").asLong());
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
                n.path("deleted").asBoolean(false), n.path("updatedAt").asLong());
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
