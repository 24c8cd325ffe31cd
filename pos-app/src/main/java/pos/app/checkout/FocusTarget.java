package pos.app.checkout;

/** Which input the view model wants the clerk's keystrokes in next (also R15's correction link). */
public enum FocusTarget { SCAN_FIELD, TENDER_FIELD, CART, CARD_NUMBER, CARD_AMOUNT, AGE_CONFIRMATION, PIN_PAD, PAY_AGAIN }
