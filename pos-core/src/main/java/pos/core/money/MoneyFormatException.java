package pos.core.money;

import pos.core.text.ClerkEcho;

/** Text typed as an amount could not be read as one. The reason is for the screen to translate. */
public class MoneyFormatException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why the text is not an amount; each has a message key in the till's bundles. */
    public enum Reason { EMPTY, NOT_A_NUMBER, TOO_MANY_DECIMALS, TOO_LARGE }

    private final Reason reason;
    private final String input;

    public MoneyFormatException(Reason reason, String input) {
        super("not an amount (" + reason + "): '" + ClerkEcho.forLog(input) + "'");
        this.reason = reason;
        this.input = input;
    }

    public Reason reason() {
        return reason;
    }

    public String input() {
        return input;
    }
}
