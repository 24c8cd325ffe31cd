package pos.core.text;

/** Text typed as a whole number could not be read as one. The reason is for the screen to translate. */
public class NumericTextException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why the text is not a number the field takes; each has a message key in the till's bundles. */
    public enum Reason { EMPTY, NOT_A_NUMBER, TOO_LARGE }

    private final Reason reason;
    private final String input;

    public NumericTextException(Reason reason, String input) {
        super("not a whole number (" + reason + "): '" + ClerkEcho.forLog(input) + "'");
        this.reason = reason;
        this.input = input;
    }

    public Reason reason() {
        return reason;
    }

    /** What was read, after normalising; echo it with {@link ClerkEcho#safe}. */
    public String input() {
        return input;
    }
}
