package pos.sync.people;

import pos.hub.people.MariaDbPeopleStore;
import static org.assertj.core.api.Assertions.assertThat;
import static pos.sync.testing.Await.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Currency;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import pos.core.people.Clerk;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.Role;
import pos.core.people.StoredPrint;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("R18 a till pulls only the people changed since its last pull from the hub (GET /people?since=)")
class PeoplePullSinceTest {

    static final String DRIVER = "libfprint/virtual_image";
    static final ObjectMapper JSON = new ObjectMapper();
    RedisProcess redisProcess;
    TestDatabase database;
    @TempDir
    Path tillADir;
    @TempDir
    Path tillBDir;
    @TempDir
    Path tillCDir;
    PeopleFixture store;
    TillPeople tillA;

    @BeforeEach
    void setUp(TestInfo test) {
        store = new PeopleFixture(redisProcess, database, "pp" + Integer.toHexString(test.getDisplayName().hashCode()));
        tillA = store.till(tillADir);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private int recordsInMariaDb() {
        MariaDbPeopleStore.Snapshot all = store.mariaDb.snapshot();
        return all.clerks().size() + all.members().size() + all.prints().size();
    }

    /** Pushes till A's outbox and waits until MariaDB holds {@code expected} records in all. */
    private void pushAndAwaitArchived(int expected) {
        assertThat(tillA.push()).isPositive();
        await(expected + " people records in MariaDB").atMost(Duration.ofSeconds(20)).until(() -> recordsInMariaDb() == expected);
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(HttpRequest.newBuilder(store.hub.baseUri().resolve(pathAndQuery))
                        .header("Authorization", "Bearer " + store.tillCredential.text()).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    @Test
    void aSecondTillPullsOnlyTheChangesMadeAfterItsLastPull() {
        int before = recordsInMariaDb();
        Clerk ann = tillA.addClerk("Ann", Role.SUPERVISOR, "471100".toCharArray());
        tillA.addClerk("Bob", Role.CASHIER, "1234".toCharArray());
        tillA.addClerk("Cem", Role.CASHIER, "5678".toCharArray());
        Member mia = tillA.addMember("Mia", Currency.getInstance("EUR"));
        tillA.storePrint(new StoredPrint(mia.id(), PersonKind.MEMBER, "right-index", DRIVER, new byte[] {1, 2, 3, 4, 5, 6}));
        pushAndAwaitArchived(before + 5);

        TillPeople tillB = store.tillPullingFromHub(tillBDir);
        TillPeople.Pulled first = tillB.pullChanges();
        assertThat(first.full()).isTrue();
        assertThat(first.received()).isEqualTo(before + 5);
        assertThat(first.changed()).isEqualTo(before + 5);
        assertThat(tillB.clerk(ann.id())).contains(ann);
        assertThat(tillB.prints(PersonKind.MEMBER, DRIVER).usable()).singleElement()
                .satisfies(p -> assertThat(p.print().template()).containsExactly(1, 2, 3, 4, 5, 6));

        // Nothing new: nothing comes.
        assertThat(tillB.pullChanges()).isEqualTo(new TillPeople.Pulled(0, 0, false));

        // Two changes on till A: till B gets those two and nothing else.
        tillA.saveClerk(ann.withRole(Role.CASHIER));
        tillA.addMember("Max", Currency.getInstance("EUR"));
        pushAndAwaitArchived(before + 6);
        await("Ann's new role is in MariaDB").atMost(Duration.ofSeconds(20)).until(() -> store.mariaDb.snapshot().clerks().stream()
                .anyMatch(c -> c.value().id().equals(ann.id()) && c.value().role() == Role.CASHIER));
        TillPeople.Pulled second = tillB.pullChanges();
        assertThat(second).isEqualTo(new TillPeople.Pulled(2, 2, false));
        assertThat(tillB.clerk(ann.id()).orElseThrow().role()).isEqualTo(Role.CASHIER);
        assertThat(tillB.members()).extracting(Member::name).contains("Mia", "Max");

        // A third till, new to the store, gets everything once.
        TillPeople tillC = store.tillPullingFromHub(tillCDir);
        assertThat(tillC.pullChanges()).isEqualTo(new TillPeople.Pulled(before + 6, before + 6, true));
        assertThat(tillC.pullChanges().received()).isZero();
    }

    @Test
    void printsTravelSealedExactlyAsRedisHoldsThem() throws Exception {
        int before = recordsInMariaDb();
        Member mia = tillA.addMember("Mia", Currency.getInstance("EUR"));
        byte[] template = "mia-right-index-raw-template-bytes".getBytes(StandardCharsets.UTF_8);
        String printId = tillA.storePrint(new StoredPrint(mia.id(), PersonKind.MEMBER, "right-index", DRIVER, template));
        pushAndAwaitArchived(before + 2);
        await("the print is in the hub's hash").atMost(Duration.ofSeconds(10)).until(() -> redisProcess.call("HEXISTS",
                store.keys.prints(), printId).equals(1L));

        HttpResponse<String> response = get("people");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode fromHub = null;
        for (JsonNode print : JSON.readTree(response.body()).get("prints")) {
            if (print.get("id").asText().equals(printId)) {
                fromHub = print;
            }
        }
        JsonNode inRedis = JSON.readTree((String) redisProcess.call("HGET", store.keys.prints(), printId));
        assertThat(fromHub).isEqualTo(inRedis);
        assertThat(response.body()).doesNotContain(new String(template, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString(template), HexFormat.of().formatHex(template));
    }

    @ParameterizedTest(name = "since={0} is refused")
    @CsvSource(textBlock = """
            abc,                   'abc' is not a people cursor
            -1,                    '-1' is not a people cursor
            12.5,                  '12.5' is not a people cursor
            1234567890123456789,   '1234567890123456789' is not a people cursor
            999999999,             cursor 999999999 is ahead of the store's newest people change
            """)
    void aBadCursorGetsAClear400(String since, String message) throws Exception {
        HttpResponse<String> response = get("people?since=" + since);
        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("bad_cursor");
        assertThat(body.get("message").asText()).startsWith(message).endsWith("pull again without a cursor");
    }

    @Test
    void anEmptyCursorIsRefusedToo() throws Exception {
        HttpResponse<String> response = get("people?since=");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("message").asText()).startsWith("'' is not a people cursor");
    }

    @Test
    void aTillWhoseCursorTheHubRefusesPullsEverythingAgain() {
        int before = recordsInMariaDb();
        tillA.addClerk("Dee", Role.CASHIER, "2468".toCharArray());
        pushAndAwaitArchived(before + 1);
        TillPeople tillB = store.tillPullingFromHub(tillBDir);
        URI hub = store.hub.baseUri();
        tillB.store().savePullCursor(hub.toString(), "999999999"); // e.g. the hub's database was replaced
        TillPeople.Pulled pulled = tillB.pullChanges();
        assertThat(pulled.full()).isTrue();
        assertThat(pulled.received()).isEqualTo(before + 1);
        assertThat(tillB.store().pullCursor(hub.toString())).hasValueSatisfying(c -> assertThat(Long.parseLong(c)).isPositive());
    }
}
