package pos.core.biometric;

/**
 * One step of an enrolment: {@code completedStages} of {@code stages} scans done, and what to ask for next
 * (a retry prompt when the last scan was rejected). Immutable.
 */
public record EnrollProgress(int completedStages, int stages, ScanPrompt prompt) {

    /** "Place finger 3 of 5", or the retry sentence. */
    public String sentence() {
        if (prompt.isRetry()) {
            return prompt.sentence();
        }
        if (prompt == ScanPrompt.PLACE_FINGER && completedStages < stages) {
            return "Place finger " + (completedStages + 1) + " of " + stages;
        }
        return prompt.sentence();
    }

    public boolean isDone() {
        return completedStages >= stages;
    }
}
