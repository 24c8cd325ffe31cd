package pos.contract.people;

import java.util.List;
import java.util.Objects;

/**
 * The store's people records changed after a cursor, as the hub's {@code GET /people?since=} answers
 * them: each record is its JSON exactly as in the hashes {@code pos:people:clerks|members|prints}
 * (a print: its ciphertext only, base64). Immutable.
 *
 * @param cursor  where the next pull starts ({@code since=cursor}); opaque to the tills
 * @param full    whether this is every record (a pull without a cursor)
 * @param clerks  clerks' JSON
 * @param members members' JSON
 * @param prints  sealed prints' JSON, tombstones included
 */
public record PeopleChanges(String cursor, boolean full, List<String> clerks, List<String> members, List<String> prints) {

    public PeopleChanges {
        Objects.requireNonNull(cursor, "cursor");
        clerks = List.copyOf(clerks);
        members = List.copyOf(members);
        prints = List.copyOf(prints);
    }

    /** How many records in all. */
    public int size() {
        return clerks.size() + members.size() + prints.size();
    }
}
