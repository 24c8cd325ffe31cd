package pos.app.config;

/** {@code pos.signin}: who must sign in at the till. */
public enum SignInMode {
    /** Every clerk, once the store has one. */
    AUTO,
    /** Even before the store has a clerk: the first supervisor is made at once. */
    REQUIRED,
    /** Nobody signs in; voids and cancels need no supervisor. */
    OFF
}
