package pos.contract.journal;

import pos.contract.PosContractException;

/** A journal or stream payload that is not a record of its kind; the message says what is wrong. */
public final class MalformedTillRecordException extends PosContractException {
    private static final long serialVersionUID = 1L;

    public MalformedTillRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
