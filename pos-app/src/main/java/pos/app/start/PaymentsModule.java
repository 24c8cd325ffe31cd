package pos.app.start;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import pos.app.config.TillConfig;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisConnections;
import pos.core.pay.PaymentGateway;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.card.CardTokens;
import pos.sync.hub.HubClient;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.pay.PaymentSettings;
import pos.sync.pay.PendingQueue;
import pos.sync.pay.TillPaymentDesk;

/**
 * The payment component (R20) and what it owns: the desk, the result board and the pending queue on the till's one
 * Redis client (which it does not close), and the payment threads. Present when the gateway, the hub and Redis are
 * configured. Thread-safe as the desk is.
 */
public final class PaymentsModule implements AutoCloseable {

    private final TillPaymentDesk desk;
    private PaymentGateway gateway;
    private final RedisResultBoard board;
    private final RedisPendingPayments pending;
    private final ScheduledExecutorService scheduler;

    private PaymentsModule(TillPaymentDesk desk, RedisResultBoard board, RedisPendingPayments pending,
            ScheduledExecutorService scheduler) {
        this.desk = desk;
        this.board = board;
        this.pending = pending;
        this.scheduler = scheduler;
    }

    /**
     * The payment component of {@code config}, or null when payments are not configured.
     *
     * @param hubClients the till's client of the hub with a given timeout (the payment settings' hub timeout)
     */
    public static PaymentsModule open(TillConfig config, SqliteSaleJournal journal, RedisConnections redis, Clock clock,
            CardTokens cardTokens, java.util.function.Function<java.time.Duration, HubClient> hubClients) {
        if (!config.paymentsConfigured()) {
            return null;
        }
        String notifyUrl = config.hubUrl().orElseThrow() + "/notify/sandbox";
        PaymentGateway gateway = new SandboxPaymentGateway(URI.create(config.gatewayUrl().orElseThrow()),
                SandboxPaymentGateway.DEFAULT_TIMEOUT, SandboxPaymentGateway.DEFAULT_TIMEOUT,
                SandboxPaymentGateway.DEFAULT_ORDER_EXPIRY, notifyUrl);
        PaymentSettings settings = PaymentSettings.defaults(notifyUrl, URI.create(config.hubUrl().orElseThrow()))
                .withQrTimeout(config.qrTimeout())
                .withHubPublicKey(config.hubPublicKey().orElse(null)); // issue 10: only the hub's signed results
        RedisResultBoard board = new RedisResultBoard(redis);
        RedisPendingPayments pending = new RedisPendingPayments(redis);
        AtomicInteger count = new AtomicInteger();
        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4, task -> {
            Thread thread = new Thread(task, "pos-pay-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            TillPaymentDesk desk = new TillPaymentDesk(settings, gateway, journal, board, PendingQueue.of(pending), clock,
                    scheduler, cardTokens, hubClients.apply(settings.hubTimeout()));
            PaymentsModule module = new PaymentsModule(desk, board, pending, scheduler);
            module.gateway = gateway;
            return module;
        } catch (RuntimeException e) {
            new PaymentsModule(null, board, pending, scheduler).close();
            throw e;
        }
    }

    /** The payment gateway the desk uses (start-up recovery refunds through it). */
    public PaymentGateway gateway() {
        return gateway;
    }

    public TillPaymentDesk desk() {
        return desk;
    }

    @Override
    public void close() {
        if (desk != null) {
            desk.close();
        }
        board.close();
        pending.close();
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
