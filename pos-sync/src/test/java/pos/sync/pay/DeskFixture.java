package pos.sync.pay;

import static org.hamcrest.Matchers.equalTo;
import static pos.sync.testing.Await.await;

import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import pos.core.money.Money;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentSession;
import pos.core.pay.PaymentStatus;
import pos.core.sale.TransactionId;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.journal.PaymentEvent;
import pos.sync.journal.PaymentEventKind;
import pos.sync.journal.SqliteSaleJournal;
import pos.contract.pay.PaymentKeys;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisConnections;
import pos.sync.testing.Await;
import pos.sync.testing.SandboxCustomer;
import pos.sync.testing.TestClock;

/**
 * One till's payment desk wired to real parts: the sandbox gateway on a socket, a real Redis
 * (board and pending queue under a key prefix of the test's own), a real SQLite journal, a
 * settable clock and a real scheduler ticking every 20 ms. Not thread-safe: one per test.
 */
final class DeskFixture implements AutoCloseable {

    static final String NOTIFY_URL = "http://127.0.0.1:9/notify"; // no hub in these tests: notifications go nowhere
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final TestClock clock;
    final SandboxGateway sandbox;
    final SandboxCustomer customer;
    final SandboxPaymentGateway gateway;
    final SqliteSaleJournal journal;
    final RedisConnections redis;
    final PaymentKeys keys;
    final RedisResultBoard board;
    /** The store hub's result key in these tests; the desk trusts it unless the test's settings name another. */
    final java.security.KeyPair hubKeys;
    /** The board as the hub writes it: every result signed with {@link #hubKeys}. */
    final RedisResultBoard hubBoard;
    final RedisPendingPayments pending;
    final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(3);
    final List<LatePayment> late = new CopyOnWriteArrayList<>();
    final TillPaymentDesk desk;
    private final TransactionId.Generator ids = new TransactionId.Generator(Clock.systemUTC());

    DeskFixture(SandboxGateway sandbox, String redisUri, Path dataDir, String keyPrefix, PaymentSettings settings) {
        this(sandbox, redisUri, dataDir, keyPrefix, settings, null);
    }

    DeskFixture(SandboxGateway sandbox, String redisUri, Path dataDir, String keyPrefix, PaymentSettings settings,
            java.util.function.UnaryOperator<PaymentGateway> wrap) {
        this(sandbox, redisUri, dataDir, keyPrefix, settings, wrap, new TestClock(Instant.now()));
    }

    DeskFixture(SandboxGateway sandbox, String redisUri, Path dataDir, String keyPrefix, PaymentSettings settings,
            java.util.function.UnaryOperator<PaymentGateway> wrap, TestClock clock) {
        this(sandbox, redisUri, dataDir, keyPrefix, settings, wrap, clock, true);
    }

    /** @param trustFixtureKey with settings that name no hub key: trust {@link #hubKeys} (true) or no hub key at all */
    DeskFixture(SandboxGateway sandbox, String redisUri, Path dataDir, String keyPrefix, PaymentSettings settings,
            java.util.function.UnaryOperator<PaymentGateway> wrap, TestClock clock, boolean trustFixtureKey) {
        this.clock = clock;
        this.sandbox = sandbox;
        this.customer = new SandboxCustomer(sandbox.baseUri());
        this.gateway = new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofMinutes(2), null);
        this.journal = SqliteSaleJournal.open(dataDir, clock);
        this.redis = RedisConnections.create(redisUri);
        this.keys = new PaymentKeys(keyPrefix);
        this.board = new RedisResultBoard(redis, keys, Duration.ofMinutes(10));
        this.hubKeys = pos.contract.auth.Ed25519.generate();
        this.hubBoard = new RedisResultBoard(redis, keys, Duration.ofMinutes(10), hubKeys.getPrivate());
        if (settings.hubPublicKey() == null && trustFixtureKey) {
            settings = settings.withHubPublicKey(hubKeys.getPublic());
        }
        this.pending = new RedisPendingPayments(redis, keys, clock);
        PaymentGateway used = wrap == null ? gateway : wrap.apply(gateway);
        this.desk = new TillPaymentDesk(settings, used, journal, board, PendingQueue.of(pending), clock, scheduler);
        desk.onLatePayment(late::add);
        desk.start();
    }

    /** Test settings: the documented durations (the clock is the test's), ticking every 20 ms. */
    static PaymentSettings settings() {
        return PaymentSettings.defaults(NOTIFY_URL, null).withTickEvery(Duration.ofMillis(20));
    }

    /** A client that gives up on an answer after 300 ms, for the sandbox's timeout knob. */
    static PaymentGateway impatientGateway(SandboxGateway sandbox) {
        return new SandboxPaymentGateway(sandbox.baseUri(), Duration.ofSeconds(1), Duration.ofMillis(300),
                Duration.ofMinutes(2), null);
    }

    PaymentOrder order(PaymentMethod method, long minor) {
        return new PaymentOrder(ids.next(), "till-1", method, Money.ofMinor(minor, "EUR"), "Store 1 · 2 items",
                clock.instant());
    }

    /** The PIN key the sandbox gateway checks PIN blocks with by default. */
    static final pos.core.pay.PinKey PIN_KEY = pos.core.pay.PinKey.fromText(
            pos.gateway.sandbox.api.PinBlocks.DEFAULT_PIN_KEY);

    /** A card charge for {@code order} as the card screen makes it: the PIN typed as chars, wiped once used. */
    static pos.core.pay.CardCharge card(PaymentOrder order, String cardNumber, String pin) {
        return pos.core.pay.CardCharge.of(pos.core.card.CardNumber.typed(cardNumber), pin.toCharArray(), PIN_KEY, order);
    }

    void awaitState(PaymentSession session, PaymentSession.State state) {
        await("payment " + session.order().outTradeNo() + " is " + state).atMost(TIMEOUT).until(session::state, equalTo(state));
    }

    /** Moves the clock and waits a few ticks so that the desk sees the new time. */
    void advance(Duration by) {
        clock.advance(by);
        desk.tick();
        Await.sleep(100);
    }

    List<PaymentEventKind> journaled(String tx) {
        return journal.paymentEvents(tx).stream().map(PaymentEvent::kind).toList();
    }

    PaymentStatus boardStatus(String tx) {
        return board.get(tx).map(PaymentResult::status).orElse(null);
    }

    /** Writes a result signed by the hub straight into its hash, without the pub/sub message: a lost hint. */
    void writeResultWithoutPublishing(PaymentOrder order, PaymentStatus status) {
        long at = System.currentTimeMillis();
        String sig = pos.contract.pay.ResultSignature.sign(hubKeys.getPrivate(), new PaymentResult(order.outTradeNo(),
                status, order.amount().minorUnits(), "EUR", order.method(), null, Instant.ofEpochMilli(at)));
        hset(order, Map.of("status", status.name(), "amountMinor", Long.toString(order.amount().minorUnits()), "currency",
                "EUR", "method", order.method().name(), "updatedAt", Long.toString(at), "sig", sig));
    }

    /** One HSET on the payment's result hash, as anyone who reaches Redis can send it. */
    void hset(PaymentOrder order, Map<String, String> fields) {
        try (StatefulRedisConnection<String, String> connection = redis.connect()) {
            connection.sync().hset(keys.result(order.outTradeNo()), fields);
        }
    }

    @Override
    public void close() {
        desk.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        board.close();
        hubBoard.close();
        pending.close();
        redis.close();
        journal.close();
    }
}
