package pos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import pos.app.config.ConfigLoader;

/**
 * Issue 14 point 5, "the first minutes of a newcomer": "`--help` does not give the default data directory, does not
 * say what card payments need, wraps option names mid-word, and `-V` prints an empty line." Runs the Launcher's own
 * command line in process and reads what it prints.
 */
class LauncherHelpTest {

    @Test
    @DisplayName("--help gives the data directory as it resolves here and what card payments need")
    void helpGivesTheDefaultDataDirectoryAndCardNeeds() {
        String help = run(80, "--help");
        Path dataDir = ConfigLoader.defaultDataDir(System.getenv(), Path.of(System.getProperty("user.home")));
        assertThat(help).contains(dataDir.toString());
        assertThat(help).contains("Card payments").contains("--provider").contains("--hub").contains("--redis")
                .contains("POS_GATEWAY_PIN_KEY");
    }

    @Test
    @DisplayName("--help cuts no option name nor word in two, at 80 columns (no terminal) and at 100")
    void helpWrapsNoWordMidWord() {
        for (int width : new int[] {80, 100}) {
            String help = run(width, "--help");
            List<String> printed = Arrays.asList(help.split("\\s+"));
            CommandLine.Model.CommandSpec spec = Launcher.commandLine().getCommandSpec();
            for (CommandLine.Model.OptionSpec option : spec.options()) {
                for (String name : option.names()) {
                    assertThat(help).as("option name %s at %d columns", name, width).contains(name);
                }
                for (String line : option.description()) {
                    for (String word : line.split("\\s+")) {
                        assertThat(printed).as("a word of %s's description at %d columns:%n%s", option.longestName(),
                                width, help).contains(word);
                    }
                }
            }
            for (String line : help.split("\\R")) {
                assertThat(line.length()).as("line within %d columns: %s", width, line).isLessThanOrEqualTo(width);
            }
        }
    }

    @Test
    @DisplayName("-V and --version print the till's version, not an empty line")
    void versionIsPrinted() {
        for (String flag : new String[] {"-V", "--version"}) {
            String version = run(80, flag);
            assertThat(version.strip()).as(flag).startsWith("Countertop POS till ").doesNotContain("unknown")
                    .doesNotContain("${");
            assertThat(version.lines().findFirst().orElseThrow().substring("Countertop POS till ".length()))
                    .as("the version itself").matches("\\d+\\.\\d+\\.\\d+.*");
        }
    }

    private static String run(int width, String... args) {
        CommandLine commandLine = Launcher.commandLine();
        commandLine.setUsageHelpAutoWidth(false);
        commandLine.setUsageHelpWidth(width);
        StringWriter out = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        int exit = commandLine.execute(args);
        assertThat(exit).as("exit code of %s", Arrays.toString(args)).isZero();
        return out.toString();
    }
}
