package pos.core.people;

/** Whose fingerprint a {@link StoredPrint} is: a clerk's (sign-in, approvals) or a member's (stored-value pay). Immutable. */
public enum PersonKind {
    /** A clerk of the store. */
    CLERK,
    /** A member paying from stored value. */
    MEMBER
}
