package pos.core.biometric;

import java.util.Arrays;
import java.util.Objects;

/**
 * An enrolled finger: the driver's serialized template (fp_print_serialize) and the driver and device it was
 * made with. Opaque to everything but the reader that made it; a print from another reader type must be
 * re-enrolled ({@link BiometricReader#isCompatible}). Biometric data: {@link #toString()} shows only the size
 * and driver, never the bytes; store it encrypted. Immutable (the bytes are copied in and out).
 */
public final class FingerPrint {

    private final byte[] template;
    private final String driver;
    private final String deviceId;

    public FingerPrint(byte[] template, String driver, String deviceId) {
        Objects.requireNonNull(template, "template");
        if (template.length == 0) {
            throw new IllegalArgumentException("a fingerprint template cannot be empty");
        }
        this.template = template.clone();
        this.driver = Objects.requireNonNull(driver, "driver");
        this.deviceId = Objects.requireNonNull(deviceId, "deviceId");
    }

    /** A copy of the serialized template. */
    public byte[] template() {
        return template.clone();
    }

    public int size() {
        return template.length;
    }

    public String driver() {
        return driver;
    }

    public String deviceId() {
        return deviceId;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof FingerPrint that && Arrays.equals(template, that.template)
                && driver.equals(that.driver) && deviceId.equals(that.deviceId);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(template) * 31 + driver.hashCode();
    }

    @Override
    public String toString() {
        return "FingerPrint[" + template.length + " bytes, driver " + driver + "]";
    }
}
