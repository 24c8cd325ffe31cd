package pos.app.checkout;

/** How the sell screen's message line is styled. */
public enum MessageKind { INFO, SUCCESS, WARNING, ERROR }
