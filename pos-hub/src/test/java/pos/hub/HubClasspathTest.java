package pos.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The hub runs on a server: its runtime classpath (what ./pos hub and the hub's package run) holds no till library. */
class HubClasspathTest {

    @Test
    @DisplayName("the hub's runtime classpath has no JavaFX, JNA, webcam or SQLite jar, and does have its HTTP server")
    void hubRuntimeClasspathHoldsNoTillLibrary() throws Exception {
        List<String> jars = runtimeJars(Path.of("target", "runtime-classpath.txt"));
        assertThat(jars).as("the hub's own server and database libraries are there (the list is real)")
                .anyMatch(jar -> jar.startsWith("javalin-"))
                .anyMatch(jar -> jar.startsWith("mariadb-java-client-"));
        assertThat(jars).noneMatch(jar -> jar.startsWith("javafx-"))
                .noneMatch(jar -> jar.startsWith("jna-"))
                .noneMatch(jar -> jar.startsWith("webcam-capture-"))
                .noneMatch(jar -> jar.startsWith("bridj-"))
                .noneMatch(jar -> jar.startsWith("atlantafx-"))
                .noneMatch(jar -> jar.startsWith("sqlite-jdbc-"))
                .noneMatch(jar -> jar.startsWith("pos-app-") || jar.startsWith("pos-device-") || jar.startsWith("pos-sync-"))
                .anyMatch(jar -> jar.startsWith("pos-contract-"));
    }

    static List<String> runtimeJars(Path listFile) throws Exception {
        assertThat(listFile).as("written by the build (maven-dependency-plugin build-classpath)").exists();
        return Arrays.stream(Files.readString(listFile).strip().split(File.pathSeparator))
                .map(entry -> jarName(Path.of(entry))).toList();
    }

    /** A jar's file name; a module of this build seen as its classes folder ({@code pos-hub/target/classes}) is named {@code pos-hub-classes}. */
    static String jarName(Path entry) {
        String name = entry.getFileName().toString();
        return name.equals("classes") && entry.getNameCount() >= 3
                ? entry.getParent().getParent().getFileName() + "-classes" : name;
    }
}
