package pos.sync.pay.redis;

import pos.contract.pay.PaymentKeys;
import pos.contract.pay.RedisResultBoard;
import pos.contract.pay.ResultUpdate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static pos.sync.testing.Await.await;

import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.contract.redis.RedisConnections;
import pos.contract.redis.UnableToReachRedisException;
import pos.testkit.junit.WithRedis;
import pos.testkit.redis.RedisProcess;

@WithRedis
@DisplayName("RedisResultBoard")
class RedisResultBoardTest {

    private static final AtomicInteger NEXT_TX = new AtomicInteger();

    RedisProcess redis;

    private RedisConnections connections;
    private RedisResultBoard board;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> commands;

    @BeforeEach
    void setUp() {
        connections = RedisConnections.create(redis.uri());
        board = new RedisResultBoard(connections);
        connection = connections.connect();
        commands = connection.sync();
    }

    @AfterEach
    void tearDown() {
        board.close();
        connection.close();
        connections.close();
    }

    static String newTx() {
        return String.format("TXBOARD%06d", NEXT_TX.incrementAndGet());
    }

    static PaymentResult result(String tx, PaymentStatus status) {
        return new PaymentResult(tx, status, 1250, "EUR", PaymentMethod.QR_SHOWN,
                status == PaymentStatus.FAILED ? "INSUFFICIENT_BALANCE:NOTENOUGH" : null, Instant.ofEpochMilli(1_767_225_600_123L));
    }

    static Stream<Arguments> everyPairOfStatuses() {
        List<Arguments> pairs = new ArrayList<>();
        for (PaymentStatus from : PaymentStatus.values()) {
            for (PaymentStatus to : PaymentStatus.values()) {
                pairs.add(Arguments.of(from, to));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} then {1}")
    @MethodSource("everyPairOfStatuses")
    @DisplayName("R22 the Lua compare-and-set applies PaymentStatus.canMoveTo for every pair of statuses")
    void scriptFollowsTheStatusRuleForEveryPair(PaymentStatus from, PaymentStatus to) {
        String tx = newTx();
        assertThat(board.update(result(tx, from)).outcome()).isEqualTo(ResultUpdate.Outcome.STORED);

        ResultUpdate update = board.update(result(tx, to));

        PaymentStatus expected = from.canMoveTo(to) ? to : from;
        assertThat(update.stored().status()).isEqualTo(expected);
        assertThat(board.get(tx)).map(PaymentResult::status).contains(expected);
        assertThat(update.outcome()).isEqualTo(from == to ? ResultUpdate.Outcome.DUPLICATE
                : from.canMoveTo(to) ? ResultUpdate.Outcome.STORED : ResultUpdate.Outcome.REFUSED);
    }

    @ParameterizedTest(name = "{0} then {1} leaves {2}")
    @CsvSource(textBlock = """
            SUCCESS,    PENDING,    SUCCESS
            SUCCESS,    CLOSED,     SUCCESS
            SUCCESS,    REFUNDED,   REFUNDED
            CLOSED,     SUCCESS,    SUCCESS
            CLOSED,     PENDING,    CLOSED
            REVOKED,    SUCCESS,    REVOKED
            USERPAYING, PENDING,    USERPAYING
            FAILED,     SUCCESS,    SUCCESS
            """)
    @DisplayName("a final state never moves backwards; the gateway's word on money wins")
    void finalStatesNeverMoveBackwards(PaymentStatus first, PaymentStatus second, PaymentStatus left) {
        String tx = newTx();
        board.publish(result(tx, first));
        assertThat(board.publish(result(tx, second)).status()).isEqualTo(left);
    }

    @Test
    @DisplayName("a result round-trips with all its fields, and a refusal's reason is dropped when it becomes a success")
    void resultRoundTrips() {
        String tx = newTx();
        PaymentResult failed = result(tx, PaymentStatus.FAILED);
        board.publish(failed);
        assertThat(board.get(tx)).contains(failed);

        PaymentResult paid = result(tx, PaymentStatus.SUCCESS);
        board.publish(paid);
        assertThat(board.get(tx)).contains(paid);
        assertThat(commands.hexists(PaymentKeys.DEFAULT.result(tx), "reasonCode")).isFalse();
        assertThat(board.get(newTx())).isEmpty();
    }

    @Test
    @DisplayName("R22 eight threads racing on one payment never leave it in a backward state")
    void concurrentUpdatesNeverMoveBackwards() throws Exception {
        // SUCCESS absorbs every other status offered here; CLOSED and FAILED may still become SUCCESS.
        List<PaymentStatus> offered = List.of(PaymentStatus.PENDING, PaymentStatus.USERPAYING, PaymentStatus.CLOSED,
                PaymentStatus.FAILED, PaymentStatus.SUCCESS);
        for (int round = 0; round < 5; round++) {
            String tx = newTx();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<PaymentStatus>>> seen = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                seen.add(pool.submit(() -> {
                    start.await();
                    List<PaymentStatus> observed = new ArrayList<>();
                    for (int i = 0; i < 40; i++) {
                        PaymentStatus next = offered.get(ThreadLocalRandom.current().nextInt(offered.size()));
                        observed.add(board.publish(result(tx, next)).status());
                    }
                    observed.add(board.publish(result(tx, PaymentStatus.SUCCESS)).status());
                    return observed;
                }));
            }
            start.countDown();
            for (Future<List<PaymentStatus>> future : seen) {
                List<PaymentStatus> observed = future.get(30, TimeUnit.SECONDS);
                for (int i = 1; i < observed.size(); i++) {
                    PaymentStatus before = observed.get(i - 1);
                    PaymentStatus after = observed.get(i);
                    assertThat(reachable(before)).as("%s seen after %s", after, before).contains(after);
                }
            }
            pool.shutdown();
            assertThat(board.get(tx)).map(PaymentResult::status).contains(PaymentStatus.SUCCESS);
        }
    }

    /** Every status reachable from {@code from} by allowed moves, itself included. */
    private static Set<PaymentStatus> reachable(PaymentStatus from) {
        Set<PaymentStatus> reached = EnumSet.of(from);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (PaymentStatus status : EnumSet.copyOf(reached)) {
                grew |= reached.addAll(status.allowedNext());
            }
        }
        return reached;
    }

