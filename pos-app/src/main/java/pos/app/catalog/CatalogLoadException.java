package pos.app.catalog;

/** The catalog could not be loaded; the message names the file and line. */
public class CatalogLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CatalogLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
