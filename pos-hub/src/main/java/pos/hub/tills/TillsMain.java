package pos.hub.tills;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import pos.contract.auth.SecretFiles;
import pos.contract.auth.TillCredential;
import pos.contract.auth.UnableToReadSecretException;

/**
 * The store's till credentials from the command line ({@code ./pos hub tills …}): issue one to a new
 * till, revoke one, list them (never a secret). Works on the store's MariaDB directly, so it works
 * while the hub is stopped; a running hub picks a change up within seconds. Exit codes: 0 done,
 * 1 refused or MariaDB unreachable (with a plain sentence), 2 bad options. Not thread-safe (a
 * command-line entry point).
 *
 * <pre>
 * ./pos hub tills add till-3 --out /secure/till-3.credential --mariadb jdbc:mariadb://10.0.0.6:3306/pos --user pos
 * ./pos hub tills revoke till-3 --mariadb …
 * ./pos hub tills list --mariadb …
 * # MariaDB password: the environment variable POS_MARIADB_PASSWORD, or --password-file (0600)
 * </pre>
 */
@Command(name = "tills", mixinStandardHelpOptions = true,
        description = "Issue, revoke and list the tills' credentials for the store hub.",
        subcommands = {TillsMain.Add.class, TillsMain.Revoke.class, TillsMain.ListTills.class})
public final class TillsMain implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "pos-sync-cli-logback.xml");
        }
        System.exit(new CommandLine(new TillsMain()).execute(args));
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: add ID --out FILE, revoke ID or list");
    }

    /** Where the store's MariaDB is. */
    static class Database {
        @Option(names = "--mariadb", required = true, defaultValue = "${env:POS_MARIADB_URL}",
                description = "the store's MariaDB, jdbc:mariadb://host:port/db (or the environment variable POS_MARIADB_URL)")
        String jdbcUrl;

        @Option(names = "--user", defaultValue = "${env:POS_MARIADB_USER}", description = "MariaDB user")
        String user;

        @Option(names = "--password-file", description = "a file (mode 0600) holding the MariaDB password; default: the"
                + " environment variable POS_MARIADB_PASSWORD")
        Path passwordFile;

        MariaDbTillRegistry open() {
            String password = SecretFiles.fromFileOrEnvironment(passwordFile, "POS_MARIADB_PASSWORD", System.getenv(),
                    "the MariaDB password").orElse(null);
            return MariaDbTillRegistry.create(jdbcUrl, user, password, Clock.systemUTC(), MariaDbTillRegistry.DEFAULT_REFRESH);
        }
    }

    /** Runs {@code work} on the registry, turning every failure into a sentence and exit code 1. */
    static int withRegistry(Database database, PrintWriter err, RegistryWork work) {
        try (MariaDbTillRegistry registry = database.open()) {
            return work.run(registry);
        } catch (UnableToStoreTillsException | UnableToReadSecretException | IllegalArgumentException e) {
            err.println("tills: " + e.getMessage());
            return 1;
        }
    }

    interface RegistryWork {
        int run(MariaDbTillRegistry registry);
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Issue a credential to a new till and write it to a new file only you can read.")
    static final class Add implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "the till's id: 1 to 32 letters, digits, '.', '_' or '-'")
        String tillId;

        @Option(names = "--out", required = true, paramLabel = "FILE",
                description = "the new credential file (mode 0600); copy it to the till as pos.hub.credentialFile")
        Path out;

        @CommandLine.Mixin
        Database database = new Database();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            if (Files.exists(out)) {
                err.println("tills: " + out + " exists already; choose a new file (an existing credential is never"
                        + " overwritten)");
                return 1;
            }
            return withRegistry(database, err, registry -> {
                TillCredential credential = registry.issue(tillId);
                try {
                    SecretFiles.write(out, credential.text(), "till " + tillId + "'s credential");
                } catch (UnableToReadSecretException e) {
                    registry.revoke(tillId); // a credential nobody holds must not stay valid
                    err.println("tills: " + e.getMessage() + "; the credential was revoked again");
                    return 1;
                } finally {
                    credential.wipe();
                }
                spec.commandLine().getOut().println("till " + tillId + ": credential written to " + out.toAbsolutePath()
                        + " (mode 0600); set pos.hub.credentialFile on that till to it");
                return 0;
            });
        }
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke a till's credential; the running hubs refuse it within seconds.")
    static final class Revoke implements Callable<Integer> {
        @Parameters(paramLabel = "ID", description = "the till's id")
        String tillId;

        @CommandLine.Mixin
        Database database = new Database();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter err = spec.commandLine().getErr();
            return withRegistry(database, err, registry -> {
                if (!registry.revoke(tillId)) {
                    err.println("tills: till " + tillId + " has no valid credential (never issued, or revoked already)");
                    return 1;
                }
                spec.commandLine().getOut().println("till " + tillId + ": credential revoked");
                return 0;
            });
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tills: id, issued, revoked (no secrets).")
    static final class ListTills implements Callable<Integer> {
        @CommandLine.Mixin
        Database database = new Database();

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            return withRegistry(database, spec.commandLine().getErr(), registry -> {
                List<TillRecord> tills = registry.list();
                if (tills.isEmpty()) {
                    out.println("no till has a credential yet: ./pos hub tills add ID --out FILE");
                    return 0;
                }
                out.printf("%-32s  %-24s  %s%n", "till", "issued", "revoked");
                for (TillRecord till : tills) {
                    out.printf("%-32s  %-24s  %s%n", till.tillId(), till.createdAt(),
                            till.revokedAt() == null ? "-" : till.revokedAt().toString());
                }
                return 0;
            });
        }
    }
}
