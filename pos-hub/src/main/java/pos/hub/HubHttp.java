package pos.hub;

import pos.contract.TransactionIds;
import pos.gateway.sandboxapi.InvalidNotificationException;
import pos.gateway.sandboxapi.NotificationVerifier;
import pos.gateway.sandboxapi.SandboxNotification;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.core.pay.PaymentResult;
import pos.core.pay.PaymentStatus;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.pay.StoredOrder;
import pos.contract.people.InvalidPeopleCursorException;
import pos.hub.people.MariaDbPeopleStore;
import pos.contract.people.PeopleChanges;
import pos.hub.people.UnableToStorePeopleException;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;
import pos.contract.rules.PublishedRuleBase;
import pos.contract.rules.RuleBaseJson;
import pos.hub.rules.RuleBaseNotSignedException;
import pos.hub.rules.RuleBasePublisher;
import pos.hub.rules.RuleBaseVersionConflictException;
import pos.hub.rules.UnableToStoreRuleBaseException;
import pos.core.rules.RuleDefinitionException;
import pos.core.voucher.RedemptionResult;
import pos.hub.voucher.UnableToStoreVoucherException;
import pos.contract.voucher.VoucherRedisKeys;
import pos.hub.voucher.VoucherResults;
import pos.contract.auth.TillKeys;
import pos.hub.http.BrowserDefences;
import pos.hub.http.Callers;
import pos.hub.http.CustomerRateLimiter;
import pos.hub.http.HttpGuard;
import pos.hub.http.HubConnector;
import pos.hub.http.RefusedRequestException;
import pos.hub.http.SlowBodyGate;

/**
 * The hub's HTTP endpoints (Javalin on Jetty). Every answer is JSON (except /metrics); an error is
 * {@code {"error": code, "message": sentence}} and never a stack trace; request bodies over
 * {@value #MAX_BODY_BYTES} bytes are refused with 413.
 *
 * <pre>
 * POST /notify/sandbox   the gateway's signed notification: 200 {"code":"SUCCESS"}; 401 bad signature; 400 malformed;
 *                        503 Redis unreachable (the gateway retries); one for another amount or currency than the
 *                        order's is held in pos:pay:held:{tx} with an alert, not settled, and answered 200 once stored
 *                        (results are signed with the hub's key; only signed ones are answered as final below)
 * GET  /payments/{tx}    a payment's status for the till's poll and the customer's side (R3, R17, R22, R23):
 *                        200 {transactionId, status, final, paid, amountMinor, currency, method, reasonCode, updatedAt};
 *                        404 unknown; 400 not a transaction id
 * GET  /alerts           {"alerts": [{name, level, message, since}]}
 * GET  /metrics          Prometheus text format
 * GET  /health           {status, redis, mariadb, alerts, consumer}: 200 when Redis answers, else 503
 * PUT  /rules            (or POST) rule data as JSON ({@link RuleBaseJson}, at most 8 MiB), with the owner's token
 *                        (401 without, 403 for a till; 415 without Content-Type: application/json), signed by the store
 *                        owner (issue 10, docs/signed-rules.md): headers X-Rule-Base-Version (the next version, also the
 *                        body's "version") and X-Rule-Base-Signature; signature, number, size and rules are checked before
 *                        anything is stored, then stored in MariaDB, copied to Redis and announced (R14):
 *                        201 {version, sha256, rules, inRedis}; 403 not_signed; 409 version_conflict {expectedVersion};
 *                        422 {"error":"rules_refused", message, problems: [...]} and nothing changed;
 *                        413 too large; 503 MariaDB unreachable (nothing changed)
 * GET  /rules            (a till or the owner) the rule data in force (the exact text signed; headers
 *                        X-Rule-Base-Version, X-Rule-Base-Signature); 404 none published yet
 * GET  /rules/version    (the owner) {version, next, storeId}: the version in force in MariaDB (0: none) and the one to sign next
 * GET  /vouchers/{id}    a voucher's redemption for the customer's side (R3): 200 {voucherId, status (SUCCESS, FAILED,
 *                        NOT_REDEEMED), reason, messageKey, message, orderNumber, storeId, tillId, transactionId, at,
 *                        refusedAttempts, lastRefusedAt, source}; 404 unknown; 400 not a voucher id;
 *                        503 neither Redis nor MariaDB can answer
 * GET  /people           (a till only: 401 otherwise) the store's people for the tills' pull, from MariaDB: ?since=cursor for only what changed after
 *                        an earlier answer; 200 {cursor, full, clerks: [...], members: [...], prints: [...]} with each record's
 *                        JSON exactly as in the hashes pos:people:* (prints sealed: ciphertext only); 400 bad_cursor for a
 *                        cursor the hub never handed out; 503 MariaDB unreachable
 * </pre>
 *
 * Who may call what, the Host check, CORS, JSON-only writes, the customers' rate limit and the slow-client
 * limits are {@link HttpGuard}'s and {@link HubConnector}'s (package {@code pos.hub.http}, docs/hub-http.md):
 * {@code /people} only to a till, rule publishing only to the owner, customers get minimal answers.
 *
 * Thread-safe (Jetty's threads call the handlers).
 */
