package pos.app.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.stage.Stage;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;
import pos.app.Wiring;
import pos.app.config.ConfigLoader;
import pos.app.config.TillConfig;
import pos.contract.redis.RedisLoginRefusedException;
import pos.contract.redis.UnableToReachRedisException;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 11: a start-up that fails leaves nothing open. The whole till is started on the FX thread, as the application
 * starts it, with a real failure: the store's Redis required but nothing listening on its port, or a real Redis whose
 * ACL refuses the till's login, or a damaged print-key file in the data directory (the people step, after the journal,
 * Redis, sync, payments and rules were opened). Threads (name and id), open file descriptors (/proc/self/fd and what
 * they point to: the SQLite journal and its -wal/-shm files, sockets) are compared before and after.
 *
 * <p>The first failing start-up of a JVM loads classes (opening jars) and starts JVM-wide pools that live as long as
 * the JVM (not the till's); so each test fails one start-up first, then compares around a second one. What one
 * start-up leaked, the second leaks again; and no descriptor may point into the data directory even after the first.
 */
@ExtendWith(ApplicationExtension.class)
@DisplayName("A start-up that fails (issue 11)")
class StartupFailureTest {

    @TempDir
    Path temp;

    @Start
    void start(Stage stage) {
        // the JavaFX toolkit is up; the till is started on its thread by each test, with no window
    }

    /** Live threads as "name#id", and open descriptors as fd → what it points to. */
    record Snapshot(Set<String> threads, Map<String, String> descriptors) {

        static Snapshot take() {
            Set<String> threads = new HashSet<>();
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.isAlive()) {
                    threads.add(thread.getName() + "#" + thread.getId());
                }
            }
            return new Snapshot(threads, openDescriptors());
        }

        static Map<String, String> openDescriptors() {
            Map<String, String> open = new TreeMap<>();
            try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
                fds.forEach(fd -> {
                    try {
                        String target = Files.readSymbolicLink(fd).toString();
                        // the directory handle of this very listing (/proc/<pid>/fd) is the test's, not the till's
                        if (!target.matches("/proc/(self|\\d+)/fd")) {
                            open.put(fd.getFileName().toString(), target);
                        }
                    } catch (IOException gone) {
                        // the descriptor of the listing itself, closed by now: not one of the till's
                    }
                });
            } catch (IOException e) {
                throw new IllegalStateException("cannot list /proc/self/fd", e);
            }
            return open;
        }

        /** What is open now and was not in {@code before} (new threads, new or reused descriptors). */
        Snapshot newSince(Snapshot before) {
            Set<String> threads = new HashSet<>(this.threads);
            threads.removeAll(before.threads);
            Map<String, String> descriptors = new TreeMap<>(this.descriptors);
            descriptors.entrySet().removeIf(e -> e.getValue().equals(before.descriptors.get(e.getKey())));
            return new Snapshot(threads, descriptors);
        }
    }

    private static RuntimeException startFails(TillConfig config) throws Exception {
        try {
            Wiring wiring = WaitForAsyncUtils.asyncFx(() -> Wiring.start(config, Clock.systemUTC(), null)).get(60, TimeUnit.SECONDS);
            WaitForAsyncUtils.asyncFx(wiring::close).get(30, TimeUnit.SECONDS);
            throw new AssertionError("the till started although it should not have");
        } catch (ExecutionException e) {
            return (RuntimeException) e.getCause();
        }
    }

    private TillConfig config(Path dataDir, Map<String, String> environment, Map<String, String> settings) {
        Map<String, String> all = new HashMap<>(settings);
        all.put("pos.data.dir", dataDir.toString());
        all.put("pos.demo", "true");
        all.put("pos.scanner.maxGapMs", "150");
        return new ConfigLoader().load(null, environment, all, temp);
    }

    /** Fails a start-up once (warm-up), then again between two snapshots; returns the second failure. */
    private RuntimeException failsAndLeavesNothingOpen(java.util.function.Function<Path, TillConfig> configIn) throws Exception {
        Path firstDir = temp.resolve("first");
        RuntimeException first = startFails(configIn.apply(firstDir));
        assertThat(Snapshot.openDescriptors().values()).as("descriptors into the data directory after the first failure")
                .noneMatch(target -> target.startsWith(firstDir.toString()));

        Path dataDir = temp.resolve("second");
        Snapshot before = Snapshot.take();
        RuntimeException failure = startFails(configIn.apply(dataDir));
        assertThat(failure).hasSameClassAs(first);
        await("every thread and descriptor of the failed start-up is gone").atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200)).pollInSameThread().untilAsserted(() -> {
                    Snapshot left = Snapshot.take().newSince(before);
                    assertThat(left.threads()).as("threads left by the failed start-up").isEmpty();
                    assertThat(left.descriptors()).as("descriptors (files, sockets) left by the failed start-up").isEmpty();
                });
        assertThat(Files.exists(dataDir.resolve("journal.db"))).as("the journal was opened before the failure").isTrue();
        return failure;
    }

    @Test
    @DisplayName("R9 Redis required and nothing listening on its port: the step is named, nothing is left open")
    void redisRequiredButUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort(); // free now; nothing listens once it is closed
        }
        String url = "redis://127.0.0.1:" + port;
        RuntimeException failure = failsAndLeavesNothingOpen(dir -> config(dir, Map.of(),
                Map.of("pos.redis.url", url, "pos.redis.requirement", "required")));

        assertThat(failure).isInstanceOfSatisfying(TillStartException.class, e -> {
            assertThat(e.stepKey()).isEqualTo("start.step.redis");
            assertThat(e.getCause()).isInstanceOf(UnableToReachRedisException.class);
            assertThat(e.reason()).contains("127.0.0.1:" + port).contains("connection refused");
            assertThat(e.closedSteps()).containsExactly("start.step.journal");
        });
    }

    @Test
    @DisplayName("SEC-600 a real Redis whose ACL refuses the till's password: the step and the refusal are named, nothing is left open")
    void redisRefusesTheLogin() throws Exception {
        try (RedisProcess redis = RedisProcess.builder().aclUser("pos-till", "on ~pos:* +@all").build().start()) {
            RuntimeException failure = failsAndLeavesNothingOpen(dir -> config(dir,
                    Map.of("POS_REDIS_PASSWORD", "not-the-password-" + System.nanoTime()),
                    Map.of("pos.redis.url", redis.uri(), "pos.redis.user", "pos-till", "pos.redis.requirement", "required")));

            assertThat(failure).isInstanceOfSatisfying(TillStartException.class, e -> {
                assertThat(e.stepKey()).isEqualTo("start.step.redis");
                assertThat(e.getCause()).isInstanceOf(RedisLoginRefusedException.class);
                assertThat(e.reason()).contains("pos-till").contains("WRONGPASS");
            });
        }
    }

    @Test
    @DisplayName("a failure at a later step (people: a damaged print-key file) closes every earlier step in reverse order and leaves nothing open")
    void aLaterStepFailureClosesTheEarlierStepsInReverseOrder() throws Exception {
        try (RedisProcess redis = new RedisProcess().start()) {
            RuntimeException failure = failsAndLeavesNothingOpen(dir -> {
                try {
                    Files.createDirectories(dir);
                    Files.writeString(dir.resolve("print-keys"), "k1:this-is-not-base64!\n");
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                return config(dir, Map.of(), Map.of("pos.redis.url", redis.uri(), "pos.redis.requirement", "required",
                        "pos.signin", "auto"));
            });

            assertThat(failure).isInstanceOfSatisfying(TillStartException.class, e -> {
                assertThat(e.stepKey()).isEqualTo("start.step.people");
                assertThat(e.reason()).contains("print-keys").contains("not base64");
                assertThat(e.closedSteps()).containsExactly("start.step.alerts", "start.step.recovery", "start.step.vouchers",
                        "start.step.rules", "start.step.rules", "start.step.screens", "start.step.screens", "start.step.screens",
                        "start.step.sync", "start.step.redis", "start.step.journal");
            });
        }
    }
}
