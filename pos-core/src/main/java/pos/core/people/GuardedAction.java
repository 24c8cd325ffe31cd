package pos.core.people;

/** The actions a cashier cannot do alone: each needs an {@link Approval} by a supervisor. Immutable. */
public enum GuardedAction {
    /** Remove a line from a sale. */
    VOID_LINE("void a line"),
    /** Cancel a whole sale. */
    CANCEL_SALE("cancel the sale"),
    /** Give money back for an earlier sale. */
    REFUND("refund"),
    /** Sell an item at another price than the catalogue's. */
    PRICE_OVERRIDE("override a price"),
    /** Open the cash drawer without a sale (issue 12, point 2). */
    NO_SALE("open the drawer without a sale"),
    /** Give a discount above the cashier's limit (a store setting, {@link pos.core.sale.DiscountLimits}). */
    DISCOUNT("give a discount above the cashier's limit");

    private final String words;

    GuardedAction(String words) {
        this.words = words;
    }

    /** The action in plain words for messages, e.g. "void a line". */
    public String words() {
        return words;
    }
}
