package pos.hub.rules;

import pos.contract.hub.ErrorAnswer;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;
import pos.contract.rules.RuleBaseJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import java.security.PrivateKey;
import pos.contract.auth.Ed25519;
import pos.contract.auth.UnableToReadSecretException;
import pos.contract.rules.RuleBaseSignature;
import pos.core.rules.RuleBase;
import pos.core.rules.RuleBaseDefinition;
import pos.core.rules.RuleDefinitionException;
import pos.core.rules.RuleRegistry;

/**
 * The rule base from the command line ({@code ./pos hub rules …}): check a rule file, publish it
 * through a running store hub (asks {@code GET /rules/version} for the next version, signs it with the
 * store owner's key, {@code PUT /rules}; signs the hub's expected version once more on 409), or show
 * the one in force. Exit codes: 0 done,
 * 1 refused or the hub unreachable (with a plain sentence), 2 bad options. Not thread-safe (a
 * command-line entry point).
 *
 * <pre>
 * ./pos hub rules check store-rules.json
 * ./pos hub rules publish store-rules.json --hub http://10.0.0.5:8480 --key owner.key
 * ./pos hub rules show --hub http://10.0.0.5:8480
 * </pre>
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Check, publish (through the store hub) and show the store's rule base (R14).",
        subcommands = {RuleBaseMain.Check.class, RuleBaseMain.Publish.class, RuleBaseMain.Show.class})
public final class RuleBaseMain implements Runnable {


    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pos-sync-cli-logback.xml");
        }
        System.exit(new CommandLine(new RuleBaseMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: check FILE, publish FILE or show");
    }

    /** Options shared by the commands that talk to the hub. */
    static class HubOption {
        @Option(names = "--hub", defaultValue = "${env:POS_HUB_URL:-http://127.0.0.1:8480}",
                description = "the store hub, default ${DEFAULT-VALUE} (or the environment variable POS_HUB_URL)")
        URI hub;

        @Option(names = "--trust-store", defaultValue = "${env:POS_HUB_TRUSTSTORE}", paramLabel = "FILE",
                description = "the hub's certificate or the store's CA (PEM, or PKCS12 with POS_HUB_TRUSTSTORE_PASSWORD) for an"
                        + " https:// hub whose certificate the JDK does not know (default: POS_HUB_TRUSTSTORE)")
        Path trustStore;

        /** The HTTP client for this hub: trusting {@code --trust-store} when given, else the JDK's CAs. */
        HttpClient client() {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
            if (trustStore != null) {
                String password = System.getenv("POS_HUB_TRUSTSTORE_PASSWORD");
                builder.sslContext(pos.contract.auth.TrustStores.trusting(trustStore,
                        password == null ? null : password.toCharArray(), "--trust-store"));
            }
            return builder.build();
        }

        URI rules() {
            String base = hub.toString().endsWith("/") ? hub.toString() : hub + "/";
            return URI.create(base).resolve("rules");
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Check a rule file here, without the hub.")
    static final class Check implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "rule data as JSON (format: assets/rules/default-rules.json)")
        Path file;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            try {
                RuleBase base = RuleBaseJson.compile(read(file), RuleRegistry.builtIn());
                out.println(file + ": good, " + base.size() + " rules: " + String.join(", ", base.keywords()));
                return 0;
            } catch (RuleDefinitionException e) {
                printRefusal(err, file.toString(), e);
                return 1;
            }
        }
    }

    @Command(name = "publish", mixinStandardHelpOptions = true,
            description = "Sign a rule file with the store owner's key as the store's next rule base version and publish"
                    + " it through a running hub.")
    static final class Publish implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "rule data as JSON; any \"version\" in it is replaced by the hub's next")
        Path file;

        @CommandLine.Mixin
        HubOption hubOption = new HubOption();

        @Option(names = "--key", required = true, description = "the store owner's signing key, owner.key from"
                + " './pos hub owner init' (a 0600 file)")
        Path key;

        @Option(names = "--store-id", defaultValue = "${env:POS_STORE_ID}",
                description = "the store's id as the hub and tills know it (default: what the hub says, GET /rules/version)")
        String storeId;

        @Option(names = "--token", defaultValue = "${env:POS_RULES_TOKEN}", hidden = true,
                description = "the owner's token on the command line (visible in ps: prefer --token-file or POS_OWNER_TOKEN)")
        String token;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "a file (mode 0600) with the store owner's token, which publishing needs (default: the"
                        + " environment variable POS_OWNER_TOKEN)")
        Path tokenFile;

        @Option(names = "--by", defaultValue = "${sys:user.name}", description = "your name, kept with the version, default ${DEFAULT-VALUE}")
        String by;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            RuleBaseDefinition definition;
            try {
                String text = read(file);
                definition = RuleBaseJson.read(text);
                RuleRegistry.builtIn().compile(definition); // refuse here what the hub would refuse
            } catch (RuleDefinitionException e) {
                printRefusal(err, file.toString(), e);
                err.println("nothing was sent to the hub");
                return 1;
            }
            PrivateKey ownerKey;
            try {
                bearer = pos.contract.auth.SecretFiles.fromFileOrEnvironment(tokenFile, "POS_OWNER_TOKEN", System.getenv(),
                        "the owner's token").orElse(token);
            } catch (pos.contract.auth.UnableToReadSecretException e) {
                err.println("rules: " + e.getMessage() + "; nothing was sent to the hub");
                return 1;
            }
            try {
                ownerKey = Ed25519.readPrivateKey(key, "the store owner's signing key");
            } catch (UnableToReadSecretException e) {
                err.println("rules: " + e.getMessage() + "; nothing was sent to the hub");
                return 1;
            }
            try {
                RuleAnswers.Version version = versionAtHub();
                long next = version.next();
                String store = storeId != null && !storeId.isBlank() ? storeId.strip() : version.storeId();
                HttpResponse<String> response = put(RuleBaseSignature.sign(ownerKey, store, next, definition));
                if (response.statusCode() == 409) {
                    // another publisher came first: sign the number the hub asks for, once
                    long expected = ErrorAnswer.in(response.body()).map(ErrorAnswer::expectedVersion).orElse(-1L);
                    if (expected < 0) {
                        err.println("rules: version " + next + " was taken meanwhile and the hub did not say which comes"
                                + " next: " + clip(response.body()));
                        return 1;
                    }
                    err.println("rules: version " + next + " was taken meanwhile; signing version " + expected + " instead");
                    response = put(RuleBaseSignature.sign(ownerKey, store, expected, definition));
                }
                if (response.statusCode() == 201) {
                    RuleAnswers.Published answer = Json.read(Json.TOLERANT, response.body(), RuleAnswers.Published.class);
                    out.println("published rule base version " + answer.version() + " (" + answer.rules()
                            + " rules, sha256 " + answer.sha256() + ", signed by the store owner)"
                            + (answer.inRedis() ? "" : "; " + answer.redisProblem()));
                    return 0;
                }
                Optional<ErrorAnswer> refusal = ErrorAnswer.in(response.body());
                err.println("rules: the hub refused " + file + " (HTTP " + response.statusCode() + "): "
                        + refusal.map(ErrorAnswer::message).orElse(response.body()));
                refusal.map(ErrorAnswer::problems).ifPresent(problems -> problems.forEach(problem -> err.println("  - " + problem)));
                return 1;
            } catch (IOException e) {
                err.println("rules: cannot reach the hub at " + hubOption.hub + ": " + describe(e));
                return 1;
            } catch (HubRefusedException e) {
                err.println("rules: " + e.getMessage());
                return 1;
            } catch (MalformedJsonException e) {
                err.println("rules: the hub's answer cannot be read (" + e.getMessage() + ")");
                return 1;
            }
        }

        /** The owner's token for this run (from --token-file, POS_OWNER_TOKEN or the hidden --token), or null. */
        private String bearer;

        private RuleAnswers.Version versionAtHub() throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(hubOption.rules().resolve("rules/version"))
                    .timeout(Duration.ofSeconds(30)).GET();
            if (bearer != null && !bearer.isBlank()) {
                request.header("Authorization", "Bearer " + bearer.strip());
            }
            HttpResponse<String> response = send(hubOption, request.build());
            if (response.statusCode() == 200) {
                try {
                    return Json.read(Json.TOLERANT, response.body(), RuleAnswers.Version.class);
                } catch (MalformedJsonException e) {
                    throw new HubRefusedException("the hub did not say which version comes next (" + e.getMessage()
                            + "); nothing was sent");
                }
            }
            throw new HubRefusedException("the hub did not say which version comes next (HTTP " + response.statusCode()
                    + "): " + ErrorAnswer.in(response.body()).map(ErrorAnswer::message).orElse(clip(response.body()))
                    + "; nothing was sent");
        }

        private HttpResponse<String> put(RuleBaseSignature.Signed signed) throws IOException {
            HttpRequest.Builder request = HttpRequest.newBuilder(hubOption.rules()).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json")
                    .header("X-Published-By", by == null ? "" : by)
                    .header("X-Rule-Base-Version", Long.toString(signed.version()))
                    .header("X-Rule-Base-Signature", signed.signature())
                    .PUT(HttpRequest.BodyPublishers.ofString(signed.body(), java.nio.charset.StandardCharsets.UTF_8));
            if (bearer != null && !bearer.isBlank()) {
                request.header("Authorization", "Bearer " + bearer.strip());
            }
            return send(hubOption, request.build());
        }
    }

    /** The hub answered, but not as a publisher needs. */
    static final class HubRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HubRefusedException(String message) {
            super(message);
        }
    }

    private static String clip(String s) {
        return s == null ? "" : s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the rule base in force at the hub.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Mixin
        HubOption hubOption = new HubOption();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--token-file", paramLabel = "FILE",
                description = "a file (mode 0600) with the owner's token, which reading the rules needs on a hub that has"
                        + " one (default: the environment variable POS_OWNER_TOKEN)")
        Path tokenFile;

        @Override
        public Integer call() {
            HttpResponse<String> response;
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(hubOption.rules()).timeout(Duration.ofSeconds(30)).GET();
                String bearer = pos.contract.auth.SecretFiles.fromFileOrEnvironment(tokenFile, "POS_OWNER_TOKEN", System.getenv(),
                        "the owner's token").orElse(null);
                if (bearer != null) {
                    request.header("Authorization", "Bearer " + bearer);
                }
                response = send(hubOption, request.build());
            } catch (pos.contract.auth.UnableToReadSecretException | IllegalArgumentException e) {
                spec.commandLine().getErr().println("rules: " + e.getMessage());
                return 1;
            } catch (IOException e) {
                spec.commandLine().getErr().println("rules: cannot reach the hub at " + hubOption.hub + ": " + describe(e));
                return 1;
            }
            if (response.statusCode() != 200) {
                spec.commandLine().getErr().println("rules: " + ErrorAnswer.in(response.body()).map(ErrorAnswer::message)
                        .orElse(response.body()));
                return 1;
            }
            spec.commandLine().getOut().print(response.body());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    static String read(Path file) {
        try {
            if (Files.size(file) > RuleBaseJson.MAX_BYTES) {
                throw new RuleDefinitionException("the file is " + Files.size(file) + " bytes; at most " + RuleBaseJson.MAX_BYTES
                        + " bytes (8 MiB) are accepted");
            }
            byte[] bytes = Files.readAllBytes(file);
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RuleDefinitionException("there is no file " + file);
        } catch (IOException e) {
            throw new RuleDefinitionException("the file " + file + " cannot be read: " + e.getMessage());
        }
    }

    private static void printRefusal(PrintWriter err, String what, RuleDefinitionException e) {
        err.println("rules: " + what + " is refused:");
        for (String problem : e.problems()) {
            err.println("  - " + problem);
        }
        err.flush();
    }

    private static HttpResponse<String> send(HubOption hub, HttpRequest request) throws IOException {
        HttpClient client = hub.client();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused";
        }
        if (e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
