package pos.core.biometric;

/**
 * The finger (or, issue 16, the face) matched templates of two different people (libfprint's identify takes the
 * first print in the gallery that passes its threshold, not the best, so a second print that also passes is not a
 * pick but a doubt; a face close to two people's is no pick either): the till names nobody and asks for another way
 * to say who it is (PIN, member number). Immutable.
 */
public class AmbiguousMatchException extends BiometricException {

    private static final long serialVersionUID = 1L;
    private final int first;
    private final int second;

    /** A finger that matched the prints {@code first} and {@code second}, of different people. */
    public AmbiguousMatchException(int first, int second) {
        this("the finger matches the enrolled prints #" + first + " and #" + second + ", which belong to different people",
                first, second);
    }

    private AmbiguousMatchException(String message, int first, int second) {
        super(message);
        this.first = first;
        this.second = second;
    }

    /** Issue 16: a face that looked like the templates {@code first} and {@code second}, of different people. */
    public static AmbiguousMatchException ofFace(int first, int second) {
        return new AmbiguousMatchException("the face is as close to the enrolled face templates #" + first + " and #"
                + second + ", which belong to different people", first, second);
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
