package pos.app.checkout;

/**
 * Where the checkout is: the one value every part of the sell screen shows itself from. Which
 * gateway tender a payment state belongs to is {@link Checkout#gatewayTender()}; whether anybody
 * is signed in is {@link Checkout#locked()} (a sale stays open while clerks switch).
 */
public enum CheckoutState {
    /** Scanning items into the cart. */
    CART,
    /** The cash panel is open: the clerk types what the customer handed over. */
    CASH,
    /** The sale is being written to the journal. Input waits a moment. */
    SAVING,
    /** Journal write failed: the sale is kept on screen; Enter tries again. */
    SAVE_FAILED,
    /** Paid and journaled; the change is shown; the next scan starts a new sale. */
    PAID,
    /** The pay-code panel is open: the next scan is the customer's payment code. */
    PAY_CODE,
    /** The card panel is open: card number, bank, amount; Enter checks against the rule base (R13). */
    CARD_ENTRY,
    /** The check passed: the customer types the 6-digit PIN on the shuffled keypad (R18). */
    CARD_PIN,
    /** A gateway payment (QR, pay-code or card) is in progress; its state is shown. */
    PAYING,
    /** A gateway payment ended without money: failed, timed out, unreachable or cancelled. */
    PAYMENT_PROBLEM;

    /** Whether the journal is being written or the sale is done: the cart can no longer change. */
    public boolean finishing() {
        return this == SAVING || this == SAVE_FAILED || this == PAID;
    }
}
