package pos.app.config;

/** A setting is missing, unknown or has a bad value; the message names it. */
public class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
