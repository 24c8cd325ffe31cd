package pos.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class ParentDeathTest {

    private static final Logger LOG = LoggerFactory.getLogger(ParentDeathTest.class);

    @Test
    void aServerDiesWithinSecondsWhenItsJvmIsKilledAndTheNextSweepRemovesItsDirectory() throws Exception {
        Path javaLauncher = Path.of(System.getProperty("java.home"), "bin", "java");
        Process childJvm = new ProcessBuilder(List.of(javaLauncher.toString(), "-cp", System.getProperty("java.class.path"),
                "-D" + InstanceDir.ROOT_PROPERTY + "=" + InstanceDir.root(),
                ChildJvmWithRedis.class.getName()))
                .redirectErrorStream(true)
                .start();
        String[] ready;
        try {
            ready = awaitReadyLine(childJvm);
        } catch (Throwable e) {
            childJvm.destroyForcibly();
            throw e;
        }
        int port = Integer.parseInt(ready[1]);
        long redisPid = Long.parseLong(ready[2]);
        Path dataDir = Path.of(ready[3]);
        assertThat(answers(port)).isTrue();
        assertThat(dataDir).isDirectory();

        long killedAt = System.nanoTime();
        childJvm.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertThat(childJvm.waitFor(5, TimeUnit.SECONDS)).isTrue();
        await("redis port " + port + " to stop answering").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(answers(port)).as("redis port %d still answers 5 s after its JVM was killed", port).isFalse());
        LOG.info("redis on port {} stopped answering {} ms after its JVM was SIGKILLed", port,
                (System.nanoTime() - killedAt) / 1_000_000);
        // the listening socket closes as soon as the process dies; init may reap the zombie a bit later
        await("redis pid " + redisPid + " to end").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(isRunning(redisPid)).as("redis pid %d still runs", redisPid).isFalse());

        assertThat(dataDir).as("no hook ran, so the directory is still there").isDirectory();
        assertThat(StaleSweeper.sweep(InstanceDir.root())).contains(dataDir);
        assertThat(dataDir).doesNotExist();
    }

    private static String[] awaitReadyLine(Process childJvm) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(childJvm.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = output.readLine()) != null; ) {
            if (line.startsWith("READY ")) {
                return line.split(" ", 4);
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("child JVM exited without starting Redis; its output:\n" + seen);
    }

    private static boolean isRunning(long pid) {
        return new Owner(pid, -1L).live().isPresent();
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }
}
