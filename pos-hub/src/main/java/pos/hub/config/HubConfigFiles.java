package pos.hub.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import pos.contract.auth.SecretFiles;

/**
 * Turns {@code --config FILE} and {@code --secrets FILE} into the hub's options before picocli parses them.
 *
 * <p>The configuration file is a properties file whose keys are the hub's long options without the dashes
 * ({@code redis = redis://127.0.0.1:6379/0}, {@code listen = 0.0.0.0:8480}); an option given on the command
 * line wins over the file. A boolean option takes {@code true} or {@code false}; a repeatable one a
 * comma-separated list. Secrets are refused there: they belong in the secrets file.
 *
 * <p>The secrets file must be readable by its owner only (mode 0600): keys {@code password} (MariaDB),
 * {@code gateway-secret}, {@code rules-token}, {@code owner-token} and {@code tls-keystore-password}.
 * Its values reach the hub inside the process (as options in memory or as its environment), never on
 * the process's command line, where {@code ps} would show them. Stateless.
 */
public final class HubConfigFiles {

    public static final String CONFIG_OPTION = "--config";
    public static final String SECRETS_OPTION = "--secrets";

    /** Secret keys that are hidden options of the hub. */
    private static final Set<String> SECRET_OPTIONS = Set.of("password", "gateway-secret", "rules-token");
    /** Secret keys that the hub reads from its environment. */
    private static final Map<String, String> SECRET_VARIABLES = Map.of("owner-token", "POS_OWNER_TOKEN",
            "tls-keystore-password", "POS_HUB_TLS_PASSWORD");

    private HubConfigFiles() {
    }

    /**
     * The command line with what {@code --config} and {@code --secrets} add, and the environment with the
     * secrets that the hub reads from there.
     */
    public record Expanded(String[] args, Map<String, String> environment) {
        public Expanded {
            args = args.clone();
            environment = Map.copyOf(environment);
        }

        @Override
        public String[] args() {
            return args.clone();
        }
    }

    /**
     * Expands {@code args} for the command {@code spec}: the options of {@code --config}'s file that the command
     * line does not give, then the secrets of {@code --secrets}'s file; {@code environment} is the process's.
     *
     * @throws UnableToReadHubConfigException naming the file and the key or the fix
     */
    public static Expanded expand(String[] args, CommandSpec spec, Map<String, String> environment) {
        List<String> given = Arrays.asList(args);
        List<String> added = new ArrayList<>();
        Map<String, String> env = new HashMap<>(environment);
        String config = valueOf(given, CONFIG_OPTION);
        if (config != null) {
            Path file = Path.of(config);
            Properties properties = load(file, "the hub's configuration (" + CONFIG_OPTION + ")");
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                String value = properties.getProperty(key).strip();
                if (SECRET_OPTIONS.contains(key) || SECRET_VARIABLES.containsKey(key)) {
                    throw new UnableToReadHubConfigException(file + ": '" + key + "' is a secret; put it in the secrets"
                            + " file (" + SECRETS_OPTION + ", mode 0600), not in the configuration");
                }
                OptionSpec option = spec.findOption("--" + key);
                if (option == null || key.equals("config") || key.equals("secrets")) {
                    throw new UnableToReadHubConfigException(file + ": '" + key + "' is not an option of the hub; the keys"
                            + " are its long options without the dashes (see --help)");
                }
                if (value.isEmpty() || givenOnCommandLine(given, option.names())) {
                    continue;
                }
                addOption(added, option, value, file, key);
            }
        }
        String secrets = valueOf(given, SECRETS_OPTION);
        if (secrets != null) {
            Path file = Path.of(secrets);
            try {
                SecretFiles.requireOwnerOnly(file, "the hub's secrets (" + SECRETS_OPTION + ")");
            } catch (NoSuchFileException e) {
                throw new UnableToReadHubConfigException("the hub's secrets (" + SECRETS_OPTION + "): " + file
                        + " does not exist", e);
            } catch (IOException e) {
                throw new UnableToReadHubConfigException("the hub's secrets (" + SECRETS_OPTION + "): cannot read " + file
                        + ": " + e.getMessage(), e);
            }
            Properties properties = load(file, "the hub's secrets (" + SECRETS_OPTION + ")");
            for (String key : new TreeSet<>(properties.stringPropertyNames())) {
                String value = properties.getProperty(key).strip();
                if (value.isEmpty()) {
                    continue;
                }
                if (SECRET_OPTIONS.contains(key)) {
                    if (!givenOnCommandLine(given, spec.findOption("--" + key).names())) {
                        added.add("--" + key);
                        added.add(value);
                    }
                } else if (SECRET_VARIABLES.containsKey(key)) {
                    env.put(SECRET_VARIABLES.get(key), value);
                } else {
                    throw new UnableToReadHubConfigException(file + ": '" + key + "' is not a secret the hub knows; the keys"
                            + " are password, gateway-secret, rules-token, owner-token and tls-keystore-password");
                }
            }
        }
        List<String> all = new ArrayList<>(added);
        all.addAll(given);
        return new Expanded(all.toArray(String[]::new), env);
    }

    private static void addOption(List<String> added, OptionSpec option, String value, Path file, String key) {
        Class<?> type = option.type();
        if (type == boolean.class || type == Boolean.class) {
            if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                throw new UnableToReadHubConfigException(file + ": '" + key + "' takes true or false, not '" + value + "'");
            }
            if (value.equalsIgnoreCase("true")) {
                added.add("--" + key);
            }
        } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    added.add("--" + key);
                    added.add(item.strip());
                }
            }
        } else {
            added.add("--" + key);
            added.add(value);
        }
    }

    private static boolean givenOnCommandLine(List<String> args, String[] names) {
        for (String arg : args) {
            if (arg.equals("--")) {
                return false;
            }
            for (String name : names) {
                if (arg.equals(name) || arg.startsWith(name + "=")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE} in {@code args}, or null. */
    private static String valueOf(List<String> args, String name) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--")) {
                return null;
            }
            if (arg.equals(name)) {
                if (i + 1 >= args.size()) {
                    throw new UnableToReadHubConfigException(name + " needs a file");
                }
                return args.get(i + 1);
            }
            if (arg.startsWith(name + "=")) {
                return arg.substring(name.length() + 1);
            }
        }
        return null;
    }

    private static Properties load(Path file, String what) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new UnableToReadHubConfigException(what + ": " + file + " does not exist", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new UnableToReadHubConfigException(what + ": cannot read " + file + ": " + e.getMessage(), e);
        }
        return properties;
    }
}
