package pos.sync.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;
import pos.hub.archive.EntryAttribution;
import pos.sync.auth.StreamSigner;

/**
 * The tills of a test store (issue 10): every till id has a credential derived from its id, so a
 * till in a test signs with {@link #signer(String)} and the hub of the same test knows it through
 * {@link #KEYS} without passing credentials around. Test-only: a real store's secrets are random.
 * Stateless; thread-safe.
 */
public final class TestTills {

    /** A hub's registry that knows every test till (never a revoked one). */
    public static final TillKeys KEYS = new TillKeys() {
        @Override
        public Optional<byte[]> streamSigningKey(String tillId) {
            return TillCredential.isTillId(tillId) ? Optional.of(credential(tillId).streamSigningKey()) : Optional.empty();
        }

        @Override
        public Optional<String> authenticate(TillCredential presented) {
            return presented != null && credential(presented.tillId()).matches(presented) ? Optional.of(presented.tillId())
                    : Optional.empty();
        }
    };

    private TestTills() {
    }

    /** The credential of test till {@code tillId}. */
    public static TillCredential credential(String tillId) {
        try {
            byte[] secret = MessageDigest.getInstance("SHA-256").digest(("test till " + tillId).getBytes(StandardCharsets.UTF_8));
            return TillCredential.parse(tillId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** What test till {@code tillId} signs its stream entries with. */
    public static StreamSigner signer(String tillId) {
        return StreamSigner.of(credential(tillId));
    }

    /** {@code fields} signed by test till {@code tillId}, for tests that write entries themselves. */
    public static Map<String, String> signed(String tillId, Map<String, String> fields) {
        return signer(tillId).sign(fields);
    }

    /** An archiver's check that takes every test till's entries. */
    public static EntryAttribution attribution() {
        return EntryAttribution.required(KEYS, EntryAttribution.Refusals.NONE);
    }
}