    @Test
    @DisplayName("a stored result lives 24 h by default, renewed on change; another TTL can be configured")
    void resultsHaveATimeToLive() {
        String tx = newTx();
        board.publish(result(tx, PaymentStatus.PENDING));
        long ttl = commands.pttl(PaymentKeys.DEFAULT.result(tx));
        assertThat(ttl).isBetween(Duration.ofHours(24).minusMinutes(1).toMillis(), Duration.ofHours(24).toMillis());

        try (RedisResultBoard shortLived = new RedisResultBoard(connections, new PaymentKeys("t-ttl"), Duration.ofSeconds(5))) {
            shortLived.publish(result(tx, PaymentStatus.SUCCESS));
            assertThat(commands.pttl("t-ttl:pay:result:" + tx)).isBetween(1L, 5_000L);
        }
    }

    @Test
    @DisplayName("R22 a change is published as a hint on pos:pay:results; a duplicate is not")
    @SuppressWarnings("try") // the watch only has to be open
    void changesArePublished() throws Exception {
        String tx = newTx();
        String other = newTx();
        BlockingQueue<String> hints = new LinkedBlockingQueue<>();
        List<String> threads = new CopyOnWriteArrayList<>();
        try (AutoCloseable watch = board.watch(tx, id -> {
            threads.add(Thread.currentThread().getName());
            hints.add(id);
        })) {
            board.publish(result(other, PaymentStatus.SUCCESS));
            board.publish(result(tx, PaymentStatus.PENDING));
            assertThat(hints.poll(5, TimeUnit.SECONDS)).isEqualTo(tx);
            board.publish(result(tx, PaymentStatus.PENDING)); // duplicate: nothing published
            board.publish(result(tx, PaymentStatus.SUCCESS));
            assertThat(hints.poll(5, TimeUnit.SECONDS)).isEqualTo(tx);
            assertThat(hints.poll(200, TimeUnit.MILLISECONDS)).isNull();
            assertThat(threads).allMatch(name -> name.equals("pos-pay-results-watch"));
        }
        board.publish(result(tx, PaymentStatus.REFUNDED));
        assertThat(hints.poll(200, TimeUnit.MILLISECONDS)).as("no call after the handle is closed").isNull();
    }

    @Test
    @DisplayName("with Redis killed, reads and writes fail at once with UnableToReachRedisException naming the server")
    void failsFastWhenRedisIsGone() {
        try (RedisProcess own = new RedisProcess().start();
                RedisConnections ownConnections = RedisConnections.create(own.uri());
                RedisResultBoard ownBoard = new RedisResultBoard(ownConnections)) {
            String tx = newTx();
            ownBoard.publish(result(tx, PaymentStatus.PENDING));
            own.kill();

            long started = System.nanoTime();
            assertThatThrownBy(() -> ownBoard.publish(result(tx, PaymentStatus.SUCCESS)))
                    .isInstanceOf(UnableToReachRedisException.class)
                    .hasMessageStartingWith("redis 127.0.0.1:" + own.port() + ": ");
            assertThatThrownBy(() -> ownBoard.get(tx))
                    .isInstanceOf(UnableToReachRedisException.class)
                    .hasMessage("redis 127.0.0.1:" + own.port() + ": connection refused");
            assertThatThrownBy(() -> ownBoard.watch(tx, id -> { }))
                    .isInstanceOf(UnableToReachRedisException.class)
                    .hasMessageContaining("127.0.0.1:" + own.port());
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

            own.start();
            await("the board works again").atMost(Duration.ofSeconds(10)).until(() ->
                    ownBoard.publish(result(tx, PaymentStatus.SUCCESS)).status() == PaymentStatus.SUCCESS);
        }
    }
}
