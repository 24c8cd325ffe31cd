package pos.contract.hub;

import java.util.List;
import pos.contract.json.Json;

/**
 * GET /people: the people records changed after a cursor (or all of them, {@code full}) and the
 * cursor to ask from next. The records pass as they are stored ({@link pos.contract.people.PeopleJson}):
 * the hub writes them as raw JSON values ({@code R} = {@code RawValue}) and never opens a sealed
 * print; the till reads each as a tree ({@code R} = {@code JsonNode}) and hands its text to
 * {@code PeopleJson}. Immutable.
 *
 * @param full true when these are all the records (a first pull, or the cursor was too old); false when absent
 * @param <R> one record as carried
 */
public record PeopleChangesAnswer<R>(String cursor, Boolean full, List<R> clerks, List<R> members, List<R> prints) {

    public PeopleChangesAnswer {
        Json.required(cursor, "cursor");
        full = full != null && full;
        clerks = List.copyOf(Json.required(clerks, "clerks"));
        members = List.copyOf(Json.required(members, "members"));
        prints = List.copyOf(Json.required(prints, "prints"));
    }
}
