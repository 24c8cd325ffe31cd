package pos.sync.people;

import pos.contract.people.PeopleRedisKeys;
import pos.hub.people.StoredValueRestorer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pos.sync.testing.Await.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import pos.core.people.DebitResult;
import pos.core.people.LedgerEntry;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.Await;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

/**
 * A Redis of its own without persistence (no append-only file, no snapshots), so a restart comes
 * back empty, as a store's Redis without persistence would after a power cut.
 */
@WithMariaDb
@DisplayName("R18 member balances lost by Redis come back from MariaDB exactly, and nothing is spent twice meanwhile")
class StoredValueRestoreTest {

    static final RedisProcess volatileRedis = RedisProcess.builder().appendOnly(false).build();
    TestDatabase database;
    PeopleFixture store;

    @BeforeAll
    static void startVolatileRedis() {
        volatileRedis.start();
    }

    @AfterAll
    static void stopVolatileRedis() {
        volatileRedis.close();
    }

    @BeforeEach
    void setUp(TestInfo test) {
        store = new PeopleFixture(volatileRedis, database, "sv" + Integer.toHexString(test.getTestMethod().orElseThrow()
                .getName().hashCode()));
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    private void awaitArchived(String member, int rows) {
        await(rows + " ledger rows of " + member + " in MariaDB").atMost(Duration.ofSeconds(20))
                .until(() -> store.mariaDb.ledger(member).size() == rows);
    }

    private void restartRedisEmpty() {
        volatileRedis.restart();
        assertThat(volatileRedis.call("EXISTS", store.keys.restored())).as("the restarted Redis is empty").isEqualTo(0L);
    }

    @Test
    void afterRedisRestartsEmptyTheBalanceIsRestoredExactlyAndAnAppliedTransactionIsNotAppliedAgain() {
        RedisStoredValue value = store.storedValue(null);
        String member = "m" + System.nanoTime();
        String other = "o" + System.nanoTime();
        assertThat(value.topUp(member, "top1-" + member, 5_000, "till-A").outcome()).isEqualTo(DebitResult.Outcome.DONE);
        assertThat(value.debit(member, "tx1-" + member, 1_250, "till-A").balanceMinor()).isEqualTo(3_750);
        assertThat(value.topUp(member, "top2-" + member, 700, "till-B").balanceMinor()).isEqualTo(4_450);
        assertThat(value.debit(member, "tx2-" + member, 450, "till-B").balanceMinor()).isEqualTo(4_000);
        assertThat(value.topUp(other, "top-" + other, 90, "till-A").balanceMinor()).isEqualTo(90);
        awaitArchived(member, 4);
        awaitArchived(other, 1);

        restartRedisEmpty();
        await("the hub restored the balance").atMost(Duration.ofSeconds(20)).until(() -> value.balance(member).isPresent());

        assertThat(value.balance(member)).contains(4_000L);
        assertThat(value.balance(other)).contains(90L);
        // Every applied transaction id is known again: a retry moves nothing, another amount under it is refused.
        DebitResult retry = value.debit(member, "tx1-" + member, 1_250, "till-A");
        assertThat(retry.outcome()).isEqualTo(DebitResult.Outcome.ALREADY_DONE);
        assertThat(retry.balanceMinor()).isEqualTo(3_750);
        assertThat(value.topUp(member, "top2-" + member, 700, "till-B").outcome()).isEqualTo(DebitResult.Outcome.ALREADY_DONE);
        assertThat(value.debit(member, "tx2-" + member, 999, "till-B").outcome())
                .isEqualTo(DebitResult.Outcome.CONFLICTING_RETRY);
        assertThat(value.balance(member)).contains(4_000L);
        // A new debit moves from the restored balance, and an overdraft is refused on the true figure.
        assertThat(value.debit(member, "tx3-" + member, 1_000, "till-A").balanceMinor()).isEqualTo(3_000);
        DebitResult tooMuch = value.debit(other, "tx-" + other, 91, "till-A");
        assertThat(tooMuch.outcome()).isEqualTo(DebitResult.Outcome.INSUFFICIENT_BALANCE);
        assertThat(tooMuch.message()).contains("the member has 90");
        // MariaDB got the one new movement, nothing twice.
        awaitArchived(member, 5);
        assertThat(store.mariaDb.ledger(member)).extracting(LedgerEntry::transactionId).doesNotHaveDuplicates();
    }

    @Test
    void beforeTheRestoreADebitAnswersUnavailableWithASentenceAndNeverInsufficient() {
        // A prefix no hub serves: its marker is never set until this test runs a restore itself.
        PeopleRedisKeys orphan = new PeopleRedisKeys(store.prefix + "x");
        try (RedisStoredValue value = new RedisStoredValue(store.redis, orphan, Clock.systemUTC(), null, pos.sync.testing.TestTills.signer(PeopleFixture.TILL));
                StoredValueRestorer restorer = new StoredValueRestorer(store.redis, store.mariaDb, orphan, "test-hub",
                        Clock.systemUTC())) {
            DebitResult refused = value.debit("m1", "tx-early", 500, "till-A");
            assertThat(refused.outcome()).isEqualTo(DebitResult.Outcome.UNAVAILABLE);
            assertThat(refused.isSuccess()).isFalse();
            assertThat(refused.message()).isEqualTo("The store's stored-value balances are being restored after Redis"
                    + " restarted (the store hub copies them back from MariaDB): nothing was taken; take another tender and"
                    + " try again in a minute");
            assertThat(value.topUp("m1", "top-early", 500, "till-A").outcome()).isEqualTo(DebitResult.Outcome.UNAVAILABLE);
            assertThatThrownBy(() -> value.balance("m1")).isInstanceOf(StoredValueNotRestoredException.class)
                    .hasMessageEndingWith("so member m1's balance cannot be told yet");
            assertThat(volatileRedis.call("EXISTS", orphan.balance("m1"), orphan.ledger("m1"))).isEqualTo(0L);

            StoredValueRestorer.Outcome outcome = restorer.restoreIfNeeded();
            assertThat(outcome.needed()).isTrue();
            assertThat(outcome.finished()).isTrue();
            assertThat(restorer.restoreIfNeeded().needed()).as("a second call finds the marker").isFalse();
            assertThat(value.debit("m1", "tx-early", 500, "till-A").outcome()).isEqualTo(DebitResult.Outcome.INSUFFICIENT_BALANCE);
            assertThat(value.topUp("m1", "top-early", 500, "till-A").outcome()).isEqualTo(DebitResult.Outcome.DONE);
        }
    }

    @Test
    void aLostMarkerWithBalancesStillInRedisChangesNoBalance() {
        RedisStoredValue value = store.storedValue(null);
        String member = "k" + System.nanoTime();
        value.topUp(member, "top-" + member, 1_000, "till-A");
        awaitArchived(member, 1);
        // Redis moved on, and MariaDB has not heard of it yet: the restore must leave it alone.
        volatileRedis.call("SET", store.keys.balance(member), "640");
        try (StoredValueRestorer restorer = new StoredValueRestorer(store.redis, store.mariaDb, store.keys, "second-hub",
                Clock.systemUTC())) {
            volatileRedis.call("DEL", store.keys.restored());
            StoredValueRestorer.Outcome outcome = restorer.restoreIfNeeded();
            // The hub's own pass may have restored the marker first; either way no balance was overwritten.
            if (outcome.needed()) {
                assertThat(outcome.restored()).isZero();
                assertThat(outcome.alreadyThere()).isPositive();
            }
        }
        assertThat(value.balance(member)).contains(640L);
    }

    @Test
    void debitsRacingARestartAndItsRestoreAreNeitherLostNorAppliedTwice() throws Exception {
        RedisStoredValue value = store.storedValue(null);
        String member = "r" + System.nanoTime();
        value.topUp(member, "top-" + member, 1_000_000, "till-A");
        awaitArchived(member, 1);

        AtomicBoolean stop = new AtomicBoolean();
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        List<DebitResult> refusedWrongly = Collections.synchronizedList(new ArrayList<>());
        ExecutorService tills = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        try (RedisConnections tillRedis = RedisConnections.create(volatileRedis.uri())) {
            for (int t = 0; t < 4; t++) {
                String till = "till-" + t;
                running.add(tills.submit(() -> {
                    try (RedisStoredValue own = new RedisStoredValue(tillRedis, store.keys, Clock.systemUTC(), null, pos.sync.testing.TestTills.signer(PeopleFixture.TILL))) {
                        for (int n = 0; !stop.get(); n++) {
                            String tx = till + "-" + n;
                            // A till retries the same transaction id until it has a final answer, as a clerk's retry would.
                            while (true) {
                                DebitResult r = own.debit(member, tx, 100, till);
                                if (r.outcome() == DebitResult.Outcome.UNAVAILABLE) {
                                    Await.sleep(5);
                                    continue;
                                }
                                // ALREADY_DONE: the first try ran but its answer was lost with the connection.
                                if (r.isSuccess()) {
                                    done.add(tx);
                                } else {
                                    refusedWrongly.add(r);
                                }
                                break;
                            }
                        }
                    }
                    return null;
                }));
            }
            await("some debits went through").atMost(Duration.ofSeconds(10)).until(() -> done.size() >= 20);
            restartRedisEmpty();
            int beforeRestore = done.size();
            await("debits go through after the restore").atMost(Duration.ofSeconds(30)).until(() -> done.size() >= beforeRestore + 100);
            stop.set(true);
            for (Future<?> f : running) {
                f.get();
            }
        } finally {
            tills.shutdownNow();
        }
        assertThat(refusedWrongly).as("no debit was refused as insufficient or conflicting").isEmpty();
        assertThat(done).doesNotHaveDuplicates();
        // Debits Redis took before the restart but the hub had not archived yet are lost with Redis's data; find them.
        await("the ledger in MariaDB settles").atMost(Duration.ofSeconds(20)).until(() -> {
            int rows = store.mariaDb.ledger(member).size();
            Await.sleep(300);
            return store.mariaDb.ledger(member).size() == rows;
        });
        List<LedgerEntry> archived = store.mariaDb.ledger(member);
        long archivedDebits = archived.stream().filter(e -> e.kind() == LedgerEntry.Kind.DEBIT).count();
        assertThat(archivedDebits).isLessThanOrEqualTo(done.size());
        assertThat(value.balance(member)).as("Redis agrees with MariaDB's ledger to the unit")
                .contains(1_000_000L - 100 * archivedDebits);
    }
}
