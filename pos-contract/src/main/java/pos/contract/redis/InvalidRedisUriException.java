package pos.contract.redis;

import pos.contract.PosContractException;

/** A configured Redis address is not a {@code redis://host:port/db} URI. Immutable. */
public class InvalidRedisUriException extends PosContractException {

    private static final long serialVersionUID = 1L;

    public InvalidRedisUriException(String uri, Throwable cause) {
        super("not a Redis URI (expected redis://host:port/db): '" + uri + "'", cause);
    }
}
