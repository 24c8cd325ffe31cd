package pos.contract;

/**
 * Base of every failure raised by pos-contract. Subclasses are named for the failure and their
 * messages carry the context a person needs (host:port, file, counts); the cause is chained.
 * Immutable.
 */
public class PosContractException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PosContractException(String message) {
        super(message);
    }

    public PosContractException(String message, Throwable cause) {
        super(message, cause);
    }
}
