package pos.hub;

import static pos.hub.HttpAnswers.answer;

import com.fasterxml.jackson.databind.util.RawValue;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.hub.PeopleChangesAnswer;
import pos.contract.people.PeopleChanges;
import pos.hub.http.HttpGuard;
import pos.hub.people.MariaDbPeopleStore;

/**
 * GET /people[?since=cursor]: the store's people for the tills' pull (tills only: HttpGuard). Thread-safe.
 */
final class PeopleRoutes {

    private static final Logger log = LoggerFactory.getLogger(PeopleRoutes.class);

    private final MariaDbPeopleStore people;

    PeopleRoutes(MariaDbPeopleStore people) {
        this.people = Objects.requireNonNull(people, "people");
    }

    /** Adds this feature's routes to {@code javalin}. */
    void register(Javalin javalin) {
        javalin.get("/people", this::people);
    }
    private void people(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        PeopleChanges changes = people.changesSince(ctx.queryParam("since"));
        // The records pass as they are: the hub never opens (nor could open) a sealed print.
        answer(ctx, 200, new PeopleChangesAnswer<>(changes.cursor(), changes.full(), raw(changes.clerks()),
                raw(changes.members()), raw(changes.prints())));
    }

    private static List<RawValue> raw(List<String> records) {
        return records.stream().map(RawValue::new).toList();
    }
}
