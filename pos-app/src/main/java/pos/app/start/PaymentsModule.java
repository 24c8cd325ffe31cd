package pos.app.start;

import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import pos.app.config.TillConfig;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.redis.RedisConnections;
import pos.core.pay.PaymentGateway;
import pos.gateway.PosGatewayException;
import pos.gateway.provider.MissingCredentialsException;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.provider.Secrets;
import pos.gateway.sandboxapi.SandboxPaymentGateway;
import pos.sync.card.CardTokens;
import pos.sync.hub.HubClient;
import pos.sync.journal.SqliteSaleJournal;
import pos.sync.pay.PaymentSettings;
import pos.sync.pay.PendingQueue;
import pos.sync.pay.TillPaymentDesk;

/**
 * The payment component (R20) and what it owns: the desk, the result board and the pending queue on the till's one
 * Redis client (which it does not close), the payment threads and the provider (issue 13). Present when the gateway (or
 * a real provider), the hub and Redis are configured. Thread-safe as the desk is.
 */
public final class PaymentsModule implements AutoCloseable {

    private final TillPaymentDesk desk;
    private PaymentGateway gateway;
    /** Issue 13: the provider the gateway belongs to, closed last. */
    private PaymentProvider provider;
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
     * The payment component of {@code config}, or null when payments are not configured. Its gateway is the configured
     * provider's ({@code pos.gateway.provider}, issue 13).
     *
     * @param hubClients the till's client of the hub with a given timeout (the payment settings' hub timeout)
     * @throws PaymentProviderUnavailableException when the provider's credentials are missing or unusable, or this
     *                                             build cannot make it: the till sells on without these tenders
     */
    public static PaymentsModule open(TillConfig config, SqliteSaleJournal journal, RedisConnections redis, Clock clock,
            CardTokens cardTokens, java.util.function.Function<java.time.Duration, HubClient> hubClients) {
        if (!config.paymentsConfigured()) {
            return null;
        }
        String notifyUrl = config.hubUrl().orElseThrow() + "/notify/" + config.paymentProvider();
        PaymentProvider provider = openProvider(providerSettings(config, notifyUrl));
        PaymentGateway gateway = provider.gateway();
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
            module.provider = provider;
            return module;
        } catch (RuntimeException e) {
            PaymentsModule partial = new PaymentsModule(null, board, pending, scheduler);
            partial.provider = provider;
            partial.close();
            throw e;
        }
    }

    /**
     * Issue 13: what {@link PaymentProviders#open} needs for {@code config}'s provider: the sandbox's or a test server's
     * address (none for a real provider's production address), the credentials directory and variables, the hub's
     * {@code /notify/<provider>}, the timeouts and order expiry the till has always used.
     */
    static ProviderSettings providerSettings(TillConfig config, String notifyUrl) {
        return new ProviderSettings(config.paymentProvider(), config.gatewayUrl().map(URI::create).orElse(null),
                config.providerCredentials(), config.providerEnvironment(), notifyUrl, SandboxPaymentGateway.DEFAULT_TIMEOUT,
                SandboxPaymentGateway.DEFAULT_ORDER_EXPIRY, null);
    }

    /**
     * Checks the credentials of {@code config}'s provider without opening it (a till whose hub or Redis is not
     * configured still says at start what is missing).
     *
     * @throws PaymentProviderUnavailableException naming the missing or unsafe file and variable
     */
    public static void checkCredentials(TillConfig config) {
        ProviderSettings settings = providerSettings(config, null);
        try {
            PaymentProviders.requireCredentials(settings);
        } catch (PosGatewayException e) {
            throw unavailable(settings, e);
        }
    }

    /** The provider, or why it cannot be used: its credentials missing or unusable, or a provider this build lacks. */
    private static PaymentProvider openProvider(ProviderSettings settings) {
        try {
            return PaymentProviders.open(settings);
        } catch (PosGatewayException | IllegalArgumentException e) {
            throw unavailable(settings, e);
        }
    }

    private static PaymentProviderUnavailableException unavailable(ProviderSettings settings, RuntimeException e) {
        String provider = PaymentProviders.normalise(settings.provider());
        return new PaymentProviderUnavailableException(provider, settings.credentialsDir(),
                e instanceof MissingCredentialsException ? missingCredentials(provider, settings.secrets()) : Map.of(), e);
    }

    /**
     * Each credential of {@code provider} that neither its file nor its variable holds (file name → variable), for the
     * clerk's shorter sentence; empty when a file is there but unsafe (its own sentence says what to do then).
     */
    static Map<String, String> missingCredentials(String provider, Secrets secrets) {
        Map<String, String> missing = new LinkedHashMap<>();
        for (String name : PaymentProviders.REQUIRED_CREDENTIALS.getOrDefault(provider, List.of())) {
            try {
                if (secrets.optional(name).isEmpty()) {
                    missing.put(name, secrets.variable(name));
                }
            } catch (MissingCredentialsException unsafe) {
                return Map.of();
            }
        }
        return missing;
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
        if (provider != null) {
            provider.close(); // after the desk: no payment thread uses its HTTP clients any more
        }
    }
}
