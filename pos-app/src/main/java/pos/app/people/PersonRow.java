package pos.app.people;

import pos.core.people.PersonKind;

/**
 * One clerk or member in the people window: who, what they are, how many fingers are enrolled on this reader type,
 * and (issue 16) whether a face is enrolled. Immutable.
 */
public record PersonRow(PersonKind kind, String personId, String name, String detail, int fingers, boolean face) {

    /** A row without a face (face off). */
    public PersonRow(PersonKind kind, String personId, String name, String detail, int fingers) {
        this(kind, personId, name, detail, fingers, false);
    }
}
