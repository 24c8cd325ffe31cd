package pos.gateway.sandbox.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.type.TypeReference;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import java.net.BindException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.gateway.sandbox.api.CardPayRequest;
import pos.gateway.sandbox.api.CustomerConfirmRequest;
import pos.gateway.sandbox.api.CustomerPayRequest;
import pos.gateway.sandbox.api.CustomerPayResponse;
import pos.gateway.sandbox.api.ErrorCode;
import pos.gateway.sandbox.api.ErrorResponse;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.MicropayRequest;
import pos.gateway.sandbox.api.NativeOrderRequest;
import pos.gateway.sandbox.api.RefundRequest;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.ledger.LedgerView;
import pos.gateway.sandbox.trade.RequestRejectedException;
import pos.gateway.sandbox.trade.TradeService;

/**
 * The gateway's HTTP face (Javalin on Jetty): the {@code /v1} endpoints a till or store hub
 * calls, subject to the latency and timeout knobs, and the {@code /sandbox} endpoints that play
 * the customer and let tests read the ledger and turn the knobs. Every answer is JSON; every
 * error is an {@link ErrorResponse}.
 *
 * <p>Thread-safe: Jetty serves requests concurrently; life-cycle methods are synchronized.
 */
public final class GatewayHttpServer {

    private static final Logger log = LoggerFactory.getLogger(GatewayHttpServer.class);
    private static final String JSON = "application/json; charset=utf-8";
    private static final TypeReference<Map<String, Object>> KNOB_CHANGES = new TypeReference<>() {
    };

    private final TradeService trades;
    private final pos.gateway.sandbox.face.Face face;
    private final Chaos chaos;
    private final LedgerView ledger;
    private final ObjectMapper mapper;
    private final JsonBodies bodies;
    private Javalin app;

    /**
     * Creates a stopped server.
     *
     * @param trades the trade rules
     * @param chaos the knobs and dice
     * @param ledger read for {@code /sandbox/ledger}
     * @param mapper reads and writes the JSON
     */
    public GatewayHttpServer(TradeService trades, Chaos chaos, LedgerView ledger, ObjectMapper mapper) {
        this(trades, chaos, ledger, mapper, null);
    }

    /** As the four-argument constructor, with {@code face}'s provider routes beside the sandbox's own (null: none). */
    public GatewayHttpServer(TradeService trades, Chaos chaos, LedgerView ledger, ObjectMapper mapper,
            pos.gateway.sandbox.face.Face face) {
        this.face = face;
        this.trades = Objects.requireNonNull(trades, "trades");
        this.chaos = Objects.requireNonNull(chaos, "chaos");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.bodies = new JsonBodies(mapper);
    }

