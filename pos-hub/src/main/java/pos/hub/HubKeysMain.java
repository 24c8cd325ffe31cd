package pos.hub;

import java.io.IOException;
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
 * The hub's result signing key from the command line ({@code ./pos hub keys init --out DIR}): writes
 * {@code hub.key} (the private key, mode 0600, for {@code --hub-key-file}) and {@code hub.pub} (the
 * public key, for every till's {@code pos.hub.publicKey}). Refuses to overwrite an existing key.
 * Exit codes: 0 done, 1 not written (with a sentence), 2 bad options. Not thread-safe (a command-line
 * entry point).
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "The hub's result signing key (Ed25519): what makes a payment result the hub's word.",
        subcommands = {HubKeysMain.Init.class})
public final class HubKeysMain implements Runnable {

    /** The private key's file name in the output directory. */
    public static final String PRIVATE_KEY_FILE = "hub.key";
    /** The public key's file name in the output directory. */
    public static final String PUBLIC_KEY_FILE = "hub.pub";

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new HubKeysMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: init --out DIR");
    }

    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Make a new key pair: DIR/hub.key (0600, for --hub-key-file) and DIR/hub.pub (for the tills).")
    static final class Init implements Callable<Integer> {
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write hub.key and hub.pub")
        Path out;

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Path privateFile = out.resolve(PRIVATE_KEY_FILE);
            Path publicFile = out.resolve(PUBLIC_KEY_FILE);
            if (Files.exists(privateFile) || Files.exists(publicFile)) {
                spec.commandLine().getErr().println("keys: " + out + " already holds a hub key; every till trusts it, so it"
                        + " is not replaced. Choose another --out, or move the old files away first to rotate the key.");
                return 1;
            }
            KeyPair pair = Ed25519.generate();
            try {
                SecretFiles.write(privateFile, Ed25519.privateKeyText(pair.getPrivate()), "the hub's result signing key");
                Files.writeString(publicFile, Ed25519.publicKeyText(pair.getPublic()) + "\n", StandardCharsets.US_ASCII);
            } catch (UnableToReadSecretException | IOException e) {
                spec.commandLine().getErr().println("keys: cannot write the key pair into " + out + ": " + e.getMessage());
                return 1;
            }
            spec.commandLine().getOut().println("Wrote " + privateFile + " (keep it secret: ./pos hub --hub-key-file "
                    + privateFile + ") and " + publicFile + " (give it to every till: pos.hub.publicKey="
                    + Ed25519.publicKeyText(pair.getPublic()) + ")");
            return 0;
        }
    }
}
