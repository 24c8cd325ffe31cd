package pos.contract.json;

import pos.contract.PosContractException;

/**
 * A JSON document that is not what it must be: not JSON, a missing or unknown field, a value of the
 * wrong type. The message is a sentence naming the field ({@code "field 'amountMinor' must be a whole
 * number"}); it never quotes more of the input than a value. Immutable.
 */
public class MalformedJsonException extends PosContractException {

    private static final long serialVersionUID = 1L;

    public MalformedJsonException(String message, Throwable cause) {
        super(message, cause);
    }
}
