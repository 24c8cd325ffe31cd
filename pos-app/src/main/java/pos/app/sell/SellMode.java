package pos.app.sell;

/** What the sell screen is doing; the view shows the matching panel and the next action. */
public enum SellMode {
    /** Scanning items into the cart. */
    SELLING,
    /** The cash panel is open: the clerk types what the customer handed over. */
    TENDERING,
    /** The sale is being written to the journal. Input waits a moment. */
    SAVING,
    /** Journal write failed: the sale is kept on screen; Enter tries again. */
    SAVE_FAILED,
    /** Paid and journaled; the change is shown; the next scan starts a new sale. */
    PAID
}
