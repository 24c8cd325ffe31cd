package pos.sync.people;

import static org.assertj.core.api.Assertions.assertThat;
import static pos.sync.testing.Await.await;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import pos.contract.auth.EntrySignature;
import pos.contract.auth.TillCredential;
import pos.contract.auth.TillKeys;
import pos.contract.people.PeopleJson;
import pos.core.people.Clerk;
import pos.core.people.LedgerEntry;
import pos.core.people.Member;
import pos.core.people.PinHash;
import pos.core.people.Role;
import pos.hub.Alert;
import pos.hub.StoreHub;
import pos.hub.archive.StreamArchiver;
import pos.sync.testing.TestTills;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.redis.RedisProcess;
import pos.testkit.junit.WithRedis;

/**
 * Issue 10's attack "one XADD to the people stream creates a supervisor, or a member top-up, that the
 * hub archives into MariaDB and every till pulls", against a real hub, Redis and MariaDB: a forged
 * entry is refused, kept in the unattributed stream with its reason and alerted; a genuine till's
 * entries still archive.
 */
@WithRedis
@WithMariaDb
@DisplayName("SEC-400 people changes and ledger entries are archived only when a known till signed them (R18)")
class PeopleStreamTrustSecTest {

    /** A till whose credential the hub revoked: its registry no longer answers for it. */
    static final String REVOKED = "till-revoked";
    static final TillKeys HUB_TILLS = new TillKeys() {
        @Override
        public Optional<byte[]> streamSigningKey(String tillId) {
            return REVOKED.equals(tillId) ? Optional.empty() : TestTills.KEYS.streamSigningKey(tillId);
        }

        @Override
        public Optional<String> authenticate(TillCredential presented) {
            return presented != null && REVOKED.equals(presented.tillId()) ? Optional.empty()
                    : TestTills.KEYS.authenticate(presented);
        }
    };

    /** How an attacker on the store network forges an entry, and the reason the hub must give. */
    enum Forgery {
        NO_SIGNATURE("names no till (no 'till' field): no till wrote it") {
            @Override
            Map<String, String> fields(Map<String, String> plain) {
                return plain;
            }
        },
        TILL_WITHOUT_SIGNATURE("claims till " + PeopleFixture.TILL + " but carries no signature") {
            @Override
            Map<String, String> fields(Map<String, String> plain) {
                Map<String, String> f = new HashMap<>(plain);
                f.put(EntrySignature.TILL_FIELD, PeopleFixture.TILL);
                return f;
            }
        },
        WRONG_KEY("claims till " + PeopleFixture.TILL + " but is not signed by it") {
            @Override
            Map<String, String> fields(Map<String, String> plain) {
                return EntrySignature.sign(TillCredential.issue(PeopleFixture.TILL, new SecureRandom()), plain);
            }
        },
        REVOKED_TILL("claims till " + REVOKED + ", which holds no valid credential here (never added, or revoked)") {
            @Override
            Map<String, String> fields(Map<String, String> plain) {
                return TestTills.signed(REVOKED, plain);
            }
        };

        final String reason;

        Forgery(String reason) {
            this.reason = reason;
        }

        abstract Map<String, String> fields(Map<String, String> plain);
    }

    RedisProcess redisProcess;
    TestDatabase database;
    @TempDir
    Path tillADir;
    @TempDir
    Path tillBDir;
    PeopleFixture store;
    TillPeople tillA;
    TillPeople tillB;
    StatefulRedisConnection<String, String> redis;

