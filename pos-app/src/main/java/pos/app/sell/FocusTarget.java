package pos.app.sell;

/** Which input the view model wants the clerk's keystrokes in next. */
public enum FocusTarget { SCAN_FIELD, TENDER_FIELD, CART }
