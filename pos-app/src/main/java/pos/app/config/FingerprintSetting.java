package pos.app.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code pos.fingerprint}: auto, off, or {@code virtual-image:SOCKET}. Immutable.
 *
 * @param mode               which of those
 * @param virtualImageSocket the socket of {@link FingerprintMode#VIRTUAL_IMAGE}, else empty
 */
public record FingerprintSetting(FingerprintMode mode, Optional<Path> virtualImageSocket) {

    public FingerprintSetting {
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(virtualImageSocket, "virtualImageSocket");
        if ((mode == FingerprintMode.VIRTUAL_IMAGE) != virtualImageSocket.isPresent()) {
            throw new IllegalArgumentException("a socket goes with VIRTUAL_IMAGE only: " + mode + " " + virtualImageSocket);
        }
    }

    /** Whether a reader is wanted at all. */
    public boolean wanted() {
        return mode != FingerprintMode.OFF;
    }

    @Override
    public String toString() {
        return mode == FingerprintMode.VIRTUAL_IMAGE ? TillConfig.VIRTUAL_IMAGE + virtualImageSocket.get()
                : ConfigValues.settingText(mode);
    }
}
