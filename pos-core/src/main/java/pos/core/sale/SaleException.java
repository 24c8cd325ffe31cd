package pos.core.sale;

/** Base of the failures a sale can refuse an operation with. Each carries a translatable reason. */
public class SaleException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why the sale refused; each has a message key in the till's bundles. */
    public enum Reason {
        NOT_IN_STATE, EMPTY_SALE, NO_SUCH_LINE, BAD_QUANTITY, NOT_ENOUGH_TENDERED, TOO_LARGE, PART_PAID, BAD_PRICE
    }

    private final Reason reason;

    public SaleException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
