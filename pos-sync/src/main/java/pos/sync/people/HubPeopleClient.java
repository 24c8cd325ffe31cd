package pos.sync.people;

import pos.contract.people.InvalidPeopleCursorException;
import pos.contract.people.PeopleChanges;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Asks the store hub for the people changed since a cursor: {@code GET {hub}/people?since=cursor}
 * (see the hub's HTTP API). The records arrive as the same JSON the hashes hold; prints sealed.
 * Thread-safe.
 */
final class HubPeopleClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI baseUri;
    private final Duration timeout;
    private final HttpClient http;

    HubPeopleClient(URI baseUri, Duration timeout) {
        String text = Objects.requireNonNull(baseUri, "baseUri").toString();
        this.baseUri = URI.create(text.endsWith("/") ? text : text + "/");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    URI baseUri() {
        return baseUri;
    }

    /**
     * The people changed after {@code cursor}, or every one when it is null.
     *
     * @throws InvalidPeopleCursorException if the hub refused the cursor (400 bad_cursor), with the hub's sentence
     * @throws UnableToPullPeopleException if the hub cannot be reached, times out or answers something else
     */
    PeopleChanges changesSince(String cursor) {
        URI uri = baseUri.resolve(cursor == null ? "people" : "people?since=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET().build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UnableToPullPeopleException("hub " + baseUri + ": cannot pull the store's people: "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnableToPullPeopleException("hub " + baseUri + ": interrupted while pulling the store's people", e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (JsonProcessingException e) {
            throw new UnableToPullPeopleException("hub " + baseUri + ": GET /people answered HTTP " + response.statusCode()
                    + " with a body that is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (response.statusCode() == 400 && body != null && "bad_cursor".equals(body.path("error").asText())) {
            throw new InvalidPeopleCursorException("hub " + baseUri + " refused the cursor: " + body.path("message").asText());
        }
        if (response.statusCode() != 200) {
            throw new UnableToPullPeopleException("hub " + baseUri + ": GET /people answered HTTP " + response.statusCode()
                    + (body == null ? "" : ": " + body.path("message").asText("")), null);
        }
        if (body == null || !body.path("cursor").isTextual() || !body.path("clerks").isArray() || !body.path("members").isArray()
                || !body.path("prints").isArray()) {
            throw new UnableToPullPeopleException("hub " + baseUri + ": GET /people answered without a cursor or without the"
                    + " clerks, members and prints lists", null);
        }
        return new PeopleChanges(body.get("cursor").asText(), body.path("full").asBoolean(false), records(body.get("clerks")),
                records(body.get("members")), records(body.get("prints")));
    }

    private static List<String> records(JsonNode array) {
        List<String> records = new ArrayList<>(array.size());
        array.forEach(node -> records.add(node.toString()));
        return records;
    }
}
