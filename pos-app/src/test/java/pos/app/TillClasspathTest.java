package pos.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The till opens no HTTP server and never writes the store database: none of the hub's libraries are on its runtime classpath. */
class TillClasspathTest {

    @Test
    @DisplayName("the till's runtime classpath has no Javalin, Jetty, MariaDB driver, pool or metrics server, and does have JavaFX")
    void tillRuntimeClasspathHoldsNoServerLibrary() throws Exception {
        Path listFile = Path.of("target", "runtime-classpath.txt");
        assertThat(listFile).as("written by the build (maven-dependency-plugin build-classpath)").exists();
        List<String> jars = Arrays.stream(Files.readString(listFile).strip().split(File.pathSeparator))
                .map(entry -> jarName(Path.of(entry))).toList();
        assertThat(jars).as("the till's own libraries are there (the list is real)")
                .anyMatch(jar -> jar.startsWith("javafx-controls-"))
                .anyMatch(jar -> jar.startsWith("lettuce-core-"));
        assertThat(jars).noneMatch(jar -> jar.startsWith("javalin-"))
                .noneMatch(jar -> jar.startsWith("jetty-"))
                .noneMatch(jar -> jar.startsWith("jakarta.servlet"))
                .noneMatch(jar -> jar.startsWith("mariadb-java-client-"))
                .noneMatch(jar -> jar.startsWith("HikariCP-"))
                .noneMatch(jar -> jar.startsWith("micrometer-"))
                .noneMatch(jar -> jar.startsWith("pos-hub-"))
                .anyMatch(jar -> jar.startsWith("pos-sync-"));
    }

    /** A jar's file name; a module of this build seen as its classes folder ({@code pos-hub/target/classes}) is named {@code pos-hub-classes}. */
    static String jarName(Path entry) {
        String name = entry.getFileName().toString();
        return name.equals("classes") && entry.getNameCount() >= 3
                ? entry.getParent().getParent().getFileName() + "-classes" : name;
    }
}
