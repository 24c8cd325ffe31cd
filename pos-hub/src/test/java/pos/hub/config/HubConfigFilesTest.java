package pos.hub.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;
import pos.contract.auth.UnableToReadSecretException;
import pos.hub.HubMain;

/**
 * Issue 14 point 1: the hub's package has "a systemd unit ... configuration in /etc/countertop-pos/ with
 * secrets in a 0600 file": the unit's ExecStart gives only {@code --config} and {@code --secrets}, so every
 * setting comes from the properties file and no secret is on the command line.
 */
class HubConfigFilesTest {

    @TempDir
    Path dir;

    @Test
    void theConfigurationFileGivesTheOptionsAndTheCommandLineWins() throws Exception {
        Path config = write("hub.properties", """
                # a comment
                redis = redis://127.0.0.1:6390/0
                mariadb = jdbc:mariadb://127.0.0.1:3307/pos
                user = pos
                listen = 127.0.0.1:8481
                plain-http = true
                allow-origin = https://a.example, https://b.example
                batch = 50
                store-id =
                """, "rw-r-----");
        Path secrets = write("hub-secrets.properties", "password = s3cret\nowner-token = owner-t0ken\n", "rw-------");
        CommandLine commandLine = new CommandLine(new HubMain());
        HubConfigFiles.Expanded expanded = HubConfigFiles.expand(new String[] {"--config", config.toString(),
            "--secrets=" + secrets, "--batch", "7"}, commandLine.getCommandSpec(), Map.of("PATH", "/usr/bin"));

        ParseResult parsed = commandLine.parseArgs(expanded.args());
        assertThat((String) parsed.matchedOptionValue("--redis", null)).isEqualTo("redis://127.0.0.1:6390/0");
        assertThat((String) parsed.matchedOptionValue("--mariadb", null)).isEqualTo("jdbc:mariadb://127.0.0.1:3307/pos");
        assertThat((String) parsed.matchedOptionValue("--listen", null)).isEqualTo("127.0.0.1:8481");
        assertThat((Boolean) parsed.matchedOptionValue("--plain-http", false)).isTrue();
        assertThat(parsed.<List<String>>matchedOptionValue("--allow-origin", List.<String>of()))
                .containsExactly("https://a.example", "https://b.example");
        assertThat((Integer) parsed.matchedOptionValue("--batch", 0)).as("the command line wins").isEqualTo(7);
        assertThat((String) parsed.matchedOptionValue("--password", null)).isEqualTo("s3cret");
        assertThat(parsed.hasMatchedOption("--store-id")).as("an empty value is no value").isFalse();
        assertThat(expanded.environment()).containsEntry("POS_OWNER_TOKEN", "owner-t0ken").containsEntry("PATH", "/usr/bin");
    }

    @Test
    void aSecretInTheConfigurationFileIsRefused() throws Exception {
        Path config = write("hub.properties", "redis = redis://127.0.0.1:6390/0\npassword = oops\n", "rw-r--r--");
        assertThatThrownBy(() -> HubConfigFiles.expand(new String[] {"--config", config.toString()},
                new CommandLine(new HubMain()).getCommandSpec(), Map.of()))
                .isInstanceOf(UnableToReadHubConfigException.class)
                .hasMessageContaining("'password' is a secret").hasMessageNotContaining("oops");
    }

    @Test
    void anUnknownKeyIsNamed() throws Exception {
        Path config = write("hub.properties", "redsi = redis://127.0.0.1:6390/0\n", "rw-r--r--");
        assertThatThrownBy(() -> HubConfigFiles.expand(new String[] {"--config", config.toString()},
                new CommandLine(new HubMain()).getCommandSpec(), Map.of()))
                .isInstanceOf(UnableToReadHubConfigException.class).hasMessageContaining("'redsi' is not an option");
    }

    @Test
    void aSecretsFileOthersMayReadIsRefused() throws Exception {
        Path secrets = write("hub-secrets.properties", "password = s3cret\n", "rw-r--r--");
        assertThatThrownBy(() -> HubConfigFiles.expand(new String[] {"--secrets", secrets.toString()},
                new CommandLine(new HubMain()).getCommandSpec(), Map.of()))
                .isInstanceOf(UnableToReadSecretException.class).hasMessageContaining("chmod 600")
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void aMissingConfigurationFileIsNamed() {
        Path missing = dir.resolve("nope.properties");
        assertThatThrownBy(() -> HubConfigFiles.expand(new String[] {"--config", missing.toString()},
                new CommandLine(new HubMain()).getCommandSpec(), Map.of()))
                .isInstanceOf(UnableToReadHubConfigException.class).hasMessageContaining(missing + " does not exist");
    }

    private Path write(String name, String text, String mode) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }
}
