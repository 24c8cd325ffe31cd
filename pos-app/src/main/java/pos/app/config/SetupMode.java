package pos.app.config;

/** Issue 14: {@code pos.setup}, when the first-run set-up opens. */
public enum SetupMode {
    /** When the configuration file is missing and the data directory holds no journal yet. */
    AUTO,
    /** Never (tests and benchmarks). */
    OFF
}
