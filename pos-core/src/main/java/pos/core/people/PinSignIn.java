package pos.core.people;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * PIN sign-in with lockout: after {@code maxWrongPins} wrong PINs in a row a clerk is locked out
 * for {@code lockout}; a right PIN resets the count. Also checks a supervisor's PIN for an
 * approval ({@link #verify}). The count is kept per till in memory (a restart clears it; the
 * PBKDF2 cost still makes every guess slow). Thread-safe.
 *
 * <pre>{@code
 * PinSignIn signIn = new PinSignIn(directory, "till-1", 5, Duration.ofMinutes(5), clock);
 * try {
 *     SignedIn shift = signIn.signIn(clerkId, pinChars);   // off the FX thread: PBKDF2 takes ~0.2 s
 * } catch (SignInRefusedException e) {
 *     show(e.getMessage());                                // "Wrong PIN for Ann: 2 tries left"
 * }
 * }</pre>
 */
public final class PinSignIn {

    /** The default number of wrong PINs that locks a clerk out. */
    public static final int DEFAULT_MAX_WRONG_PINS = 5;
    /** The default lockout. */
    public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(5);

    private final ClerkDirectory directory;
    private final String tillId;
    private final int maxWrongPins;
    private final Duration lockout;
    private final Clock clock;
    private final Map<String, Failures> failures = new HashMap<>(); // guarded by this

    private static final class Failures {
        int count;
        Instant lockedUntil;
    }

    public PinSignIn(ClerkDirectory directory, String tillId, int maxWrongPins, Duration lockout, Clock clock) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.tillId = Objects.requireNonNull(tillId, "tillId");
        if (maxWrongPins < 1) {
            throw new IllegalArgumentException("maxWrongPins must be at least 1: " + maxWrongPins);
        }
        this.maxWrongPins = maxWrongPins;
        this.lockout = Objects.requireNonNull(lockout, "lockout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Signs {@code clerkId} in with {@code pin}.
     *
     * @throws SignInRefusedException with the sentence to show
     */
    public SignedIn signIn(String clerkId, char[] pin) {
        return new SignedIn(verify(clerkId, pin), tillId, SignedIn.Method.PIN, clock.instant());
    }

    /**
     * The clerk whose PIN {@code pin} is, counting a wrong PIN towards the lockout like a sign-in.
     *
     * @throws SignInRefusedException with the sentence to show
     */
    public Clerk verify(String clerkId, char[] pin) {
        Objects.requireNonNull(pin, "pin");
        Clerk clerk = directory.clerk(clerkId).orElseThrow(() -> new SignInRefusedException(
                SignInRefusedException.Reason.UNKNOWN_CLERK, "This till does not know the clerk " + clerkId, 0, null));
        if (!clerk.active()) {
            throw new SignInRefusedException(SignInRefusedException.Reason.INACTIVE,
                    clerk.name() + " is no longer a clerk of this store", 0, null);
        }
        Instant now = clock.instant();
        synchronized (this) {
            Failures f = failures.get(clerkId);
            if (f != null && f.lockedUntil != null) {
                if (now.isBefore(f.lockedUntil)) {
                    throw lockedOut(clerk, f.lockedUntil, now);
                }
                failures.remove(clerkId); // the lockout is over: a fresh count
            }
        }
        boolean right = clerk.pin().matches(pin); // slow: outside the lock
        synchronized (this) {
            if (right) {
                failures.remove(clerkId);
                return clerk;
            }
            Failures f = failures.computeIfAbsent(clerkId, id -> new Failures());
            if (f.lockedUntil != null && now.isBefore(f.lockedUntil)) {
                throw lockedOut(clerk, f.lockedUntil, now);
            }
            f.count++;
            if (f.count >= maxWrongPins) {
                f.lockedUntil = now.plus(lockout);
                throw new SignInRefusedException(SignInRefusedException.Reason.LOCKED_OUT, "Wrong PIN for " + clerk.name()
                        + " " + f.count + " times: locked out for " + minutes(lockout) + "; use a finger or ask a supervisor",
                        0, f.lockedUntil);
            }
            int left = maxWrongPins - f.count;
            throw new SignInRefusedException(SignInRefusedException.Reason.WRONG_PIN, "Wrong PIN for " + clerk.name() + ": "
                    + left + (left == 1 ? " try" : " tries") + " left before a lockout of " + minutes(lockout), left, null);
        }
    }

    /** Ends a lockout early (a supervisor's decision). */
    public synchronized void unlock(String clerkId) {
        failures.remove(clerkId);
    }

    private static SignInRefusedException lockedOut(Clerk clerk, Instant until, Instant now) {
        long seconds = Math.max(1, Duration.between(now, until).toSeconds());
        return new SignInRefusedException(SignInRefusedException.Reason.LOCKED_OUT, clerk.name()
                + " is locked out after too many wrong PINs: try again in " + (seconds + 59) / 60
                + " min, use a finger or ask a supervisor", 0, until);
    }

    private static String minutes(Duration d) {
        long m = Math.max(1, (d.toSeconds() + 59) / 60);
        return m + " min";
    }
}
