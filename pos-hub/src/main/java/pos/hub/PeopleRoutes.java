package pos.hub;

import static pos.hub.HttpAnswers.JSON;
import static pos.hub.HttpAnswers.answer;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
        ObjectNode node = JSON.createObjectNode();
        node.put("cursor", changes.cursor());
        node.put("full", changes.full());
        // The records pass as they are: the hub never opens (nor could open) a sealed print.
        ArrayNode clerks = node.putArray("clerks");
        changes.clerks().forEach(json -> clerks.addRawValue(new com.fasterxml.jackson.databind.util.RawValue(json)));
        ArrayNode members = node.putArray("members");
        changes.members().forEach(json -> members.addRawValue(new com.fasterxml.jackson.databind.util.RawValue(json)));
        ArrayNode prints = node.putArray("prints");
        changes.prints().forEach(json -> prints.addRawValue(new com.fasterxml.jackson.databind.util.RawValue(json)));
        answer(ctx, 200, node);
    }
}
