package pos.hub;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import pos.contract.auth.SecretFiles;
import pos.contract.auth.UnableToReadSecretException;
import pos.contract.redis.RedisAcl;

/**
 * Prints the store Redis's users ({@code ./pos hub redis-acl --hub-password-file F --till-password-file F}):
 * the {@code ACL SETUSER} commands to paste into {@code redis-cli}, or the lines of an {@code aclfile}.
 * The passwords are read from 0600 files and only their SHA-256 hashes are printed. Exit codes: 0
 * printed, 1 a password file refused (with a sentence), 2 bad options. Not thread-safe (a
 * command-line entry point).
 */
@Command(name = "redis-acl", mixinStandardHelpOptions = true,
        description = "Print the store Redis's ACL users (pos-hub, pos-till; default user off), passwords as SHA-256 hashes.")
public final class RedisAclMain implements Callable<Integer> {

    @Option(names = "--hub-password-file", required = true, paramLabel = "FILE",
            description = "the hub's Redis password, in a file only its owner may read (mode 600)")
    Path hubPasswordFile;

    @Option(names = "--till-password-file", required = true, paramLabel = "FILE",
            description = "the tills' Redis password, in a file only its owner may read (mode 600)")
    Path tillPasswordFile;

    @Option(names = "--format", defaultValue = "setuser",
            description = "setuser (ACL SETUSER commands for redis-cli) or aclfile (lines for Redis's aclfile), default ${DEFAULT-VALUE}")
    String format;

    @Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new RedisAclMain()).execute(args));
    }

    @Override
    public Integer call() {
        if (!format.equals("setuser") && !format.equals("aclfile")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format is setuser or aclfile, not '" + format + "'");
        }
        String hub;
        String till;
        try {
            hub = SecretFiles.read(hubPasswordFile, "the hub's Redis password (--hub-password-file)");
            till = SecretFiles.read(tillPasswordFile, "the tills' Redis password (--till-password-file)");
        } catch (UnableToReadSecretException e) {
            spec.commandLine().getErr().println("redis-acl: " + e.getMessage());
            return 1;
        }
        List<String> lines = format.equals("setuser") ? RedisAcl.setUserCommands(hub, till) : RedisAcl.aclFileLines(hub, till);
        lines.forEach(spec.commandLine().getOut()::println);
        return 0;
    }
}
