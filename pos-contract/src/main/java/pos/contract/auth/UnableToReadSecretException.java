package pos.contract.auth;

import pos.contract.PosContractException;

/** A secret could not be read (missing, readable by others, empty, malformed); the message never holds the secret. Immutable. */
public class UnableToReadSecretException extends PosContractException {

    private static final long serialVersionUID = 1L;

    public UnableToReadSecretException(String message) {
        super(message);
    }

    public UnableToReadSecretException(String message, Throwable cause) {
        super(message, cause);
    }
}