    @BeforeEach
    void setUp(TestInfo test) {
        store = new PeopleFixture(redisProcess, database, "sec" + Integer.toHexString((test.getTestMethod().orElseThrow().getName() + test.getDisplayName()).hashCode()), HUB_TILLS);
        tillA = store.till(tillADir);
        tillB = store.till(tillBDir);
        redis = store.redis.connect();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
        store.close();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Forgery.class)
    @DisplayName("SEC-401 a raw XADD creating a supervisor is not archived, not pulled by tills, dead-lettered and alerted")
    void aForgedSupervisorNeverReachesMariaDbNorTheTills(Forgery forgery) {
        Clerk mallory = new Clerk("mallory1", "Mallory", Role.SUPERVISOR, PinHash.of("999999".toCharArray(), 1_000), true);
        String forged = redis.sync().xadd(store.keys.changes(), forgery.fields(Map.of("type", "clerk", "id", mallory.id(),
                "body", PeopleJson.clerk(mallory, System.currentTimeMillis()))));
        // A genuine till's change after it: once it is archived, the forged one was read before it.
        Clerk gina = tillA.addClerk("Gina", Role.SUPERVISOR, "246810".toCharArray());
        tillA.push();
        await("the genuine supervisor is in MariaDB").atMost(Duration.ofSeconds(20))
                .until(() -> store.mariaDb.snapshot().clerks().stream().anyMatch(c -> c.value().id().equals(gina.id())));

        assertThat(store.mariaDb.snapshot().clerks()).noneMatch(c -> c.value().id().equals(mallory.id()));
        assertThat(redis.sync().hexists(store.keys.clerks(), mallory.id())).as("not in the hash the tills pull").isFalse();
        await("till B pulled the genuine supervisor").atMost(Duration.ofSeconds(10)).until(() -> {
            tillB.pull();
            return tillB.clerk(gina.id()).isPresent();
        });
        assertThat(tillB.clerk(mallory.id())).as("no till pulls the forged supervisor").isEmpty();
        assertUnattributed(store.keys.changes(), forged, forgery);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Forgery.class)
    @DisplayName("SEC-402 a raw XADD of a member top-up ledger entry is not archived; a genuine till's top-up is, once")
    void aForgedTopUpNeverReachesTheLedger(Forgery forgery) {
        Member max = tillA.addMember("Max", Currency.getInstance("EUR"));
        tillA.push();
        String forged = redis.sync().xadd(store.keys.changes(), forgery.fields(Map.of("type", "ledger", "member", max.id(),
                "tx", "forged-top-up", "kind", "TOP_UP", "amount", "100000", "balanceAfter", "100000",
                "at", Long.toString(System.currentTimeMillis()))));
        RedisStoredValue value = store.storedValue(null);
        assertThat(value.topUp(max.id(), "real-top-up", 500, PeopleFixture.TILL).isSuccess()).isTrue();

        await("the genuine top-up is in MariaDB's ledger").atMost(Duration.ofSeconds(20))
                .until(() -> !store.mariaDb.ledger(max.id()).isEmpty());
        assertThat(store.mariaDb.ledger(max.id())).extracting(LedgerEntry::transactionId).containsExactly("real-top-up");
        assertUnattributed(store.keys.changes(), forged, forgery);
    }

    @Test
    @DisplayName("SEC-403 a supervisor with a 4-digit PIN, even from a genuine till, is not archived")
    void aShortSupervisorPinIsRefusedAtTheArchiver() {
        // An old till (before issue 10) still makes 4-digit supervisor PINs: its hash does not say "6 digits or more".
        Clerk old = new Clerk("oldsup1", "Old Sup", Role.SUPERVISOR, PinHash.of("4711".toCharArray(), 1_000), true);
        redis.sync().xadd(store.keys.changes(), TestTills.signed(PeopleFixture.TILL, Map.of("type", "clerk", "id", old.id(),
                "body", PeopleJson.clerk(old, System.currentTimeMillis()))));
        Clerk gina = tillA.addClerk("Gina", Role.CASHIER, "2468".toCharArray());
        tillA.push();
        await("the genuine clerk is in MariaDB").atMost(Duration.ofSeconds(20))
                .until(() -> store.mariaDb.snapshot().clerks().stream().anyMatch(c -> c.value().id().equals(gina.id())));
        assertThat(store.mariaDb.snapshot().clerks()).noneMatch(c -> c.value().id().equals(old.id()));
    }

