package pos.app.returns;

/** The store's hub could not be asked about a sale (down, unreachable, not configured); the cause says why. */
public final class StoreUnreachableException extends RuntimeException {
    public StoreUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
