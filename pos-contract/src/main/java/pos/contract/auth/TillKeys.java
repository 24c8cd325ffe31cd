package pos.contract.auth;

import java.util.Optional;

/**
 * Where the hub looks up a till's keys (its registry of issued, not revoked, till credentials).
 * Implementations are thread-safe.
 */
public interface TillKeys {

    /**
     * The stream signing key of till {@code tillId} ({@link TillCredential#streamSigningKey()}), or
     * empty when no such till holds a valid credential (never issued, or revoked).
     */
    Optional<byte[]> streamSigningKey(String tillId);

    /** The till whose credential {@code presented} is, when it is issued and not revoked (constant-time comparison). */
    Optional<String> authenticate(TillCredential presented);

    /** Keys of exactly these credentials (tests, a hub with a fixed set of tills). */
    static TillKeys of(TillCredential... credentials) {
        java.util.Map<String, TillCredential> byId = new java.util.HashMap<>();
        for (TillCredential credential : credentials) {
            byId.put(credential.tillId(), credential);
        }
        java.util.Map<String, TillCredential> fixed = java.util.Map.copyOf(byId);
        return new TillKeys() {
            @Override
            public Optional<byte[]> streamSigningKey(String tillId) {
                return Optional.ofNullable(tillId == null ? null : fixed.get(tillId)).map(TillCredential::streamSigningKey);
            }

            @Override
            public Optional<String> authenticate(TillCredential presented) {
                TillCredential known = presented == null ? null : fixed.get(presented.tillId());
                return known != null && known.matches(presented) ? Optional.of(known.tillId()) : Optional.empty();
            }
        };
    }

    /** The tills of {@code first} and of {@code second}: a till known to either is known (first asked first). */
    static TillKeys union(TillKeys first, TillKeys second) {
        java.util.Objects.requireNonNull(first, "first");
        java.util.Objects.requireNonNull(second, "second");
        return new TillKeys() {
            @Override
            public Optional<byte[]> streamSigningKey(String tillId) {
                Optional<byte[]> key = first.streamSigningKey(tillId);
                return key.isPresent() ? key : second.streamSigningKey(tillId);
            }

            @Override
            public Optional<String> authenticate(TillCredential presented) {
                Optional<String> till = first.authenticate(presented);
                return till.isPresent() ? till : second.authenticate(presented);
            }
        };
    }
}
