package pos.app.start;

import java.util.List;

/**
 * The till could not start: one step failed, and everything opened before it was closed again. The message says
 * the step and the reason for the installer's log; the start-up window says the step in the clerk's language
 * ({@link #stepKey()} is its key in the resource bundle).
 */
public class TillStartException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String stepKey;
    private final List<String> closedSteps;

    public TillStartException(String stepKey, Throwable cause, List<String> closedSteps) {
        super("the till could not start: step '" + stepKey + "' failed: " + reason(cause) + (closedSteps.isEmpty() ? ""
                : " (closed again, in this order: " + String.join(", ", closedSteps) + ")"), cause);
        this.stepKey = stepKey;
        this.closedSteps = List.copyOf(closedSteps);
    }

    private static String reason(Throwable cause) {
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }

    /** The failed step's key in the resource bundle, e.g. {@code start.step.redis}. */
    public String stepKey() {
        return stepKey;
    }

    /** The reason the step failed, as its cause said it. */
    public String reason() {
        return reason(getCause());
    }

    /** The steps closed after the failure, in the order they were closed (the latest opened first). */
    public List<String> closedSteps() {
        return closedSteps;
    }
}
