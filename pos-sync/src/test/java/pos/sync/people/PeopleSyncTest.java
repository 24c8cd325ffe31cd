package pos.sync.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pos.sync.testing.Await.await;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import pos.core.people.Clerk;
import pos.core.people.DebitResult;
import pos.core.people.LedgerEntry;
import pos.core.people.Member;
import pos.core.people.PersonKind;
import pos.core.people.PinSignIn;
import pos.core.people.Role;
import pos.core.people.SignInRefusedException;
import pos.core.people.StoredPrint;
import pos.contract.redis.RedisConnections;
import pos.testkit.junit.WithMariaDb;
import pos.testkit.junit.WithRedis;
import pos.testkit.mariadb.TestDatabase;
import pos.testkit.redis.RedisProcess;

@WithRedis
@WithMariaDb
@DisplayName("R18 the store's people sync through Redis and the hub to MariaDB; stored value is spent once")
class PeopleSyncTest {

    static final String DRIVER = "libfprint/virtual_image";
    RedisProcess redisProcess;
    TestDatabase database;
    @TempDir
    Path tillADir;
    @TempDir
    Path tillBDir;
    PeopleFixture store;
    TillPeople tillA;
    TillPeople tillB;

    @BeforeEach
    void setUp(TestInfo test) {
        store = new PeopleFixture(redisProcess, database, "ps" + test.getTestMethod().orElseThrow().getName().hashCode());
        tillA = store.till(tillADir);
        tillB = store.till(tillBDir);
    }

    @AfterEach
    void tearDown() throws Exception {
        store.close();
    }

    /** Pushes till A's outbox into the store's stream; the tests then wait for till B's pull to see it. */
    private void syncAToB() {
        assertThat(tillA.push()).isPositive();
        assertThat(tillA.store().outboxSize()).isZero();
    }

    @Test
    void aClerkCreatedOnTillAIsKnownOnTillBAfterSync() {
        Clerk ann = tillA.addClerk("Ann", Role.SUPERVISOR, "471100".toCharArray());
        assertThat(tillB.clerk(ann.id())).isEmpty();
        syncAToB();
        await("till B knows Ann").atMost(Duration.ofSeconds(10)).until(() -> {
            tillB.pull();
            return tillB.clerk(ann.id()).isPresent();
        });
        assertThat(tillB.clerk(ann.id())).contains(ann);
        // Till B signs her in with her PIN: the hash travelled, the PIN never did.
        PinSignIn signInB = new PinSignIn(tillB, "till-B", 3, Duration.ofMinutes(5), Clock.systemUTC());
        assertThat(signInB.signIn(ann.id(), "471100".toCharArray()).clerk().isSupervisor()).isTrue();
        assertThatThrownBy(() -> signInB.signIn(ann.id(), "1111".toCharArray())).isInstanceOf(SignInRefusedException.class);
        // And MariaDB holds her.
        assertThat(store.mariaDb.snapshot().clerks()).anySatisfy(c -> assertThat(c.value()).isEqualTo(ann));
    }

    @Test
    void aChangeOnTillBReachesTillAAndTheNewestWins() {
        Clerk bob = tillA.addClerk("Bob", Role.CASHIER, "123456".toCharArray());
        syncAToB();
        await("till B knows Bob").atMost(Duration.ofSeconds(10)).until(() -> {
            tillB.pull();
            return tillB.clerk(bob.id()).isPresent();
        });
        tillB.saveClerk(bob.withRole(Role.SUPERVISOR));
        tillB.push();
        await("till A sees Bob promoted").atMost(Duration.ofSeconds(10)).until(() -> {
            tillA.pull();
            return tillA.clerk(bob.id()).orElseThrow().role() == Role.SUPERVISOR;
        });
        // An older copy pulled again changes nothing.
        assertThat(tillA.pull()).isZero();
    }

    @Test
    void aMemberAndTheirPrintsEnrolledOnTillAMatchOnTillB() {
        Member mia = tillA.addMember("Mia", Currency.getInstance("EUR"));
        byte[] template = new byte[600];
        new java.util.Random(7).nextBytes(template);
        String printId = tillA.storePrint(new StoredPrint(mia.id(), PersonKind.MEMBER, "right-index", DRIVER, template));
        tillA.storePrint(new StoredPrint(mia.id(), PersonKind.MEMBER, "left-index", "libfprint/goodixmoc", template));
        syncAToB();
        await("till B has Mia's prints").atMost(Duration.ofSeconds(10)).until(() -> {
            tillB.pull();
            return tillB.prints(PersonKind.MEMBER, DRIVER).usable().size() == 1;
        });
        TillPeople.PrintSet set = tillB.prints(PersonKind.MEMBER, DRIVER);
        assertThat(set.usable().get(0).printId()).isEqualTo(printId);
        assertThat(set.usable().get(0).print().template()).isEqualTo(template);
        assertThat(set.otherDriver()).singleElement().satisfies(p -> assertThat(p.driver()).isEqualTo("libfprint/goodixmoc"));
        assertThat(tillB.member(mia.id())).contains(mia);

        tillA.deletePrint(printId);
        tillA.push();
        await("the deletion reaches till B").atMost(Duration.ofSeconds(10)).until(() -> {
            tillB.pull();
            return tillB.prints(PersonKind.MEMBER, DRIVER).usable().isEmpty();
        });
    }

