package pos.core.biometric;

/**
 * The finger matched prints of two different people (libfprint's identify takes the first print in the
 * gallery that passes its threshold, not the best, so a second print that also passes is not a pick but a
 * doubt): the till names nobody and asks for another way to say who it is (PIN, member number). Immutable.
 */
public class AmbiguousMatchException extends BiometricException {

    private static final long serialVersionUID = 1L;
    private final int first;
    private final int second;

    public AmbiguousMatchException(int first, int second) {
        super("the finger matches the enrolled prints #" + first + " and #" + second + ", which belong to different people");
        this.first = first;
        this.second = second;
    }

    /** The index in the gallery of the first print that matched. */
    public int first() {
        return first;
    }

    /** The index in the gallery of another print, someone else's, that matched too. */
    public int second() {
        return second;
    }
}
