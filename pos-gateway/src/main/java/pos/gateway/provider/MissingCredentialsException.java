package pos.gateway.provider;

import pos.gateway.PosGatewayException;

/**
 * A provider's credential is missing or unsafe: the message names the file and the environment variable that can
 * hold it, and what is wrong (absent, readable by others, empty). Never carries the secret itself.
 */
public class MissingCredentialsException extends PosGatewayException {

    private static final long serialVersionUID = 1L;

    public MissingCredentialsException(String message) {
        super(message);
    }

    public MissingCredentialsException(String message, Throwable cause) {
        super(message, cause);
    }
}
