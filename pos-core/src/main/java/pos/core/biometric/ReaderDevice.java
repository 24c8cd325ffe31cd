package pos.core.biometric;

/**
 * A fingerprint reader found by the driver stack: its driver (e.g. "virtual_image", "elan"), device id, the
 * product name and how many scans an enrolment takes. Immutable.
 */
public record ReaderDevice(String driver, String deviceId, String name, int enrollStages, boolean canIdentify) {

    @Override
    public String toString() {
        return name + " (" + driver + ", " + enrollStages + " enrolment scans" + (canIdentify ? ", identifies" : "") + ")";
    }
}
