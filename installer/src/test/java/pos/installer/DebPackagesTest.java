package pos.installer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 14, "Done when": "A test builds both .deb files, inspects them (dpkg-deb -I/-c: dependencies, unit file,
 * desktop entry, maintainer scripts), installs them with dpkg -i into this machine (root is available in tests
 * and CI) and removes them again; the installed till starts under Xvfb and shows its window; the hub's installed
 * unit's ExecStart command starts the hub, which answers /health."
 *
 * <p>The packages are the ones this module's build just made (installer/src/deb/build-debs.sh, phase
 * process-test-classes). The install part runs only as root and only on a machine where neither package is
 * installed; it purges both packages and removes the user it made in a finally block, also when it fails.
 */
@WithRedis
@WithMariaDb
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DebPackagesTest {

    private static final String TILL = "countertop-pos";
    private static final String HUB = "countertop-pos-hub";
    private static final List<String> DEVICE_GROUPS = List.of("lp", "video", "plugdev", "dialout");

    RedisProcess redis;
    TestDatabase database;

    @TempDir
    Path tmp;

    @Test
    @Order(1)
    void theTillPackageDeclaresItsDependenciesAndShipsItsLauncherDesktopEntryAndUdevRules() throws IOException {
        Path deb = deb(TILL);
        String info = Commands.run(Duration.ofMinutes(1), "dpkg-deb", "-I", deb.toString()).ok().output();
        String depends = field(info, "Depends");
        for (String needed : List.of("libfprint-2-2", "libv4l-0", "fonts-noto-cjk", "libgtk-3-0", "libgl1", "libxtst6")) {
            assertThat(depends).as("Depends of %s", TILL).contains(needed);
        }
        assertThat(info).contains("Package: " + TILL).contains(" postinst").contains(" postrm");
        String contents = Commands.run(Duration.ofMinutes(1), "dpkg-deb", "-c", deb.toString()).ok().output();
        assertThat(contents).contains("./opt/countertop-pos/bin/countertop-pos", "./usr/bin/countertop-pos -> ",
                "./usr/share/applications/countertop-pos.desktop", "./usr/share/icons/hicolor/256x256/apps/countertop-pos.png",
                "./usr/lib/udev/rules.d/70-countertop-pos.rules", "./opt/countertop-pos/lib/runtime/bin/java",
                "./opt/countertop-pos/lib/runtime/lib/libglassgtk3.so", "./opt/countertop-pos/lib/app/till.classlist");
        assertThat(contents).as("JavaFX is linked into the runtime, not on the class path").doesNotContain("lib/app/lib/javafx-");

        String desktop = Commands.fileInDeb(deb, "/usr/share/applications/countertop-pos.desktop");
        assertThat(desktop).contains("[Desktop Entry]", "Type=Application", "Exec=/opt/countertop-pos/bin/countertop-pos",
                "Icon=countertop-pos", "Name[zh_CN]=");
        String rules = Commands.fileInDeb(deb, "/usr/lib/udev/rules.d/70-countertop-pos.rules");
        assertThat(rules).contains("GROUP=\"plugdev\"", "MODE=\"0660\"").doesNotContain("0666");
        assertThat(rules.lines().filter(l -> l.startsWith("SUBSYSTEM==\"usb\"")).count())
                .as("one rule per fingerprint reader libfprint drives").isGreaterThan(10);

        String release = Commands.fileInDeb(deb, "/opt/countertop-pos/lib/runtime/release");
        assertThat(field(release, "MODULES")).contains("javafx.base", "javafx.graphics", "javafx.controls", "javafx.fxml");
        String cfg = Commands.fileInDeb(deb, "/opt/countertop-pos/lib/app/countertop-pos.cfg");
        for (String option : tillJavaOptions()) {
            assertThat(cfg).as("the package runs with assets/jvm/till-java-options").contains("java-options=" + option);
        }
        assertThat(cfg).contains("java-options=-XX:SharedArchiveFile=/var/lib/countertop-pos/cds/till.jsa")
                .doesNotContain("javafx-");
    }

    @Test
    @Order(2)
    void theHubPackageHasItsUnitConffileAndMaintainerScripts() {
        Path deb = deb(HUB);
        String info = Commands.run(Duration.ofMinutes(1), "dpkg-deb", "-I", deb.toString()).ok().output();
        assertThat(info).contains("Package: " + HUB).contains(" postinst").contains(" prerm").contains(" postrm")
                .contains(" conffiles");
        assertThat(Commands.run(Duration.ofMinutes(1), "dpkg-deb", "--ctrl-tarfile", deb.toString()).exitCode()).isZero();
        String conffiles = Commands.run(Duration.ofMinutes(1), "sh", "-c",
                "dpkg-deb --ctrl-tarfile \"$1\" | tar -xO ./conffiles", "sh", deb.toString()).ok().output();
        assertThat(conffiles.strip()).isEqualTo("/etc/countertop-pos/hub.properties");
        String contents = Commands.run(Duration.ofMinutes(1), "dpkg-deb", "-c", deb.toString()).ok().output();
        assertThat(contents).contains("./opt/countertop-pos-hub/bin/countertop-pos-hub",
                "./usr/lib/systemd/system/countertop-pos-hub.service", "./etc/countertop-pos/hub.properties");
        assertThat(contents).as("no secrets file in the package: postinst makes it").doesNotContain("./etc/countertop-pos/hub-secrets");

        String unit = Commands.fileInDeb(deb, "/usr/lib/systemd/system/countertop-pos-hub.service");
        assertThat(unit).contains("User=countertop-pos-hub", "Restart=on-failure", "NoNewPrivileges=yes",
                "ProtectSystem=strict", "ProtectHome=yes", "PrivateTmp=yes", "PrivateDevices=yes",
                "ReadWritePaths=/var/lib/countertop-pos-hub", "CapabilityBoundingSet=\n", "WantedBy=multi-user.target");
        List<String> execStart = execStart(unit);
        assertThat(execStart).containsExactly("/opt/countertop-pos-hub/bin/countertop-pos-hub", "--config",
                "/etc/countertop-pos/hub.properties", "--secrets", "/etc/countertop-pos/hub-secrets.properties");
        String release = Commands.fileInDeb(deb, "/opt/countertop-pos-hub/lib/runtime/release");
        assertThat(field(release, "MODULES")).contains("java.sql").doesNotContain("javafx");
    }

    @Test
    @Order(3)
    void bothPackagesInstallTheTillShowsItsWindowTheHubAnswersHealthAndBothPurgeCleanly() throws Exception {
        assumeTrue("0".equals(Commands.run(Duration.ofSeconds(10), "id", "-u").output().strip()),
                "installing the .deb files with dpkg -i needs root (as in CI); not root here");
        for (String pkg : List.of(TILL, HUB)) {
            assumeTrue(!installed(pkg), pkg + " is installed on this machine: the test leaves a real installation alone");
        }
        assumeTrue(!Files.exists(Path.of("/etc/countertop-pos")),
                "/etc/countertop-pos exists on this machine: the test leaves a real configuration alone");
        assumeTrue(Commands.run(Duration.ofSeconds(10), "getent", "passwd", HUB).exitCode() != 0,
                "the user " + HUB + " exists on this machine: the test leaves it alone");
        for (String tool : List.of("Xvfb", "xdotool", "runuser", "useradd")) {
            if (Commands.run(Duration.ofSeconds(10), "sh", "-c", "command -v " + tool).exitCode() != 0) {
                fail("the package test needs " + tool + " (./pos test installs xvfb and xdotool)");
            }
        }
        String tillUser = "ctpos-" + UUID.randomUUID().toString().substring(0, 8);
        List<Process> started = new ArrayList<>();
        boolean userMade = false;
        try {
            Commands.run(Duration.ofSeconds(30), "useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", tillUser).ok();
            userMade = true;
            Files.createDirectories(Path.of("/etc/countertop-pos"));
            Files.writeString(Path.of("/etc/countertop-pos/till-users"), "# the package test's till user\n" + tillUser + "\n");

            Commands.Result install = Commands.run(Duration.ofMinutes(3), "dpkg", "-i", deb(TILL).toString(), deb(HUB).toString());
            install.ok();
            assertThat(installed(TILL)).isTrue();
            assertThat(installed(HUB)).isTrue();

            checkHubUserAndFiles();
            String groups = Commands.run(Duration.ofSeconds(10), "id", "-nG", tillUser).ok().output();
            for (String group : DEVICE_GROUPS) {
                assertThat(groups.split("\\s+")).as("postinst adds the till's user to %s", group).contains(group);
            }
            assertThat(Path.of("/var/lib/countertop-pos/cds/till.jsa")).as("postinst dumps the CDS archive").isRegularFile();

            tillShowsItsWindow(started);
            hubStartsFromItsUnitAndAnswersHealth(started);
        } finally {
            for (Process process : started) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor();
            }
            Commands.run(Duration.ofMinutes(2), "dpkg", "--purge", TILL, HUB);
            if (userMade) {
                Commands.run(Duration.ofSeconds(30), "userdel", tillUser);
            }
        }
        assertThat(installed(TILL)).as("purged").isFalse();
        assertThat(installed(HUB)).as("purged").isFalse();
        assertThat(Commands.run(Duration.ofSeconds(10), "getent", "passwd", HUB).exitCode()).as("the hub user is gone").isNotZero();
        assertThat(Path.of("/etc/countertop-pos")).as("purge removes the configuration").doesNotExist();
        assertThat(Path.of("/var/lib/countertop-pos-hub")).doesNotExist();
        assertThat(Path.of("/var/lib/countertop-pos")).doesNotExist();
        assertThat(Path.of("/opt/countertop-pos")).doesNotExist();
    }

    private void checkHubUserAndFiles() throws IOException {
        String passwd = Commands.run(Duration.ofSeconds(10), "getent", "passwd", HUB).ok().output().strip();
        String[] fields = passwd.split(":");
        assertThat(Integer.parseInt(fields[2])).as("a system user").isLessThan(1000);
        assertThat(fields[5]).isEqualTo("/var/lib/countertop-pos-hub");
        assertThat(fields[6]).as("no login").isIn("/usr/sbin/nologin", "/sbin/nologin", "/bin/false");
        PosixFileAttributes config = Files.readAttributes(Path.of("/etc/countertop-pos/hub.properties"), PosixFileAttributes.class);
        assertThat(PosixFilePermissions.toString(config.permissions())).isEqualTo("rw-r-----");
        assertThat(config.group().getName()).as("the hub may read its configuration").isEqualTo(HUB);
        PosixFileAttributes secrets = Files.readAttributes(Path.of("/etc/countertop-pos/hub-secrets.properties"),
                PosixFileAttributes.class);
        assertThat(PosixFilePermissions.toString(secrets.permissions())).isEqualTo("rw-------");
        assertThat(secrets.owner().getName()).isEqualTo(HUB);
        PosixFileAttributes state = Files.readAttributes(Path.of("/var/lib/countertop-pos-hub"), PosixFileAttributes.class);
        assertThat(state.owner().getName()).isEqualTo(HUB);
    }

    /** The installed launcher under an Xvfb of its own, with a new HOME: some window of the till becomes visible. */
    private void tillShowsItsWindow(List<Process> started) throws Exception {
        Path displayFile = tmp.resolve("display");
        Process xvfb = new ProcessBuilder("sh", "-c", "exec Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>\"$1\"",
                "sh", displayFile.toString()).redirectErrorStream(true).redirectOutput(tmp.resolve("xvfb.log").toFile()).start();
        started.add(xvfb);
        String display = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(30).toNanos(); System.nanoTime() < end; Thread.sleep(100)) {
            if (Files.exists(displayFile) && !Files.readString(displayFile).isBlank()) {
                display = ":" + Files.readString(displayFile).strip();
                break;
            }
        }
        assertThat(display).as("Xvfb gave its display: %s", Files.exists(tmp.resolve("xvfb.log"))
                ? Files.readString(tmp.resolve("xvfb.log")) : "").isNotNull();
        Path home = Files.createDirectories(tmp.resolve("till-home"));
        Path tillLog = tmp.resolve("till.log");
        ProcessBuilder till = new ProcessBuilder("/usr/bin/countertop-pos").redirectErrorStream(true)
                .redirectOutput(tillLog.toFile()).directory(home.toFile());
        till.environment().put("DISPLAY", display);
        till.environment().put("HOME", home.toString());
        till.environment().put("XDG_DATA_HOME", home.resolve(".local/share").toString());
        till.environment().put("XDG_CONFIG_HOME", home.resolve(".config").toString());
        till.environment().put("JAVA_TOOL_OPTIONS", "-Xlog:cds=info:file=" + tmp.resolve("cds-%p.log"));
        started.add(till.start());
        String window = "";
        for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos(); System.nanoTime() < end && window.isBlank();
                Thread.sleep(250)) {
            assertThat(started.get(started.size() - 1).isAlive()).as("the till is running:\n%s", Files.readString(tillLog))
                    .isTrue();
            Commands.Result search = Commands.run(Duration.ofSeconds(20), "env", "DISPLAY=" + display, "xdotool", "search",
                    "--onlyvisible", "--name", ".");
            window = search.exitCode() == 0 ? search.output().strip() : "";
        }
        String log = Files.readString(tillLog, StandardCharsets.UTF_8);
        assertThat(window).as("a visible window of the till within 120 s; its output:\n%s", log).isNotBlank();
        assertThat(log).doesNotContain("Unsupported JavaFX configuration");
        StringBuilder cds = new StringBuilder();
        try (Stream<Path> logs = Files.list(tmp)) {
            for (Path file : logs.filter(f -> f.getFileName().toString().startsWith("cds-")).toList()) {
                cds.append(Files.readString(file));
            }
        }
        assertThat(cds.toString()).as("the installed launcher maps the package's CDS archive")
                .contains("Opened archive /var/lib/countertop-pos/cds/till.jsa");
    }

    /** The command of the installed unit's ExecStart, run as the hub's user, with a configuration for the test's services. */
    private void hubStartsFromItsUnitAndAnswersHealth(List<Process> started) throws Exception {
        Path unitFile = Stream.of("/usr/lib/systemd/system/countertop-pos-hub.service", "/lib/systemd/system/countertop-pos-hub.service")
                .map(Path::of).filter(Files::exists).findFirst().orElseThrow(() -> new AssertionError("no installed unit file"));
        List<String> execStart = execStart(Files.readString(unitFile));
        int port = pos.testkit.internal.FreePorts.pick();
        // As a store's administrator would: the installed conffile and secrets file, modes and owners kept.
        Files.writeString(Path.of("/etc/countertop-pos/hub.properties"), String.join("\n",
                "redis = " + redis.uri(), "mariadb = " + database.jdbcUrl(), "user = " + database.user(),
                "listen = 127.0.0.1:" + port, "provider = sandbox", "gateway-url = http://127.0.0.1:9/",
                "gateway-key-id = sandbox-key-1", "consumer = package-test", ""));
        String gatewaySecret = "pkg-test-" + UUID.randomUUID();
        Files.writeString(Path.of("/etc/countertop-pos/hub-secrets.properties"),
                "password = " + database.password() + "\ngateway-secret = " + gatewaySecret + "\n");
        // An upgrade (the same package again) keeps the edited conffile and the secrets file, and their modes.
        Commands.run(Duration.ofMinutes(3), "dpkg", "-i", deb(HUB).toString()).ok();
        assertThat(Files.readString(Path.of("/etc/countertop-pos/hub.properties"))).contains("listen = 127.0.0.1:" + port);
        assertThat(Files.readString(Path.of("/etc/countertop-pos/hub-secrets.properties"))).contains(gatewaySecret);
        checkHubUserAndFiles();
        if (Commands.run(Duration.ofSeconds(10), "sh", "-c", "command -v systemd-analyze").exitCode() == 0) {
            Commands.run(Duration.ofSeconds(60), "systemd-analyze", "verify", unitFile.toString()).ok();
        }
        List<String> command = new ArrayList<>(List.of("runuser", "-u", HUB, "--"));
        command.addAll(execStart);
        Path hubLog = tmp.resolve("hub.log");
        Process hub = new ProcessBuilder(command).directory(new java.io.File("/var/lib/countertop-pos-hub"))
                .redirectErrorStream(true).redirectOutput(hubLog.toFile()).start();
        started.add(hub);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> health = null;
        for (long end = System.nanoTime() + Duration.ofSeconds(120).toNanos(); System.nanoTime() < end; Thread.sleep(500)) {
            assertThat(hub.isAlive()).as("the hub is running:\n%s", Files.readString(hubLog)).isTrue();
            try {
                health = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                break;
            } catch (IOException e) {
                // not listening yet
            }
        }
        assertThat(health).as("the hub answers /health within 120 s; its output:\n%s", Files.readString(hubLog)).isNotNull();
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        assertThat(health.body()).contains("\"redis\":\"UP\"");
        Optional<ProcessHandle> java = Stream.concat(Stream.of(hub.toHandle()), hub.descendants()).filter(p -> p.info().command().orElse("").contains(HUB)).findFirst();
        assertThat(java).as("the hub runs from /opt/countertop-pos-hub").isPresent();
        String commandLine = Files.readString(Path.of("/proc/" + java.get().pid() + "/cmdline")).replace('\0', ' ');
        assertThat(commandLine).as("no secret on the hub's command line").doesNotContain(gatewaySecret);
        if (!database.password().isEmpty()) {
            assertThat(commandLine).as("no secret on the hub's command line").doesNotContain(database.password());
        }
        String user = Files.readAttributes(Path.of("/proc/" + java.get().pid()), PosixFileAttributes.class).owner().getName();
        assertThat(user).isEqualTo(HUB);
    }

    private static List<String> execStart(String unit) {
        String line = unit.lines().filter(l -> l.startsWith("ExecStart=")).findFirst()
                .orElseThrow(() -> new AssertionError("the unit has no ExecStart"));
        return Arrays.asList(line.substring("ExecStart=".length()).strip().split("\\s+"));
    }

    private static boolean installed(String pkg) {
        Commands.Result status = Commands.run(Duration.ofSeconds(20), "dpkg-query", "-W", "-f=${Status}", pkg);
        return status.exitCode() == 0 && status.output().contains("install ok installed");
    }

    private static List<String> tillJavaOptions() throws IOException {
        return Files.readAllLines(root().resolve("assets/jvm/till-java-options")).stream()
                .map(l -> l.replaceFirst("#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
    }

    private static String field(String text, String name) {
        return text.lines().map(String::strip).filter(l -> l.startsWith(name + ":") || l.startsWith(name + "="))
                .map(l -> l.substring(name.length() + 1).strip()).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in:\n" + text));
    }

    private static Path root() {
        return Path.of(System.getProperty("pos.root.dir", ".."));
    }

    private static Path deb(String pkg) {
        Path dir = Path.of(System.getProperty("pos.debs.dir", "target/debs"));
        try (Stream<Path> files = Files.exists(dir) ? Files.list(dir) : Stream.empty()) {
            Optional<Path> deb = files.filter(f -> f.getFileName().toString().matches(pkg + "_[^_]+_[^_]+\\.deb")).findFirst();
            assumeTrue(deb.isPresent(), "no " + pkg + " .deb in " + dir + ": the build skipped the packages (no jlink, jpackage"
                    + " or dpkg-deb on this machine; ./pos package names what is missing)");
            return deb.get();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
