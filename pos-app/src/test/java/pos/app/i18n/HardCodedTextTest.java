package pos.app.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14 point 3: "a test fails when […] user-facing text is hard-coded in FXML or Java". Every FXML file of the till
 * and every Java source of pos-app is read; a text for the screen that is not a bundle reference fails the test,
 * unless {@code hard-coded-allowed.txt} lists it with a reason. The fixtures show what it finds.
 */
@DisplayName("Issue 14.3: no user-facing text is hard-coded in the till's FXML or Java")
class HardCodedTextTest {

    static final Path JAVA = Path.of("src/main/java");
    static final Path RESOURCES = Path.of("src/main/resources");
    private static final Pattern ALLOWED = Pattern.compile("^(\\S+)\\s+\"(.*)\"\\s+—\\s+\\S.*$");

    final Set<String> keys = BundleCompletenessTest.load(BundleCompletenessTest.ENGLISH).keySet();

    @Test
    @DisplayName("the till's FXML files take every text from the bundle (%key)")
    void fxml() throws IOException {
        List<HardCodedText.Finding> found = new ArrayList<>();
        for (Path file : files(RESOURCES, ".fxml")) {
            found.addAll(HardCodedText.inFxml(RESOURCES.relativize(file).toString(), Files.readString(file)));
        }
        assertThat(files(RESOURCES, ".fxml")).as("the FXML files were found").hasSizeGreaterThan(20);
        assertThat(notAllowed(found)).as("hard-coded texts in FXML: use %key and add the key to both bundles").isEmpty();
    }

    @Test
    @DisplayName("the till's Java code puts no literal text on screen")
    void java() throws IOException {
        List<HardCodedText.Finding> found = new ArrayList<>();
        for (Path file : files(JAVA, ".java")) {
            found.addAll(HardCodedText.inJava(JAVA.relativize(file).toString(), Files.readString(file), keys));
        }
        assertThat(files(JAVA, ".java")).as("the Java sources were found").hasSizeGreaterThan(100);
        assertThat(notAllowed(found)).as("hard-coded texts in Java: take them from the bundle").isEmpty();
    }

    @Test
    @DisplayName("the checks find hard-coded texts: the fixtures' lines marked bad, and only those")
    void theChecksCanFail() {
        String fxml = fixture("hardcoded/Bad.fxml");
        assertThat(HardCodedText.inFxml("Bad.fxml", fxml)).extracting(HardCodedText.Finding::line)
                .containsExactlyInAnyOrderElementsOf(badLines(fxml));
        String java = fixture("hardcoded/BadView.java.txt");
        assertThat(HardCodedText.inJava("BadView.java", java, keys)).extracting(HardCodedText.Finding::line)
                .containsExactlyInAnyOrderElementsOf(badLines(java));
    }

    private List<String> notAllowed(List<HardCodedText.Finding> found) {
        Set<String> allowed = allowed();
        Set<String> used = new HashSet<>();
        List<String> left = new ArrayList<>();
        for (HardCodedText.Finding f : found) {
            String id = Path.of(f.file()).getFileName() + " " + f.text();
            if (allowed.contains(id)) {
                used.add(id);
            } else {
                left.add(f.toString());
            }
        }
        return left;
    }

    static Set<String> allowed() {
        Set<String> allowed = new HashSet<>();
        for (String line : fixture("hard-coded-allowed.txt").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher m = ALLOWED.matcher(line.strip());
            assertThat(m.matches()).as("allow-list line \"%s\" is File.java \"text\" — reason", line).isTrue();
            allowed.add(m.group(1) + " " + m.group(2));
        }
        return allowed;
    }

    private static List<Integer> badLines(String source) {
        List<Integer> lines = new ArrayList<>();
        String[] all = source.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            if (all[i].contains("// bad") || all[i].contains("<!-- bad -->")) {
                lines.add(i + 1);
            }
        }
        assertThat(lines).isNotEmpty();
        return lines;
    }

    private static List<Path> files(Path root, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    static String fixture(String name) {
        try (InputStream in = Objects.requireNonNull(HardCodedTextTest.class.getResourceAsStream("/pos/app/i18n/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
