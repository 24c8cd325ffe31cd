package pos.sync.people;

import static org.assertj.core.api.Assertions.assertThat;
import static pos.sync.testing.Await.await;

import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.core.people.DebitResult;
import pos.core.people.Member;
import pos.hub.Alert;
import pos.hub.people.StoredValueReconciler;
import pos.sync.testing.TestTills;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * Issue 10: "a forged HSET of a balance is detected at the hub's reconciliation and reported",
 * against a real hub, Redis and MariaDB, with tills paying at the same time (no false alarm).
 */
@WithRedis
@WithMariaDb
@DisplayName("SEC-430 the hub's reconciliation compares every member's balance in Redis with MariaDB's ledger (R18)")
class BalanceReconciliationSecTest {

    static final String BALANCE_ALERT = "sec-balance-mismatch";

    RedisProcess redisProcess;
    TestDatabase database;
    @TempDir
    Path tillDir;
    PeopleFixture store;
    TillPeople till;
    StatefulRedisConnection<String, String> redis;

    @BeforeEach
    void setUp(TestInfo test) {
        store = new PeopleFixture(redisProcess, database, "rc" + Integer.toHexString(test.getTestMethod().orElseThrow()
                .getName().hashCode()));
        till = store.till(tillDir);
        redis = store.redis.connect();
    }

    @AfterEach
    void tearDown() throws Exception {
        redis.close();
        store.close();
    }

    private StoredValueReconciler reconciler() {
        return new StoredValueReconciler(store.redis, store.mariaDb, store.keys, TestTills.KEYS);
    }

    private Member memberWith(long topUpMinor) {
        Member member = till.addMember("Max", Currency.getInstance("EUR"));
        till.push();
        RedisStoredValue value = store.storedValue(null);
        assertThat(value.topUp(member.id(), "top-" + member.id(), topUpMinor, PeopleFixture.TILL).isSuccess()).isTrue();
        return member;
    }

    @Test
    @DisplayName("SEC-431 a balance set by hand in Redis raises an alert naming the member and both values within one period")
    void aForgedBalanceIsReportedWithinOnePeriod() {
        Member max = memberWith(500);
        await("the top-up is archived").atMost(Duration.ofSeconds(20)).until(() -> !store.mariaDb.ledger(max.id()).isEmpty());
        assertThat(reconciler().runOnce().differences()).isEmpty();

        redis.sync().set(store.keys.balance(max.id()), "100000"); // the attack
        long forgedAt = System.nanoTime();
        await("the hub alerts").atMost(PeopleFixture.BALANCE_CHECK_EVERY.multipliedBy(3))
                .until(() -> store.hub.alerts().stream().anyMatch(a -> a.name().equals(BALANCE_ALERT)));
        assertThat(Duration.ofNanos(System.nanoTime() - forgedAt)).isLessThan(PeopleFixture.BALANCE_CHECK_EVERY.multipliedBy(3));
        Alert alert = store.hub.alerts().stream().filter(a -> a.name().equals(BALANCE_ALERT)).findFirst().orElseThrow();
        assertThat(alert.level()).isEqualTo(Alert.Level.CRITICAL);
        assertThat(alert.message()).isEqualTo("SEC: member " + max.id() + "'s balance in Redis is 100000 but the store's"
                + " ledger (MariaDB and signed movements on their way) makes it 500");

        redis.sync().set(store.keys.balance(max.id()), "500"); // a person puts it right
        await("the alert clears").atMost(PeopleFixture.BALANCE_CHECK_EVERY.multipliedBy(3))
                .until(() -> store.hub.alerts().stream().noneMatch(a -> a.name().equals(BALANCE_ALERT)));
    }

    @Test
    @DisplayName("SEC-432 a movement written by hand into the ledger hash, with a balance to match, is reported by its id")
    void aForgedLedgerMovementIsReported() {
        Member max = memberWith(500);
        await("the top-up is archived").atMost(Duration.ofSeconds(20)).until(() -> !store.mariaDb.ledger(max.id()).isEmpty());
        redis.sync().hset(store.keys.ledger(max.id()), "forged-tx", "TOP_UP 9000 9500");
        redis.sync().set(store.keys.balance(max.id()), "9500");

        StoredValueReconciler.Outcome outcome = reconciler().runOnce();
        assertThat(outcome.differences()).singleElement().satisfies(d -> {
            assertThat(d.memberId()).isEqualTo(max.id());
            assertThat(d.redisBalance()).isEqualTo(9_500);
            assertThat(d.ledgerBalance()).isEqualTo(500);
            assertThat(d.unexplained()).containsExactly("forged-tx");
            assertThat(d.message()).endsWith("Redis lists 1 movement(s) no till's signed entry brought: forged-tx");
        });
    }

    @Test
    @DisplayName("SEC-433 tills paying and topping up while the reconciliation runs raise no alert (movements on their way count)")
    void genuineMovementsUnderLoadAreNeverReported() throws Exception {
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            members.add(memberWith(1_000_000));
        }
        ExecutorService tills = Executors.newFixedThreadPool(2);
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<Integer>> running = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            String tillId = "till-" + t;
            running.add(tills.submit(() -> {
                int moved = 0;
                try (RedisStoredValue own = new RedisStoredValue(store.redis, store.keys, java.time.Clock.systemUTC(), null,
                        TestTills.signer(tillId))) {
                    for (int n = 0; !stop.get(); n++) {
                        Member m = members.get(n % members.size());
                        DebitResult r = n % 3 == 0 ? own.topUp(m.id(), tillId + "-" + n, 7, tillId)
                                : own.debit(m.id(), tillId + "-" + n, 5, tillId);
                        moved += r.isSuccess() ? 1 : 0;
                    }
                }
                return moved;
            }));
        }
        StoredValueReconciler reconciler = reconciler();
        List<StoredValueReconciler.Difference> seen = new ArrayList<>();
        long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        int passes = 0;
        while (System.nanoTime() < until) {
            seen.addAll(reconciler.runOnce().differences());
            passes++;
        }
        stop.set(true);
        int moved = 0;
        for (Future<Integer> f : running) {
            moved += f.get();
        }
        tills.shutdown();
        assertThat(moved).as("movements made during the passes").isGreaterThan(50);
        assertThat(passes).isGreaterThan(3);
        assertThat(seen).as("no genuine movement is reported").isEmpty();
        assertThat(store.hub.alerts()).noneMatch(a -> a.name().equals(BALANCE_ALERT));
    }
}