public final class HubHttp {

    /** The largest request body accepted. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** The rule base version the store owner signed (PUT) or the one in force (GET). */
    public static final String RULES_VERSION_HEADER = "X-Rule-Base-Version";
    /** The store owner's signature of the rule data ({@link pos.contract.rules.RuleBaseSignature}). */
    public static final String RULES_SIGNATURE_HEADER = "X-Rule-Base-Signature";

    private static final Logger log = LoggerFactory.getLogger(HubHttp.class);
    /** Refused notifications logged without letting a hostile caller flood the log. */
    private static final pos.hub.http.RefusalLog notificationRefusals = new pos.hub.http.RefusalLog(log, Clock.systemUTC());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ANSWERED = "pos.hub.answered";

    private final HubSettings settings;
    private final NotificationVerifier verifier;
    private final PaymentSettler settler;
    private final RedisResultBoard board;
    private final RedisPendingPayments pending;
    private final GatewayQueries queries;
    private final HubAlerts alerts;
    private final QueueMonitor monitor;
    private final HubMetrics metrics;
    private final RedisLink redis;
    private final RuleBasePublisher rules;
    private final Clock clock;
    private final VoucherResults vouchers;
    private final MariaDbPeopleStore people;
    private final TillKeys tills;
    private final SlowBodyGate bodies;
    private Javalin app; // guarded by this

    HubHttp(HubSettings settings, NotificationVerifier verifier, PaymentSettler settler, RedisResultBoard board,
            RedisPendingPayments pending, GatewayQueries queries, HubAlerts alerts, QueueMonitor monitor, HubMetrics metrics,
            RedisLink redis, RuleBasePublisher rules, Clock clock, VoucherResults vouchers, MariaDbPeopleStore people,
            TillKeys tills) {
        this.settings = settings;
        this.verifier = verifier;
        this.settler = settler;
        this.board = board;
        this.pending = pending;
        this.queries = queries;
        this.alerts = alerts;
        this.monitor = monitor;
        this.metrics = metrics;
        this.redis = redis;
        this.rules = rules;
        this.clock = clock;
        this.vouchers = vouchers;
        this.people = people;
        this.tills = Objects.requireNonNull(tills, "tills");
        this.bodies = new SlowBodyGate(settings.http().slowBodyReaders(), settings.http().requestDeadline());
    }

