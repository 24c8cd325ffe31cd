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
}
