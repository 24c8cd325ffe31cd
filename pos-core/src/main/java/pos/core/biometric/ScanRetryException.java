package pos.core.biometric;

/** The finger was read badly during a verify or identify; {@link #prompt()} says what to do before trying again. */
public class ScanRetryException extends BiometricException {

    private static final long serialVersionUID = 1L;
    private final ScanPrompt prompt;

    public ScanRetryException(ScanPrompt prompt) {
        super(prompt.sentence());
        this.prompt = prompt;
    }

    public ScanPrompt prompt() {
        return prompt;
    }
}
