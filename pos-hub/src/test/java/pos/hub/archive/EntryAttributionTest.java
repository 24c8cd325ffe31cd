package pos.hub.archive;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.StreamMessage;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.contract.auth.EntrySignature;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;

/** The hub's check of whose a stream entry is (issue 10), without Redis: the reasons a person reads. */
@DisplayName("SEC-450 an entry is a till's only with that till's signature over all its fields")
class EntryAttributionTest {

    private static final String STREAM = "pos:people:changes";
    private final TillCredential front = TillCredential.issue("front-1", new SecureRandom());
    private final TillCredential back = TillCredential.issue("back-2", new SecureRandom());
    private final EntryAttribution attribution = EntryAttribution.required(TillKeys.of(front, back),
            EntryAttribution.Refusals.NONE);

    private static StreamMessage<String, String> entry(Map<String, String> body) {
        return new StreamMessage<>(STREAM, "1700-0", body);
    }

    private static Map<String, String> change() {
        return Map.of("type", "clerk", "id", "c1", "body", "{}");
    }

    @Test
    @DisplayName("SEC-450 a known till's signed entry is attributed")
    void aSignedEntryIsAttributed() {
        assertThat(attribution.refusal(STREAM, entry(EntrySignature.sign(front, change())))).isEmpty();
    }

    @Test
    @DisplayName("SEC-451 no till, no signature, an unknown till, another key and a changed field each give their reason")
    void everyForgeryHasItsReason() {
        assertThat(attribution.refusal(STREAM, entry(change()))).contains(
                "SEC: pos:people:changes entry 1700-0 names no till (no 'till' field): no till wrote it");
        Map<String, String> unsigned = new HashMap<>(change());
        unsigned.put("till", "front-1");
        assertThat(attribution.refusal(STREAM, entry(unsigned))).contains(
                "SEC: pos:people:changes entry 1700-0 claims till front-1 but carries no signature");
        assertThat(attribution.refusal(STREAM, entry(EntrySignature.sign(TillCredential.issue("ghost-9", new SecureRandom()),
                change())))).contains("SEC: pos:people:changes entry 1700-0 claims till ghost-9, which holds no valid"
                        + " credential here (never added, or revoked)");
        Map<String, String> otherKey = new HashMap<>(EntrySignature.sign(back, change()));
        otherKey.put("till", "front-1");
        assertThat(attribution.refusal(STREAM, entry(otherKey))).contains(
                "SEC: pos:people:changes entry 1700-0 claims till front-1 but is not signed by it");
        Map<String, String> tampered = new HashMap<>(EntrySignature.sign(front, change()));
        tampered.put("type", "member");
        assertThat(attribution.refusal(STREAM, entry(tampered))).contains(
                "SEC: pos:people:changes entry 1700-0 claims till front-1 but is not signed by it");
        Map<String, String> hostileId = new HashMap<>(change());
        hostileId.put("till", "front-1\nALERT cleared");
        hostileId.put("sig", "x");
        assertThat(attribution.refusal(STREAM, entry(hostileId))).contains(
                "SEC: pos:people:changes entry 1700-0 claims till 'front-1?ALERT cleared', which is not a till id");
    }

    @Test
    @DisplayName("SEC-452 a field the Lua script adds after signing is left out of the check only where it is declared")
    void unsignedFieldsAreDeclaredPerStream() {
        Map<String, String> ledger = new HashMap<>(EntrySignature.sign(front, Map.of("type", "ledger", "amount", "5")));
        ledger.put("balanceAfter", "95");
        assertThat(attribution.withUnsignedFields(Set.of("balanceAfter")).refusal(STREAM, entry(ledger))).isEmpty();
        assertThat(attribution.refusal(STREAM, entry(ledger))).isPresent();
    }

    @Test
    @DisplayName("SEC-453 a record naming another till than the one that signed it is refused; a stream not checked says why")
    void payloadTillAndUncheckedStreams() {
        StreamMessage<String, String> signed = entry(EntrySignature.sign(back, change()));
        assertThat(attribution.payloadMismatch(STREAM, signed, Optional.of("back-2"))).isEmpty();
        assertThat(attribution.payloadMismatch(STREAM, signed, Optional.of("front-1"))).contains(
                "SEC: pos:people:changes entry 1700-0 is signed by till back-2 but its record names till 'front-1'");
        EntryAttribution vouchers = EntryAttribution.notChecked("written by the redemption script");
        assertThat(vouchers.checks()).isFalse();
        assertThat(vouchers.refusal(STREAM, entry(change()))).isEmpty();
        assertThat(vouchers.notCheckedBecause()).contains("written by the redemption script");
    }
}