    /**
     * Starts listening.
     *
     * @param bindAddress the address to listen on, e.g. {@code 127.0.0.1}
     * @param port the port, 0 for a free one
     * @throws UnableToBindPortException if the address and port cannot be bound
     */
    public synchronized void start(String bindAddress, int port) {
        if (app != null) {
            return;
        }
        Javalin created = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.startupWatcherEnabled = false;
            config.http.maxRequestSize = JsonBodies.MAX_BODY_BYTES;
            config.http.prefer405over404 = true;
            config.requestLogger.http((ctx, ms) -> log.debug("{} {} -> {} in {} ms", ctx.method(), ctx.path(),
                    ctx.statusCode(), Math.round(ms)));
        });
        routes(created);
        if (face != null) {
            face.routes((method, path, handler, refund) -> faceRoute(created, method, path, handler, refund), trades, chaos);
        }
        try {
            created.start(bindAddress, port);
        } catch (RuntimeException e) {
            safeStop(created);
            throw new UnableToBindPortException(bindFailure(bindAddress, port, e), e);
        }
        app = created;
    }

    /**
     * The port listened on.
     *
     * @return the bound port
     * @throws IllegalStateException if not started
     */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("the sandbox gateway's HTTP server is not running");
        }
        return app.port();
    }

    /** Stops listening; requests in progress are cut off. Stopping twice is harmless. */
    public synchronized void stop() {
        if (app != null) {
            safeStop(app);
            app = null;
        }
    }

    private void routes(Javalin javalin) {
        javalin.post("/v1/orders/native", gateway(ctx ->
                reply(ctx, 200, trades.createNative(bodies.read(ctx, NativeOrderRequest.class)))));
        javalin.post("/v1/orders/micropay", gateway(ctx ->
                reply(ctx, 200, trades.micropay(bodies.read(ctx, MicropayRequest.class)))));
        javalin.post("/v1/orders/card", gateway(ctx ->
                reply(ctx, 200, trades.payByCard(bodies.read(ctx, CardPayRequest.class)))));
        javalin.get("/v1/orders/{out_trade_no}", gateway(ctx ->
                reply(ctx, 200, trades.query(ctx.pathParam("out_trade_no")))));
        javalin.post("/v1/orders/{out_trade_no}/close", gateway(ctx -> {
            trades.close(ctx.pathParam("out_trade_no"));
            ctx.status(204);
        }));
        javalin.post("/v1/orders/{out_trade_no}/reverse", gateway(ctx ->
                reply(ctx, 200, trades.reverse(ctx.pathParam("out_trade_no")))));
        javalin.post("/v1/refunds", gateway(ctx ->
                reply(ctx, 200, trades.refund(bodies.read(ctx, RefundRequest.class))), true));

        javalin.post("/sandbox/pay", ctx -> {
            CustomerPayResponse paid = trades.customerPays(bodies.read(ctx, CustomerPayRequest.class));
            reply(ctx, paid.payAt() == null ? 200 : 202, paid);
        });
        javalin.post("/sandbox/confirm", ctx ->
                reply(ctx, 200, trades.customerConfirms(bodies.read(ctx, CustomerConfirmRequest.class).outTradeNo())));
        javalin.get("/sandbox/ledger", ctx ->
                reply(ctx, 200, ledger.summary("true".equalsIgnoreCase(ctx.queryParam("orders")))));
        javalin.get("/sandbox/knobs", ctx -> reply(ctx, 200, chaos.knobs()));
        javalin.put("/sandbox/knobs", ctx -> reply(ctx, 200, changeKnobs(bodies.bytes(ctx))));
        javalin.get("/sandbox/health", ctx -> reply(ctx, 200, Map.of("status", "UP")));

        javalin.exception(RequestRejectedException.class, (e, ctx) -> error(ctx, e.code(), e.getMessage()));
        javalin.exception(HttpResponseException.class, (e, ctx) -> error(ctx, codeFor(e.getStatus()),
                e.getStatus() == 404 ? "no endpoint " + ctx.method() + " " + ctx.path()
                        : e.getStatus() == 405 ? ctx.method() + " is not allowed on " + ctx.path() : e.getMessage()));
        javalin.exception(Exception.class, (e, ctx) -> {
            log.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, ErrorCode.SYSTEMERROR, "the sandbox gateway failed (" + e.getClass().getSimpleName()
                    + "); the outcome is unknown, query the order");
        });
    }

    /** A {@code /v1} endpoint: refusals become error answers, and the latency and timeout knobs delay every answer. */
    private Handler gateway(Handler endpoint) {
        return gateway(endpoint, false);
    }

    /** As {@link #gateway(Handler)}; a refund endpoint also answers late while the {@code refund_timeouts} knob counts down. */
    private Handler gateway(Handler endpoint, boolean refund) {
        return ctx -> {
            try {
                endpoint.handle(ctx);
            } catch (RequestRejectedException e) {
                error(ctx, e.code(), e.getMessage());
            }
            Knobs knobs = chaos.knobs();
            long delayMs = knobs.latencyMs();
            if (chaos.roll(knobs.timeoutRate())) {
                // processed already: the caller times out without learning the outcome (R11)
                delayMs += knobs.timeoutDelayMs();
            } else if (refund && chaos.takeRefundTimeout()) {
                // issue 12: the refund is made, the till times out and must retry with the same refund number
                delayMs += knobs.timeoutDelayMs();
            }
            if (delayMs > 0) {
                long delay = delayMs;
                ctx.future(() -> new CompletableFuture<Void>().completeOnTimeout(null, delay, TimeUnit.MILLISECONDS));
            }
        };
    }

    /** A face's route on {@code javalin}: its request and answer carried over, the knobs applied as for {@code /v1}. */
    private void faceRoute(Javalin javalin, String method, String path, pos.gateway.sandbox.face.FaceRoutes.Handler handler,
            boolean refund) {
        Handler endpoint = gateway(ctx -> {
            Map<String, String> query = new java.util.LinkedHashMap<>();
            ctx.queryParamMap().forEach((name, values) -> query.put(name, values.isEmpty() ? "" : values.get(0)));
            pos.gateway.sandbox.face.FaceRoutes.Answer answer = handler.handle(new pos.gateway.sandbox.face.FaceRoutes.Request(
                    ctx.method().name(), ctx.path(), ctx.pathParamMap(), query, ctx::header, ctx.contentType(),
                    ctx.bodyAsBytes()));
            ctx.status(answer.status());
            answer.headers().forEach(ctx::header);
            if (answer.contentType() != null) {
                ctx.contentType(answer.contentType());
            }
            ctx.result(answer.body());
        }, refund);
        switch (method.toUpperCase(java.util.Locale.ROOT)) {
            case "GET" -> javalin.get(path, endpoint);
            case "POST" -> javalin.post(path, endpoint);
            default -> throw new IllegalArgumentException("a face route is GET or POST, was " + method + " " + path);
        }
    }

    /** A partial change of the knobs: the named ones change, the others keep their values; an unknown name is refused. */
    private Knobs changeKnobs(byte[] body) {
        Map<String, Object> changes;
        try {
            changes = mapper.readValue(body, KNOB_CHANGES);
        } catch (JsonProcessingException e) {
            throw new RequestRejectedException(ErrorCode.INVALID_REQUEST, "the knobs must be a JSON object: " + JsonBodies.describe(e));
        } catch (java.io.IOException e) {
            throw new RequestRejectedException(ErrorCode.INVALID_REQUEST, "the body could not be read: " + e.getMessage());
        }
        if (changes == null) {
            throw new RequestRejectedException(ErrorCode.INVALID_REQUEST, "the knobs must be a JSON object");
        }
        Map<String, Object> merged = mapper.convertValue(chaos.knobs(), KNOB_CHANGES);
        List<String> unknown = changes.keySet().stream().filter(name -> !merged.containsKey(name)).toList();
        if (!unknown.isEmpty()) {
            throw new RequestRejectedException(ErrorCode.INVALID_REQUEST, "unknown knob(s) " + unknown
                    + "; the knobs are " + List.copyOf(merged.keySet()));
        }
        merged.putAll(changes);
        Knobs knobs;
        try {
            knobs = bodies.parse(mapper.writeValueAsBytes(merged), Knobs.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the merged knobs as JSON", e);
        }
        chaos.setKnobs(knobs);
        log.info("knobs changed to {}", knobs);
        return knobs;
    }

    private void reply(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType(JSON).result(mapper.writeValueAsBytes(body));
    }

    private void error(Context ctx, ErrorCode code, String message) {
        try {
            reply(ctx, code.httpStatus(), new ErrorResponse(code.name(), message));
        } catch (JsonProcessingException e) {
            ctx.status(code.httpStatus()).contentType(JSON).result("{\"code\":\"" + code.name() + "\"}");
        }
    }

    private static ErrorCode codeFor(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.REQUEST_TOO_LARGE;
            default -> status >= 400 && status < 500 ? ErrorCode.INVALID_REQUEST : ErrorCode.SYSTEMERROR;
        };
    }

    private static String bindFailure(String bindAddress, int port, RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "cannot listen on " + bindAddress + ":" + port + ": " + cause.getMessage()
                        + " (is another gateway or program using the port? choose another --port)";
            }
        }
        return "cannot listen on " + bindAddress + ":" + port + ": " + e.getMessage();
    }

    private static void safeStop(Javalin javalin) {
        try {
            javalin.stop();
        } catch (RuntimeException e) {
            log.warn("the HTTP server did not stop cleanly", e);
        }
    }
}
