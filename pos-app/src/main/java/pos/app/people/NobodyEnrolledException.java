package pos.app.people;

import pos.core.people.PersonKind;

/** No one of a kind has a print for this till's reader yet: nothing to match a finger against. */
public final class NobodyEnrolledException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final PersonKind kind;

    public NobodyEnrolledException(PersonKind kind) {
        super("No " + kind.name().toLowerCase(java.util.Locale.ROOT) + " has a fingerprint enrolled on this reader type yet");
        this.kind = kind;
    }

    public PersonKind kind() {
        return kind;
    }
}