    @Test
    @DisplayName("SEC-404 a people record dated in the far future or before 2020 is refused at the archiver and at the till's pull")
    void clockLikeFieldsAreBounded() {
        Clerk future = new Clerk("future1", "Future", Role.CASHIER, PinHash.of("2468".toCharArray(), 1_000), true);
        long year2100 = java.time.Instant.parse("2100-01-01T00:00:00Z").toEpochMilli();
        redis.sync().xadd(store.keys.changes(), TestTills.signed(PeopleFixture.TILL, Map.of("type", "clerk", "id", future.id(),
                "body", PeopleJson.clerk(future, year2100))));
        Clerk gina = tillA.addClerk("Gina", Role.CASHIER, "2468".toCharArray());
        tillA.push();
        await("the genuine clerk is in MariaDB").atMost(Duration.ofSeconds(20))
                .until(() -> store.mariaDb.snapshot().clerks().stream().anyMatch(c -> c.value().id().equals(gina.id())));
        assertThat(store.mariaDb.snapshot().clerks()).noneMatch(c -> c.value().id().equals(future.id()));

        // Written straight into the hash the tills pull (an attacker with Redis): the till refuses it too.
        Clerk old = new Clerk("old1", "Old", Role.CASHIER, PinHash.of("2468".toCharArray(), 1_000), true);
        redis.sync().hset(store.keys.clerks(), Map.of(future.id(), PeopleJson.clerk(future, year2100), old.id(),
                PeopleJson.clerk(old, 1_000L)));
        await("till B pulled the genuine clerk").atMost(Duration.ofSeconds(10)).until(() -> {
            tillB.pull();
            return tillB.clerk(gina.id()).isPresent();
        });
        assertThat(tillB.clerk(future.id())).isEmpty();
        assertThat(tillB.clerk(old.id())).isEmpty();
    }

    @Test
    @DisplayName("SEC-411 a till without a credential keeps its people changes, still pulls the store's, and says what is missing")
    void aTillWithoutACredentialHoldsItsChangesAndStillPulls(@TempDir Path noCredentialDir) {
        Clerk gina = tillA.addClerk("Gina", Role.CASHIER, "2468".toCharArray());
        tillA.push();
        await("Gina is in the hash the tills pull").atMost(Duration.ofSeconds(20))
                .until(() -> redis.sync().hexists(store.keys.clerks(), gina.id()));
        try (TillPeople unconfigured = new TillPeople(SqlitePeopleStore.open(noCredentialDir),
                new PrintCipher(PrintKeys.parse(store.printKeySpec, "test")), store.redis, store.keys,
                java.time.Clock.systemUTC(), pos.sync.auth.StreamSigner.missing("till-new"))) {
            Clerk local = unconfigured.addClerk("Lee", Role.CASHIER, "1357".toCharArray());
            org.assertj.core.api.Assertions.assertThatThrownBy(unconfigured::sync)
                    .isInstanceOf(pos.sync.auth.MissingTillCredentialException.class)
                    .hasMessage("sync needs this till's credential (pos.hub.credentialFile): ./pos hub tills add till-new");
            assertThat(unconfigured.clerk(gina.id())).as("the pull still ran").isPresent();
            assertThat(unconfigured.store().outboxSize()).as("the change waits").isEqualTo(1);
            assertThat(redis.sync().xlen(store.keys.changes()) == 0
                    || redis.sync().xrange(store.keys.changes(), Range.create("-", "+")).stream()
                            .noneMatch(m -> local.id().equals(m.getBody().get("id")))).isTrue();
        }
    }

    private void assertUnattributed(String stream, String forgedId, Forgery forgery) {
        String reason = "SEC: " + stream + " entry " + forgedId + " " + forgery.reason;
        List<StreamMessage<String, String>> kept = redis.sync().xrange(StreamArchiver.unattributedKey(stream),
                Range.create("-", "+"));
        assertThat(kept).filteredOn(m -> forgedId.equals(m.getBody().get("entry"))).singleElement()
                .satisfies(m -> assertThat(m.getBody().get("reason")).isEqualTo(reason));
        assertThat(store.hub.alerts()).filteredOn(a -> a.name().equals(StoreHub.UNATTRIBUTED_ALERT_PREFIX + stream))
                .singleElement().satisfies(a -> {
                    assertThat(a.level()).isEqualTo(Alert.Level.CRITICAL);
                    assertThat(a.message()).isEqualTo(reason);
                });
        // The forged entry itself: a genuine entry may be between its commit and its XACK at this moment.
        assertThat(redis.sync().xpending(stream, pos.hub.people.PeopleArchiver.CONSUMER_GROUP, Range.create("-", "+"),
                io.lettuce.core.Limit.from(1_000))).extracting(io.lettuce.core.models.stream.PendingMessage::getId)
                .as("the forged entry is acknowledged, not left pending").doesNotContain(forgedId);
    }
}
