package pos.sync.auth;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.contract.auth.SecretFiles;
import pos.contract.auth.TillCredential;
import pos.contract.auth.EntrySignature;

/**
 * Signs every entry this till writes into a store stream (sales, UI events, people changes, ledger
 * entries) with its credential from the hub ({@link EntrySignature}), so the hub archives them as this
 * till's and refuses everyone else's (docs/trust-boundary.md). A till without a credential signs
 * nothing: {@link #sign} throws {@link MissingTillCredentialException} with the sentence the clerk's
 * status bar shows, and the outboxes hold (the journal keeps every sale and event until the
 * credential is configured) instead of writing entries the hub would refuse. Immutable; thread-safe.
 */
public final class StreamSigner {

    /** The till setting that names the credential file (0600). */
    public static final String SETTING = "pos.hub.credentialFile";
    /** The environment variable that may hold the credential itself instead. */
    public static final String ENVIRONMENT = "POS_HUB_CREDENTIAL";

    private final TillCredential credential; // null: none configured
    private final String missingSentence;

    private StreamSigner(TillCredential credential, String missingSentence) {
        this.credential = credential;
        this.missingSentence = missingSentence;
    }

    /** Signs with {@code credential}. */
    public static StreamSigner of(TillCredential credential) {
        return new StreamSigner(Objects.requireNonNull(credential, "credential"), null);
    }

    /** Signs nothing: every {@link #sign} says that till {@code tillId} needs its credential. */
    public static StreamSigner missing(String tillId) {
        return new StreamSigner(null, missingSentence(tillId));
    }

    /**
     * The credential from {@code file} (a file only its owner may read) if given, else from the
     * environment variable {@value #ENVIRONMENT}, else none ({@link #missing}).
     *
     * @throws pos.contract.auth.UnableToReadSecretException if the file is unsafe, unreadable or holds no credential
     * @throws IllegalArgumentException if the credential belongs to another till than {@code tillId}
     */
    public static StreamSigner configured(Optional<Path> file, Map<String, String> environment, String tillId) {
        Optional<String> text = SecretFiles.fromFileOrEnvironment(file.orElse(null), ENVIRONMENT, environment,
                "this till's credential (" + SETTING + ")");
        if (text.isEmpty()) {
            return missing(tillId);
        }
        TillCredential credential = TillCredential.parse(text.get());
        if (!credential.tillId().equals(tillId)) {
            throw new IllegalArgumentException("the credential in " + file.map(Path::toString).orElse(ENVIRONMENT)
                    + " is till " + credential.tillId() + "'s, but this till is " + tillId + " (pos.tillId):"
                    + " use ./pos hub tills add " + tillId);
        }
        return of(credential);
    }

    /** The sentence for a till without a credential. */
    public static String missingSentence(String tillId) {
        return "sync needs this till's credential (" + SETTING + "): ./pos hub tills add " + tillId;
    }

    /** Whether a credential is configured. */
    public boolean hasCredential() {
        return credential != null;
    }

    /** The till the entries are signed as, if a credential is configured. */
    public Optional<String> tillId() {
        return credential == null ? Optional.empty() : Optional.of(credential.tillId());
    }

    /**
     * {@code fields} with {@code till} and {@code sig} added.
     *
     * @throws MissingTillCredentialException if no credential is configured (nothing is written then)
     */
    public Map<String, String> sign(Map<String, String> fields) {
        if (credential == null) {
            throw new MissingTillCredentialException(missingSentence);
        }
        return EntrySignature.sign(credential, fields);
    }

    @Override
    public String toString() {
        return "StreamSigner[" + (credential == null ? "no credential" : "till " + credential.tillId()) + "]";
    }
}
