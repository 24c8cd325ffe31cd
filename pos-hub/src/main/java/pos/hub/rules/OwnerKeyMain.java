package pos.hub.rules;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pos.contract.auth.Ed25519;
import pos.contract.auth.SecretFiles;
import pos.contract.auth.UnableToReadSecretException;

/**
 * The store owner's rule-signing key from the command line ({@code ./pos hub owner init --out DIR}):
 * writes {@code owner.key} (Ed25519 private key, base64 PKCS#8, mode 0600) and {@code owner.pub}
 * (the public key, base64 X.509) for the hub's {@code --owner-public-key} and every till's
 * {@code pos.rules.ownerPublicKey}. Refuses to overwrite an existing key. Exit codes: 0 done, 1 refused,
 * 2 bad options. Not thread-safe (a command-line entry point).
 */
@Command(name = "owner", mixinStandardHelpOptions = true,
        description = "The store owner's rule-signing key (issue 10, docs/signed-rules.md).",
        subcommands = {OwnerKeyMain.Init.class})
public final class OwnerKeyMain implements Runnable {

    /** The private key's file name. */
    public static final String PRIVATE_KEY_FILE = "owner.key";
    /** The public key's file name. */
    public static final String PUBLIC_KEY_FILE = "owner.pub";

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pos-sync-cli-logback.xml");
        }
        System.exit(new CommandLine(new OwnerKeyMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: init --out DIR");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Make a new owner signing key pair: DIR/owner.key (keep it secret, 0600) and DIR/owner.pub.")
    static final class Init implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "the directory to write owner.key and owner.pub into")
        Path out;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter stdout = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            Path privateFile = out.resolve(PRIVATE_KEY_FILE);
            Path publicFile = out.resolve(PUBLIC_KEY_FILE);
            if (Files.exists(privateFile) || Files.exists(publicFile)) {
                err.println("owner: " + out + " already holds an owner key; a new one would make every till refuse the"
                        + " next rule base until they are given the new owner.pub. Move the old files away first.");
                return 1;
            }
            KeyPair pair = Ed25519.generate();
            try {
                SecretFiles.write(privateFile, Ed25519.privateKeyText(pair.getPrivate()), "the store owner's signing key");
                Files.writeString(publicFile, Ed25519.publicKeyText(pair.getPublic()) + "\n", StandardCharsets.UTF_8);
            } catch (UnableToReadSecretException | java.io.IOException e) {
                err.println("owner: cannot write the key files: " + e.getMessage());
                return 1;
            }
            stdout.println("wrote " + privateFile + " (keep it secret: it signs the store's rule bases) and " + publicFile);
            stdout.println("public key: " + Ed25519.publicKeyText(pair.getPublic()));
            stdout.println("give it to the hub (--owner-public-key " + publicFile + ") and every till (pos.rules.ownerPublicKey)");
            return 0;
        }
    }
}
