package pos.core.device;

import java.time.Instant;
import java.util.Objects;

/**
 * One completed scan. Immutable.
 *
 * @param code     the decoded characters, without prefix, suffix or terminator
 * @param source   which device produced it (its {@link Scanner#name()})
 * @param scannedAt when the scan completed
 */
public record ScanEvent(String code, String source, Instant scannedAt) {
    public ScanEvent {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(scannedAt, "scannedAt");
    }
}