    @Test
    void twoTillsRacingToSpendTheSameBalanceExactlyOneSucceeds() throws Exception {
        RedisStoredValue valueA = store.storedValue(tillA.store());
        RedisStoredValue valueB = store.storedValue(tillB.store());
        String member = "race" + System.nanoTime();
        assertThat(valueA.topUp(member, "top-" + member, 1_000, "till-A").outcome()).isEqualTo(DebitResult.Outcome.DONE);
        for (int round = 0; round < 20; round++) {
            String m = member + "r" + round;
            valueA.topUp(m, "top-" + m, 1_000, "till-A");
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<DebitResult> a = pool.submit(() -> {
                    go.await();
                    return valueA.debit(m, "txA-" + m, 800, "till-A");
                });
                Future<DebitResult> b = pool.submit(() -> {
                    go.await();
                    return valueB.debit(m, "txB-" + m, 800, "till-B");
                });
                go.countDown();
                List<DebitResult> results = List.of(a.get(), b.get());
                assertThat(results.stream().filter(DebitResult::isSuccess)).as("round %d", round).hasSize(1);
                assertThat(results.stream().filter(r -> r.outcome() == DebitResult.Outcome.INSUFFICIENT_BALANCE))
                        .singleElement().satisfies(r -> assertThat(r.message()).contains("the member has 200"));
                assertThat(valueB.balance(m)).contains(200L);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aRetryWithTheSameTransactionIdMovesNothingAgainAndTheLedgerReachesMariaDb() {
        RedisStoredValue value = store.storedValue(tillA.store());
        String member = "m" + System.nanoTime();
        value.topUp(member, "top1" + member, 5_000, "till-A");
        DebitResult first = value.debit(member, "tx1" + member, 1_250, "till-A");
        DebitResult retry = value.debit(member, "tx1" + member, 1_250, "till-A");
        DebitResult otherTill = store.storedValue(null).debit(member, "tx1" + member, 1_250, "till-B");
        assertThat(first.outcome()).isEqualTo(DebitResult.Outcome.DONE);
        assertThat(first.balanceMinor()).isEqualTo(3_750);
        assertThat(retry.outcome()).isEqualTo(DebitResult.Outcome.ALREADY_DONE);
        assertThat(retry.balanceMinor()).isEqualTo(3_750);
        assertThat(otherTill.outcome()).isEqualTo(DebitResult.Outcome.ALREADY_DONE);
        assertThat(value.debit(member, "tx1" + member, 9, "till-A").outcome())
                .isEqualTo(DebitResult.Outcome.CONFLICTING_RETRY);
        assertThat(value.balance(member)).contains(3_750L);
        assertThat(tillA.store().ledger(member)).extracting(LedgerEntry::transactionId)
                .containsExactlyInAnyOrder("top1" + member, "tx1" + member);
        await("the ledger is archived in MariaDB").atMost(Duration.ofSeconds(10))
                .until(() -> store.mariaDb.ledger(member).size() == 2);
        List<LedgerEntry> archived = new ArrayList<>(store.mariaDb.ledger(member));
        assertThat(archived).extracting(LedgerEntry::balanceAfterMinor).containsExactlyInAnyOrder(5_000L, 3_750L);
    }

    @Test
    void redisDownRefusesADebitWithAClearMessageAndMovesNothing() {
        try (RedisConnections dead = RedisConnections.create("redis://127.0.0.1:1/0");
                RedisStoredValue value = new RedisStoredValue(dead, store.keys, Clock.systemUTC(), tillA.store(), pos.sync.testing.TestTills.signer(PeopleFixture.TILL))) {
            DebitResult result = value.debit("m1", "tx-down", 500, "till-A");
            assertThat(result.outcome()).isEqualTo(DebitResult.Outcome.UNAVAILABLE);
            assertThat(result.isSuccess()).isFalse();
            assertThat(result.message()).startsWith("The store's stored-value ledger cannot be reached (redis 127.0.0.1:1")
                    .endsWith("nothing was taken; take another tender and try again later");
            assertThat(tillA.store().ledger("m1")).isEmpty();
        }
    }

    @Test
    void rotatingTheKeyResealsEveryPrintAndOldTillsStillReadTheirCopies() {
        Member max = tillA.addMember("Max", Currency.getInstance("EUR"));
        byte[] template = "max-right-index-template".getBytes();
        tillA.storePrint(new StoredPrint(max.id(), PersonKind.MEMBER, "right-index", DRIVER, template));
        String newKey = PrintKeys.newKeyLine("store2");
        try (TillPeople rotated = new TillPeople(tillA.store(), new PrintCipher(PrintKeys.parse(newKey + "," + store.printKeySpec,
                "rotation")), store.redis, store.keys, Clock.systemUTC(),
                pos.sync.testing.TestTills.signer(PeopleFixture.TILL))) {
            assertThat(rotated.resealAll()).isEqualTo(1);
            assertThat(tillA.store().prints(PersonKind.MEMBER, max.id())).singleElement()
                    .satisfies(p -> assertThat(p.keyId()).isEqualTo("store2"));
            assertThat(rotated.prints(PersonKind.MEMBER, DRIVER).usable()).singleElement()
                    .satisfies(e -> assertThat(e.print().template()).isEqualTo(template));
            // A till still on the old key only says which key it lacks.
            assertThat(tillA.prints(PersonKind.MEMBER, DRIVER).unreadable()).singleElement().asString()
                    .contains("sealed under key store2, which this till does not have");
        }
    }
}
