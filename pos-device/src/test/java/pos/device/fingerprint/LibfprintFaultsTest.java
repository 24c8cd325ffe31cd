package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.biometric.FingerPrint;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderStatus;
import pos.core.biometric.ReaderTimeoutException;
import pos.core.biometric.ScanPrompt;
import pos.device.fingerprint.sim.SyntheticFinger;
import pos.device.fingerprint.sim.VirtualSensor;

/** Faults that end a reader's session: a hung worker and an unplugged reader, each with a reader of its own. */
class LibfprintFaultsTest {

    static final SyntheticFinger FINGER = new SyntheticFinger(4242);

    Path dir;
    Path socket;
    LibfprintReader reader;
    VirtualSensor sensor;

    @BeforeEach
    void start() throws IOException {
        dir = Files.createTempDirectory("fp-faults");
        socket = dir.resolve("virtual-image.socket");
        reader = new LibfprintReader(FingerprintWorkerSettings.defaults().withVirtualImageSocket(socket)
                .withScanTimeout(Duration.ofSeconds(2)));
        reader.start();
        sensor = new VirtualSensor(socket).place(FINGER);
    }

    @AfterEach
    void stop() throws IOException {
        sensor.close();
        reader.close();
        try (var files = Files.list(dir)) {
            for (Path each : files.toList()) {
                Files.delete(each);
            }
        }
        Files.delete(dir);
    }

    @Test
    @DisplayName("R18 a hung worker (SIGSTOP) times out with a clear message, is replaced, and the next call works")
    void hungWorkerIsReplaced() throws Exception {
        FingerPrint print = reader.enroll(sensor.progress());
        long hungPid = reader.worker().workerPid().orElseThrow();
        CountDownLatch asked = new CountDownLatch(1);
        CompletableFuture<Boolean> verify = CompletableFuture.supplyAsync(() -> reader.verify(print, prompt -> {
            if (prompt == ScanPrompt.PLACE_FINGER) {
                asked.countDown();
            }
        }));
        assertThat(asked.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(hungPid)).start().waitFor()).isZero();

        assertThatThrownBy(() -> verify.get(15, TimeUnit.SECONDS)).cause().isInstanceOf(ReaderTimeoutException.class)
                .hasMessage("the fingerprint reader did not answer (verify) within 2 s; its driver was restarted, please try again");
        assertThat(ProcessHandle.of(hungPid).map(ProcessHandle::isAlive).orElse(false)).as("the hung worker is gone").isFalse();

        sensor.reconnect();
        assertThat(reader.verify(print, sensor.prompts())).isTrue();
        assertThat(reader.worker().workerPid().orElseThrow()).isNotEqualTo(hungPid);
        sensor.check();
    }

    @Test
    @DisplayName("R18 an unplugged reader ends the scan with 'unplugged' and the status says no fingerprint reader")
    void unpluggedReaderSaysSo() {
        FingerPrint print = reader.enroll(sensor.progress());
        sensor.thenUnplug();
        assertThatThrownBy(() -> reader.verify(print, sensor.prompts())).isInstanceOf(NoReaderException.class)
                .hasMessage("the fingerprint reader was unplugged (verifying a finger)");
        assertThat(reader.status().state()).isEqualTo(ReaderStatus.State.NO_READER);
        assertThat(reader.status().sentence()).isEqualTo("No fingerprint reader (the fingerprint reader was unplugged (verifying a finger))");
        sensor.check();
    }
}
