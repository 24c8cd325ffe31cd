package pos.app.people;

import pos.core.people.PersonKind;

/** One clerk or member in the people window: who, what they are, how many fingers are enrolled on this reader type. */
public record PersonRow(PersonKind kind, String personId, String name, String detail, int fingers) {
}
