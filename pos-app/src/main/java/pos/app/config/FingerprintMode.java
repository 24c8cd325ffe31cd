package pos.app.config;

/** {@code pos.fingerprint}: the fingerprint reader. */
public enum FingerprintMode {
    /** libfprint's first reader, if any. */
    AUTO,
    OFF,
    /** libfprint's virtual_image device on a socket (demos, tests). */
    VIRTUAL_IMAGE
}