    /**
     * Binds the listen address and starts serving.
     *
     * @return the port bound
     * @throws UnableToStartHubException if the address cannot be bound
     */
    synchronized int start() {
        java.util.Optional<String> refusal = pos.hub.http.ListenPolicy.refusal(settings.listenHost(), settings.http());
        if (refusal.isPresent()) {
            throw new UnableToStartHubException(refusal.get(), null);
        }
        pos.hub.http.ListenPolicy.warnings(settings.listenHost(), settings.http()).forEach(w -> log.warn("{}", w));
        if (settings.http().tls()) {
            HubConnector.requireKeyStore(settings.http().tlsKeystore(), settings.http().tlsKeystorePassword());
        }
        QueuedThreadPool threads = HubConnector.threads(settings.http());
        HttpGuard guard = new HttpGuard(new BrowserDefences(settings.listenHost(), settings.http().publicNames(),
                settings.http().allowedOrigins()), new Callers(tills, settings.ownerToken()),
                new CustomerRateLimiter(settings.http().customerBurst(), settings.http().customerPerSecond(), System::nanoTime));
        Javalin javalin = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jetty.threadPool = threads;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.router.ignoreTrailingSlashes = true;
            // Requests Jetty refuses before Javalin sees them (bad escapes, no Host) get JSON too.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyHttpConfiguration(http -> HubConnector.configure(http, settings.http()));
            config.jetty.addConnector((server, http) -> HubConnector.create(server, http, settings.listenHost(),
                    settings.listenPort(), settings.http()));
        });
        javalin.before(guard::check);
        javalin.before(HubHttp::refuseLargeBodies);
        javalin.post("/notify/sandbox", this::notification);
        javalin.get("/payments/{tx}", this::status);
        javalin.get("/alerts", this::alerts);
        javalin.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        javalin.get("/health", this::health);
        javalin.put("/rules", this::publishRules);
        javalin.post("/rules", this::publishRules);
        javalin.get("/rules", this::currentRules);
        javalin.get("/rules/version", this::rulesVersion);
        javalin.get("/vouchers/{id}", this::voucher);
        javalin.get("/people", this::people);
        javalin.exception(InvalidPeopleCursorException.class, (e, ctx) -> answer(ctx, 400, error("bad_cursor", e.getMessage())));
        javalin.exception(UnableToStorePeopleException.class, (e, ctx) -> {
            log.warn("{} {} answered 503: {}", ctx.method(), ctx.path(), e.getMessage());
            answer(ctx, 503, error("mariadb_unreachable", "the store's database cannot be reached; try again shortly"));
        });
        javalin.exception(UnableToStoreRuleBaseException.class, (e, ctx) -> {
            log.warn("{} {} answered 503: {}", ctx.method(), ctx.path(), e.getMessage());
            answer(ctx, 503, error("mariadb_unreachable", e.getMessage() + "; try again shortly"));
        });
        javalin.exception(UnableToStoreVoucherException.class, (e, ctx) -> {
            log.warn("{} {} answered 503: {}", ctx.method(), ctx.path(), e.getMessage());
            answer(ctx, 503, error("mariadb_unreachable", "the store's database cannot be reached; try again shortly"));
        });
        javalin.exception(HttpProblem.class, (e, ctx) -> answer(ctx, e.status, error(e.code, e.getMessage())));
        javalin.exception(RefusedRequestException.class, (e, ctx) -> {
            e.headers().forEach(ctx::header);
            answer(ctx, e.status(), error(e.code(), e.getMessage()));
        });
        javalin.exception(UnableToReachRedisException.class, (e, ctx) -> {
            log.warn("{} {} answered 503: {}", ctx.method(), ctx.path(), e.getMessage());
            answer(ctx, 503, error("redis_unreachable", "the store's Redis cannot be reached (" + e.reason()
                    + "); try again shortly"));
        });
        javalin.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 404) {
                answer(ctx, 404, error("not_found", "no such endpoint: " + ctx.method() + " "
                        + TransactionIds.printable(ctx.path())));
            } else {
                answer(ctx, e.getStatus(), error("http_" + e.getStatus(), TransactionIds.printable(e.getMessage())));
            }
        });
        javalin.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            answer(ctx, 500, error("internal", "the hub could not handle the request; the hub's log has the details"));
        });
        javalin.error(404, ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
                answer(ctx, 404, error("not_found", "no such endpoint: " + ctx.method() + " "
                        + TransactionIds.printable(ctx.path())));
            }
        });
        javalin.error(405, ctx -> {
            if (ctx.attribute(ANSWERED) == null) {
                answer(ctx, 405, error("method_not_allowed", ctx.method() + " is not allowed on "
                        + TransactionIds.printable(ctx.path())));
            }
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            javalin.stop();
            throw new UnableToStartHubException("cannot listen on " + settings.listenHost() + ":" + settings.listenPort()
                    + ": " + rootMessage(e), e);
        }
        app = javalin;
        return javalin.port();
    }

    synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    // --- POST /notify/sandbox -------------------------------------------------------------------

    private void notification(Context ctx) {
        long started = System.nanoTime();
        byte[] body = bodies.read(ctx.req(), MAX_BODY_BYTES);
        try {
            verifier.verify(ctx::header, body);
        } catch (InvalidNotificationException e) {
            metrics.notification("bad_signature", System.nanoTime() - started);
            notificationRefusals.refused(ctx.ip(), "notification",
                    () -> "Refused a notification from " + ctx.ip() + ": " + e.getMessage());
            answer(ctx, 401, error("bad_signature", e.getMessage()));
            return;
        }
        SandboxNotification notification;
        try {
            notification = SandboxNotification.parse(body);
        } catch (InvalidNotificationException e) {
            metrics.notification("malformed", System.nanoTime() - started);
            log.warn("Refused a signed but malformed notification from {}: {}", ctx.ip(), e.getMessage());
            answer(ctx, 400, error("malformed", e.getMessage()));
            return;
        }
        String tx = notification.outTradeNo();
        PaymentSettler.ClaimOutcome outcome;
        try {
            Optional<PaymentSettler.Facts> known = settler.facts(tx);
            if (known.isEmpty()) {
                log.warn("Notification {} for payment {} that Redis has no order for; recording it as a QR payment",
                        notification.id(), tx);
            }
            // Issue 10: a notification for another amount or currency than the order's is held, never settled.
            outcome = settler.settleOrHold(tx, new HeldPayments.Claim("notification", notification.id(),
                    notification.status(), notification.amountMinor(), notification.currency()),
                    notification.status() == PaymentStatus.FAILED ? notification.tradeState() : null, known, "notification");
        } catch (UnableToReachRedisException e) {
            // Nothing settled and nothing held: a 503 makes the gateway send it again.
            metrics.notification("unavailable", System.nanoTime() - started);
            throw e;
        }
        // Held means stored in Redis: the gateway may stop sending it.
        metrics.notification(outcome.held() ? "held" : "accepted", System.nanoTime() - started);
        ObjectNode ok = JSON.createObjectNode();
        ok.put("code", "SUCCESS");
        ok.put("message", "OK");
        answer(ctx, 200, ok);
    }

    // --- GET /payments/{tx} ---------------------------------------------------------------------

    private void status(Context ctx) {
        // The customer's side may be a page served elsewhere (R3, R17): CORS for --allow-origin only (HttpGuard).
        ctx.header("Cache-Control", "no-store");
        boolean full = HttpGuard.callerOf(ctx).trusted();
        String tx = ctx.pathParam("tx");
        if (!TransactionIds.isTransactionId(tx)) {
            throw new HttpProblem(400, "bad_transaction_id", "'" + TransactionIds.printable(tx)
                    + "' is not a transaction id (6-32 characters of 0-9 A-Z a-z _ - | *)");
        }
        // Only a result this hub signed is an answer: anything else in Redis may have been written by anyone.
        Optional<PaymentResult> result = settler.trustedResult(tx);
        if (result.isPresent() && result.get().status().isFinal()) {
            answer(ctx, 200, full ? paymentJson(result.get()) : customerPaymentJson(result.get()));
            return;
        }
        Optional<StoredOrder> order = pending.order(tx);
        if (result.isEmpty() && order.isEmpty()) {
            throw new HttpProblem(404, "unknown_payment", "no payment " + tx + " is known to the store");
        }
        if (order.isPresent() && Duration.between(order.get().createdAt(), clock.instant()).compareTo(settings.queryAfter()) >= 0) {
            // R23: no final state yet and old enough: ask the gateway, once however many ask at the same moment.
            CompletableFuture<GatewayQueries.Outcome> flight = queries.ask(tx, GatewayQueries.Trigger.STATUS,
                    order.get().createdAt());
            try {
                if (flight.get(settings.queryWait().toMillis(), TimeUnit.MILLISECONDS) == GatewayQueries.Outcome.ANSWERED) {
                    result = settler.trustedResult(tx);
                }
            } catch (TimeoutException e) {
                log.debug("Payment {}: the gateway query takes longer than {} ms; answering from Redis", tx,
                        settings.queryWait().toMillis());
            } catch (ExecutionException e) {
                throw new IllegalStateException("gateway flight for " + tx + " failed", e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new HttpProblem(503, "stopping", "the hub is stopping; ask again shortly");
            }
        }
        PaymentResult answered = result.orElseGet(() -> {
            StoredOrder o = order.orElseThrow();
            return new PaymentResult(tx, PaymentStatus.PENDING, o.amountMinor(), o.currency(), o.method(), null, o.createdAt());
        });
        answer(ctx, 200, full ? paymentJson(answered) : customerPaymentJson(answered));
    }

    /** What a customer's side needs of a payment: where it stands, nothing of the till or the order. */
    static ObjectNode customerPaymentJson(PaymentResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("transactionId", result.transactionId());
        node.put("status", result.status().name());
        node.put("final", result.status().isFinal());
        node.put("paid", result.status().isPaid());
        return node;
    }

    static ObjectNode paymentJson(PaymentResult result) {
        ObjectNode node = JSON.createObjectNode();
        node.put("transactionId", result.transactionId());
        node.put("status", result.status().name());
        node.put("final", result.status().isFinal());
        node.put("paid", result.status().isPaid());
        node.put("amountMinor", result.amountMinor());
        node.put("currency", result.currency());
        node.put("method", result.method().name());
        node.put("reasonCode", result.reasonCode());
        node.put("updatedAt", result.updatedAt().toString());
        return node;
    }

    // --- GET /people[?since=cursor] -----------------------------------------------------------

    private void people(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        PeopleChanges changes = people.changesSince(ctx.queryParam("since"));
        ObjectNode node = JSON.createObjectNode();
        node.put("cursor", changes.cursor());
        node.put("full", changes.full());
        // The records pass as they are: the hub never opens (nor could open) a sealed print.
        ArrayNode clerks = node.putArray("clerks");
        changes.clerks().forEach(json -> clerks.addRawValue(new com.fasterxml.jackson.databind.util.RawValue(json)));
        ArrayNode members = node.putArray("members");
        changes.members().forEach(json -> members.addRawValue(new com.fasterxml.jackson.databind.util.RawValue(json)));
        ArrayNode prints = node.putArray("prints");
        changes.prints().forEach(json -> prints.addRawValue(new com.fasterxml.jackson.databind.util.RawValue(json)));
        answer(ctx, 200, node);
    }

    // --- GET /vouchers/{id} --------------------------------------------------------------------

    private void voucher(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        boolean full = HttpGuard.callerOf(ctx).trusted();
        String id = ctx.pathParam("id");
        if (!VoucherRedisKeys.isVoucherId(id)) {
            throw new HttpProblem(400, "bad_voucher_id", "'" + TransactionIds.printable(id)
                    + "' is not a voucher id (1-32 characters of 0-9 A-Z a-z _ -)");
        }
        VoucherResults.Answer found = vouchers.query(id).orElseThrow(() -> new HttpProblem(404, "unknown_voucher",
                "no voucher " + id + " is known to the store"));
        ObjectNode node = JSON.createObjectNode();
        node.put("voucherId", found.voucherId());
        node.put("status", found.status());
        if (!full) { // a customer: the outcome and its sentence, nothing of the store, till or order
            found.result().ifPresentOrElse(r -> {
                node.put("reason", r.failure() == null ? null : r.failure().name());
                node.put("message", r.detail());
                node.put("at", r.at().toString());
            }, () -> node.put("message", "voucher " + id + " has not been redeemed"));
            answer(ctx, 200, node);
            return;
        }
        if (found.result().isPresent()) {
            RedemptionResult r = found.result().get();
            node.put("reason", r.failure() == null ? null : r.failure().name());
            node.put("messageKey", r.messageKey());
            node.put("message", r.detail());
            node.put("orderNumber", r.orderNumber());
            node.put("storeId", r.storeId());
            node.put("tillId", r.tillId());
            node.put("transactionId", r.transactionId());
            node.put("at", r.at().toString());
        } else {
            node.put("message", "voucher " + id + " has not been redeemed");
        }
        node.put("refusedAttempts", found.refusedAttempts());
        node.put("lastRefusedAt", found.lastRefusedAt() == null ? null : found.lastRefusedAt().toString());
        node.put("source", found.source());
        answer(ctx, 200, node);
    }

    // --- GET /alerts, /health -------------------------------------------------------------------

    private void alerts(Context ctx) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode list = root.putArray("alerts");
        for (Alert alert : alerts.active()) {
            ObjectNode node = list.addObject();
            node.put("name", alert.name());
            node.put("level", alert.level().name());
            node.put("message", alert.message());
            node.put("since", alert.since().toString());
        }
        answer(ctx, 200, root);
    }

    private void health(Context ctx) {
        boolean redisUp;
        String redisProblem = null;
        try {
            redisUp = "PONG".equals(redis.get().sync().ping());
        } catch (RuntimeException e) {
            RuntimeException failure = redis.failed(e);
            redisUp = false;
            redisProblem = failure.getMessage();
        }
        QueueMonitor.Snapshot last = monitor.last();
        ObjectNode root = JSON.createObjectNode();
        root.put("status", redisUp ? (last.mariaDbUp() ? "UP" : "DEGRADED") : "DOWN");
        root.put("redis", redisUp ? "UP" : "DOWN");
        if (redisProblem != null) {
            root.put("redisProblem", redisProblem);
        }
        root.put("mariadb", last.measuredAt() == null ? "UNKNOWN" : last.mariaDbUp() ? "UP" : "DOWN");
        root.put("alerts", alerts.active().size());
        root.put("consumer", settings.archiver().consumerName());
        answer(ctx, redisUp ? 200 : 503, root);
    }

    // --- PUT /rules, GET /rules -----------------------------------------------------------------

    private void publishRules(Context ctx) {
        // Only the owner gets here (HttpGuard, AccessPolicy: PUT/POST /rules is the owner's).
        byte[] body = bodies.read(ctx.req(), RuleBaseJson.MAX_BYTES);
        String by = "hub HTTP from " + ctx.ip() + Optional.ofNullable(ctx.header("X-Published-By"))
                .map(name -> " (" + TransactionIds.printable(name) + ")").orElse("");
        RuleBasePublisher.Outcome outcome;
        try {
            outcome = rules.publish(body, signedVersion(ctx), ctx.header(RULES_SIGNATURE_HEADER), by);
        } catch (RuleBaseNotSignedException e) {
            log.warn("SEC refused rule data from {}: {}", ctx.ip(), e.getMessage());
            answer(ctx, 403, error("not_signed", e.getMessage()));
            return;
        } catch (RuleBaseVersionConflictException e) {
            log.warn("Refused rule data from {}: {}", ctx.ip(), e.getMessage());
            ObjectNode conflict = error("version_conflict", e.getMessage());
            conflict.put("expectedVersion", e.expectedVersion());
            answer(ctx, 409, conflict);
            return;
        } catch (RuleDefinitionException e) {
            log.warn("Refused rule data from {}: {}", ctx.ip(), e.getMessage());
            ObjectNode refused = error("rules_refused", e.getMessage());
            ArrayNode problems = refused.putArray("problems");
            e.problems().forEach(problems::add);
            answer(ctx, 422, refused);
            return;
        }
        PublishedRuleBase published = outcome.published();
        ObjectNode node = JSON.createObjectNode();
        node.put("version", published.version());
        node.put("sha256", published.sha256());
        node.put("rules", published.ruleCount());
        node.put("publishedAt", published.publishedAt().toString());
        node.put("inRedis", outcome.inRedis());
        if (outcome.redisProblem() != null) {
            node.put("redisProblem", "Redis cannot be reached (" + outcome.redisProblem()
                    + "); the tills get this version when it is back");
        }
        answer(ctx, 201, node);
    }

    /** The version the owner signed (header {@value #RULES_VERSION_HEADER}); -1 when missing, which no signature covers. */
    private static long signedVersion(Context ctx) {
        String text = ctx.header(RULES_VERSION_HEADER);
        if (text == null || !text.strip().matches("\\d{1,19}")) {
            return -1;
        }
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return -1; // 19 digits above Long.MAX_VALUE: no version the hub ever gives
        }
    }

    private void rulesVersion(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        long inForce = rules.versionInForce();
        ObjectNode node = JSON.createObjectNode();
        node.put("version", inForce);
        node.put("next", inForce + 1);
        node.put("storeId", rules.signing().storeId());
        answer(ctx, 200, node);
    }

    private void currentRules(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        Optional<RuleBasePublisher.InForce> inForce = rules.current();
        if (inForce.isEmpty()) {
            throw new HttpProblem(404, "no_rules", "no rule base has been published yet; the tills use their cached or"
                    + " bundled default rules");
        }
        ctx.header(RULES_VERSION_HEADER, Long.toString(inForce.get().version()));
        if (inForce.get().signature() != null) {
            ctx.header(RULES_SIGNATURE_HEADER, inForce.get().signature());
        }
        ctx.header("ETag", "\"" + RuleBaseJson.sha256(inForce.get().body()) + "\"");
        ctx.attribute(ANSWERED, Boolean.TRUE);
        ctx.status(200).contentType("application/json; charset=utf-8").result(inForce.get().body());
    }

    // --- plumbing -------------------------------------------------------------------------------

    private static void refuseLargeBodies(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        long limit = bodyLimit(ctx);
        if (length > limit) {
            throw new HttpProblem(413, "too_large", "request bodies are limited to " + limit + " bytes; this one has "
                    + length);
        }
    }

    /** Rule data may be larger than other requests (R14: up to {@link RuleBaseJson#MAX_BYTES}). */
    private static long bodyLimit(Context ctx) {
        return ctx.path().replaceAll("/+$", "").equals("/rules") ? RuleBaseJson.MAX_BYTES : MAX_BODY_BYTES;
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode node = JSON.createObjectNode();
        node.put("error", code);
        node.put("message", message);
        return node;
    }

    private static void answer(Context ctx, int status, ObjectNode body) {
        try {
            ctx.attribute(ANSWERED, Boolean.TRUE);
            ctx.status(status).contentType("application/json").result(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer as JSON", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Jetty's own error answers (malformed HTTP) as JSON rather than an HTML page. */
    static final class JsonErrorHandler extends ErrorHandler {
        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            fields.put(HttpHeader.CONTENT_TYPE, "application/json");
            return ByteBuffer.wrap(json(error("bad_request", "the request is not valid HTTP: "
                    + TransactionIds.printable(reason == null ? "status " + status : reason))));
        }

        @Override
        protected void generateAcceptableResponse(Request baseRequest, HttpServletRequest request,
                HttpServletResponse response, int code, String message) throws IOException {
            baseRequest.setHandled(true);
            byte[] body = json(error(code == 404 ? "not_found" : "http_" + code,
                    TransactionIds.printable(message == null ? "HTTP " + code : message)));
            response.setContentType("application/json");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }

        private static byte[] json(ObjectNode node) {
            try {
                return JSON.writeValueAsBytes(node);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("cannot write an error as JSON", e);
            }
        }
    }

    /** A request the hub refuses with a status and a plain reason. */
    static final class HttpProblem extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;
        final String code;

        HttpProblem(int status, String code, String message) {
            super(message, null, false, false);
            this.status = status;
            this.code = Objects.requireNonNull(code, "code");
        }
    }
}
