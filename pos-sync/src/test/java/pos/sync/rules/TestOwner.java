package pos.sync.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import pos.contract.auth.Ed25519;
import pos.contract.auth.SecretFiles;
import pos.contract.rules.RuleBaseJson;
import pos.contract.rules.RuleBaseSignature;
import pos.core.rules.RuleDefinitionException;
import pos.hub.rules.RuleSigning;

/**
 * A store owner for tests: a fresh Ed25519 key pair per test run, the hub's and the tills' settings
 * for it, and a publisher that does what {@code ./pos hub rules publish} does (ask the next version,
 * sign it, PUT). Thread-safe (immutable after construction).
 */
final class TestOwner {

    static final String STORE = "store-1";
    /** The owner every rule test signs with. */
    static final TestOwner OWNER = new TestOwner();

    final KeyPair keys = Ed25519.generate();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The hub's settings: this owner's public key. */
    RuleSigning hubSigning() {
        return RuleSigning.NONE.withOwnerPublicKey(keys.getPublic());
    }

    /** A till that takes only this owner's rule bases. */
    RuleBaseTrust trust() {
        return RuleBaseTrust.owner(keys.getPublic(), STORE);
    }

    /** Writes owner.key (0600) into {@code dir} and returns its path. */
    Path writePrivateKey(Path dir) {
        Path file = dir.resolve("owner.key");
        SecretFiles.write(file, Ed25519.privateKeyText(keys.getPrivate()), "test owner key");
        return file;
    }

    /**
     * {@code json} signed as {@code version}: written canonically with that version when it reads as rule
     * data, else signed exactly as it is (broken data the owner signed anyway).
     */
    RuleBaseSignature.Signed sign(String json, long version) {
        try {
            return RuleBaseSignature.sign(keys.getPrivate(), STORE, version, RuleBaseJson.read(json));
        } catch (RuleDefinitionException e) {
            return new RuleBaseSignature.Signed(version, json, RuleBaseSignature.sign(keys.getPrivate(), STORE, version, json));
        }
    }

    /** {@code text} signed exactly as it is, as {@code version}. */
    String signatureOf(String text, long version) {
        return RuleBaseSignature.sign(keys.getPrivate(), STORE, version, text);
    }

    /** The version the hub says comes next. */
    long nextVersion(URI hub) {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(hub.resolve("rules/version")).GET().build());
        if (answer.statusCode() != 200) {
            throw new AssertionError("GET /rules/version: " + answer.statusCode() + " " + answer.body());
        }
        return Long.parseLong(answer.body().replaceAll("(?s).*\"next\"\\s*:\\s*(\\d+).*", "$1"));
    }

    /** Signs {@code json} as the hub's next version and PUTs it, as the command line does (without its retry). */
    HttpResponse<String> publish(URI hub, String json, String by) {
        return put(hub, sign(json, nextVersion(hub)), by);
    }

    /** PUTs a signed rule base as it is. */
    HttpResponse<String> put(URI hub, RuleBaseSignature.Signed signed, String by) {
        return send(HttpRequest.newBuilder(hub.resolve("rules")).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("X-Published-By", by)
                .header("X-Rule-Base-Version", Long.toString(signed.version()))
                .header("X-Rule-Base-Signature", signed.signature())
                .PUT(HttpRequest.BodyPublishers.ofString(signed.body(), StandardCharsets.UTF_8)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
