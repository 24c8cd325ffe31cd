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
    PAID,
    /** The pay-code panel is open: the next scan is the customer's payment code. */
    AWAITING_PAY_CODE,
    /** The card panel is open: card number, bank, amount; Enter checks against the rule base (R13). */
    CARD_ENTRY,
    /** The check passed: the customer types the 6-digit PIN on the shuffled keypad (R18). */
    CARD_PIN,
    /** A gateway payment (QR, pay-code or card) is in progress; its state is shown. */
    PAYING,
    /** A gateway payment ended without money: failed, timed out, unreachable or cancelled. */
    PAYMENT_PROBLEM
}
