package pos.hub;

import static pos.hub.HttpAnswers.ANSWERED;
import static pos.hub.HttpAnswers.answer;
import static pos.hub.HttpAnswers.error;
import static pos.hub.HttpAnswers.rootMessage;

import pos.contract.TransactionIds;
import pos.contract.hub.ErrorAnswer;
import pos.contract.json.Json;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.contract.pay.RedisPendingPayments;
import pos.contract.pay.RedisResultBoard;
import pos.contract.people.InvalidPeopleCursorException;
import pos.hub.people.MariaDbPeopleStore;
import pos.hub.people.UnableToStorePeopleException;
import pos.contract.redis.RedisLink;
import pos.contract.redis.UnableToReachRedisException;
import pos.contract.rules.RuleBaseJson;
import pos.hub.rules.RuleBasePublisher;
import pos.hub.rules.UnableToStoreRuleBaseException;
import pos.hub.voucher.UnableToStoreVoucherException;
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
 * <p>This class runs the server (connector, limits, the {@link pos.hub.http.HttpGuard} that decides who may call
 * what, and the error answers); the routes live one class per feature beside it: {@link NotificationRoutes},
 * {@link PaymentRoutes}, {@link RuleRoutes}, {@link VoucherRoutes}, {@link PeopleRoutes}, {@link OperationRoutes}.
 *
 * <pre>
 * POST /notify/{provider} a provider's signed notification (sandbox, wechatpay, alipay): 200 {"code":"SUCCESS"}; 401 bad signature; 400 malformed;
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
 * GET  /sales/{tx}       (a till only) a sale as archived with every return made against it (issue 12): 404 unknown_sale
 * PUT  /parked/{tx}      (a till only) park a sale in the store (issue 12.7, {@link ParkRoutes}); GET /parked lists them;
 * POST /parked/{tx}/recall claims one for the calling till atomically: 200 the sale; 409 already_recalled; 404 unknown
 * POST /credit-vouchers/{refundNo} (a till only) the credit voucher of a refund, issued once ({@link CreditVoucherRoutes})
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

    private final HubSettings settings;
    private final TillKeys tills;
    private final NotificationRoutes notifications;
    private final PaymentRoutes payments;
    private final RuleRoutes ruleRoutes;
    private final VoucherRoutes voucherRoutes;
    private final PeopleRoutes peopleRoutes;
    private final OperationRoutes operations;
    private final SaleRoutes saleRoutes; // issue 12: a sale with its returns, for returns across tills
    private ParkRoutes parkRoutes; // issue 12.7; null: no parked sales through this hub
    private CreditVoucherRoutes creditVoucherRoutes; // issue 12.3; null: no credit vouchers through this hub
    private Javalin app; // guarded by this

    HubHttp(HubSettings settings, java.util.List<pos.core.pay.PaymentNotifications> notifiers, PaymentSettler settler, RedisResultBoard board,
            RedisPendingPayments pending, GatewayQueries queries, HubAlerts alerts, QueueMonitor monitor, HubMetrics metrics,
            RedisLink redis, RuleBasePublisher rules, Clock clock, VoucherResults vouchers, MariaDbPeopleStore people,
            TillKeys tills, pos.hub.archive.MariaDbSaleLookup sales) {
        this.settings = settings;
        this.tills = Objects.requireNonNull(tills, "tills");
        SlowBodyGate bodies = new SlowBodyGate(settings.http().slowBodyReaders(), settings.http().requestDeadline());
        this.notifications = new NotificationRoutes(notifiers, settler, metrics, bodies);
        this.payments = new PaymentRoutes(settings, settler, pending, queries, clock);
        this.ruleRoutes = new RuleRoutes(rules, bodies);
        this.voucherRoutes = new VoucherRoutes(vouchers);
        this.peopleRoutes = new PeopleRoutes(people);
        this.operations = new OperationRoutes(settings, alerts, monitor, metrics, redis);
        this.saleRoutes = new SaleRoutes(sales);
    }

    /** Issues credit vouchers for the tills' refunds through {@code issuer} (issue 12.3) from {@link #start()} on. */
    void serveCreditVouchers(pos.hub.voucher.VoucherIssuer issuer, Clock clock) {
        this.creditVoucherRoutes = new CreditVoucherRoutes(issuer, clock);
    }

    /** Serves the parked sales of {@code parked} (issue 12.7) from {@link #start()} on. */
    void serveParkedSales(pos.hub.park.MariaDbParkedSales parked) {
        this.parkRoutes = new ParkRoutes(parked);
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
        // One class per feature: each holds its routes and what they need; the policy is in the guard above.
        notifications.register(javalin);
        payments.register(javalin);
        operations.register(javalin);
        ruleRoutes.register(javalin);
        voucherRoutes.register(javalin);
        peopleRoutes.register(javalin);
        saleRoutes.register(javalin);
        if (parkRoutes != null) {
            parkRoutes.register(javalin);
        }
        if (creditVoucherRoutes != null) {
            creditVoucherRoutes.register(javalin);
        }
        javalin.exception(pos.hub.park.UnableToStoreParkedSaleException.class, (e, ctx) -> {
            log.warn("{} {} answered 503: {}", ctx.method(), ctx.path(), e.getMessage());
            answer(ctx, 503, error("mariadb_unreachable", "the store's database cannot be reached; try again shortly"));
        });
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

        private static byte[] json(ErrorAnswer error) {
            return Json.writeBytes(error);
        }
    }

}
