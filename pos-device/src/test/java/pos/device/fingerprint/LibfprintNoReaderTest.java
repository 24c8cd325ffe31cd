package pos.device.fingerprint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import pos.core.biometric.NoReaderException;
import pos.core.biometric.ReaderStatus;

/** A till with libfprint but no reader plugged in (no FP_VIRTUAL_IMAGE, no USB reader on a build machine). */
class LibfprintNoReaderTest {

    @Test
    @DisplayName("R18 without a reader the till starts, says so, and scans fail with a plain sentence")
    void withoutAReaderTheStatusSaysNoFingerprintReader() {
        try (LibfprintReader reader = new LibfprintReader(FingerprintWorkerSettings.defaults())) {
            reader.start();
            assertThat(reader.status().state()).isEqualTo(ReaderStatus.State.NO_READER);
            assertThat(reader.status().sentence()).isEqualTo("No fingerprint reader (no fingerprint reader is plugged in)");
            assertThat(reader.devices()).isEmpty();
            assertThatThrownBy(() -> reader.enroll(progress -> { })).isInstanceOf(NoReaderException.class)
                    .hasMessage("no fingerprint reader is plugged in");
        }
    }

    /**
     * Issue 14 point 4: "the till takes ... 277 MiB, plus 58 MiB for the fingerprint worker ... the worker started only
     * when a reader is there." Without a reader the worker that looked for one exits; a scan starts a fresh one.
     */
    @Test
    @DisplayName("issue 14: without a reader no worker process stays; a scan looks again with a fresh one")
    void withoutAReaderTheWorkerExits() throws Exception {
        try (LibfprintReader reader = new LibfprintReader(FingerprintWorkerSettings.defaults())) {
            reader.start();
            assertThat(reader.status().state()).isEqualTo(ReaderStatus.State.NO_READER);
            assertThat(reader.worker().workersStarted()).as("the start looked for a reader in a worker").isEqualTo(1);
            assertThat(reader.worker().workerPid()).as("and that worker is gone").isEmpty();
            assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
                    .filter(child -> child.info().commandLine().orElse("").contains("FingerprintWorkerMain")).count())
                    .as("no worker process left running").isZero();
            assertThatThrownBy(() -> reader.enroll(progress -> { })).isInstanceOf(NoReaderException.class);
            assertThat(reader.worker().workersStarted()).as("the scan asked a fresh worker").isEqualTo(2);
        }
    }
}
