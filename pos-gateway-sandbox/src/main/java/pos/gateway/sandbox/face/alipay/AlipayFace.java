package pos.gateway.sandbox.face.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.face.Face;
import pos.gateway.sandbox.face.FaceRoutes;
import pos.gateway.sandbox.face.NotificationWire;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.gateway.sandbox.trade.TradeService;

/**
 * Alipay face-to-face (当面付) on the sandbox's ledger, speaking Alipay's open-API wire protocol so the official
 * {@code alipay-sdk-java} talks to it unmodified (only its gateway address changed):
 * <pre>
 * POST /gateway.do   form parameters in the query and/or the body (UTF-8):
 *                    app_id, method, format=JSON, charset=utf-8, sign_type=RSA2, timestamp, version=1.0,
 *                    notify_url, biz_content (JSON), sign
 *                    → {"&lt;method with underscores&gt;_response":{code, msg, sub_code?, sub_msg?, ...},"sign":"..."}
 * </pre>
 * The request's signature is checked with the app's public key over every parameter but {@code sign}, sorted, as the
 * SDK signs them; the answer is signed with Alipay's private key over the exact text of the response object, which
 * is what the SDK checks. Methods: {@code alipay.trade.precreate}, {@code .pay}, {@code .query}, {@code .cancel},
 * {@code .close}, {@code .refund}, {@code .fastpay.refund.query} (see {@link AlipayTradeMethods} for how the ledger's
 * states read). Protocol errors are answered as Alipay answers them: 40001 for a missing argument, 40002 with
 * {@code isv.invalid-signature}, {@code isv.invalid-app-id}, {@code isv.invalid-method}, {@code isv.invalid-signature-type},
 * {@code isv.invalid-charset}, {@code isv.invalid-format}; an unexpected failure is 20000 {@code isp.unknow-error}.
 * The latency and timeout knobs delay every answer (the server applies them); the {@code refund_timeouts} knob delays
 * refunds. The {@code timestamp} parameter is required but its skew is not checked. Notifications:
 * {@link AlipayNotificationWire}. Thread-safe.
 */
public final class AlipayFace implements Face {

    public static final String PROTOCOL = "alipay";
    public static final String PATH = "/gateway.do";

    private static final Logger log = LoggerFactory.getLogger(AlipayFace.class);
    private static final TypeReference<Map<String, Object>> OBJECT = new TypeReference<>() {
    };
    private static final List<String> REQUIRED = List.of("app_id", "method", "charset", "sign_type", "sign",
            "timestamp", "version");

    private final ObjectMapper mapper = new ObjectMapper();
    private volatile AlipayKeys keys;
    private volatile Path credentialsDir;
    private volatile Clock clock = Clock.systemUTC();

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public void open(Path dataDir, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        AlipayKeys opened = AlipayKeys.openOrCreate(dataDir);
        Path credentials = dataDir.resolve("credentials");
        opened.writeCredentials(credentials);
        this.keys = opened;
        this.credentialsDir = credentials;
        log.info("Alipay face: app id {}, seller id {}; the merchant's credentials are in {}", opened.appId(),
                opened.sellerId(), credentials);
    }

    @Override
    public Path credentialsDir() {
        return credentialsDir;
    }

    /** The keys and ids made at {@link #open}, for tests. */
    public AlipayKeys keys() {
        return requireOpen();
    }

    @Override
    public void routes(FaceRoutes routes, TradeService trades, Chaos chaos) {
        AlipayKeys opened = requireOpen();
        AlipayTradeMethods methods = new AlipayTradeMethods(trades, clock);
        routes.add("POST", PATH, request -> answer(request, opened, methods, chaos), false);
    }

    @Override
    public NotificationWire notifications() {
        return new AlipayNotificationWire(requireOpen(), clock);
    }

    /** Alipay's documented notification schedule: at once, then 4m, 10m, 10m, 1h, 2h, 6h, 15h (about 25 hours). */
    @Override
    public RetrySchedule documentedSchedule() {
        return new RetrySchedule(List.of(Duration.ZERO, Duration.ofMinutes(4), Duration.ofMinutes(10),
                Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6),
                Duration.ofHours(15)), Duration.ofHours(15), Duration.ofHours(25));
    }

    private FaceRoutes.Answer answer(FaceRoutes.Request request, AlipayKeys opened, AlipayTradeMethods methods,
            Chaos chaos) {
        Map<String, String> params = new LinkedHashMap<>();
        String method = null;
        try {
            params.putAll(request.query());
            String type = request.contentType() == null ? "" : request.contentType().toLowerCase(java.util.Locale.ROOT);
            if (type.startsWith("application/x-www-form-urlencoded")) {
                AlipayForms.parse(request.text()).forEach(params::putIfAbsent);
            }
            method = params.get("method");
            return reply(method, call(params, opened, methods, chaos), opened);
        } catch (AlipayAnswer.Refused refused) {
            return reply(method, refused.answer(), opened);
        } catch (RuntimeException e) {
            log.error("Alipay face: {} failed", method, e);
            return reply(method, AlipayAnswer.failure(AlipayAnswer.UNAVAILABLE, "isp.unknow-error",
                    "the sandbox failed (" + e.getClass().getSimpleName() + "); the outcome is unknown, query"), opened);
        }
    }

    private AlipayAnswer call(Map<String, String> params, AlipayKeys opened, AlipayTradeMethods methods, Chaos chaos) {
        for (String name : REQUIRED) {
            String value = params.get(name);
            if (value == null || value.isBlank()) {
                throw new AlipayAnswer.Refused(AlipayAnswer.MISSING_ARGUMENTS, "isv.missing-" + name.replace('_', '-'),
                        name + " is required");
            }
        }
        if (!opened.appId().equals(params.get("app_id"))) {
            throw new AlipayAnswer.Refused(AlipayAnswer.INVALID_ARGUMENTS, "isv.invalid-app-id",
                    "no app has app_id " + printable(params.get("app_id")));
        }
        if (!"RSA2".equals(params.get("sign_type"))) {
            throw new AlipayAnswer.Refused(AlipayAnswer.INVALID_ARGUMENTS, "isv.invalid-signature-type",
                    "sign_type must be RSA2");
        }
        if (!"utf-8".equalsIgnoreCase(params.get("charset"))) {
            throw new AlipayAnswer.Refused(AlipayAnswer.INVALID_ARGUMENTS, "isv.invalid-charset", "charset must be utf-8");
        }
        String format = params.get("format");
        if (format != null && !format.isEmpty() && !"json".equalsIgnoreCase(format)) {
            throw new AlipayAnswer.Refused(AlipayAnswer.INVALID_ARGUMENTS, "isv.invalid-format", "format must be JSON");
        }
        String content = AlipaySignatures.content(params, AlipaySignatures.REQUEST_UNSIGNED);
        if (!AlipaySignatures.verify(content, params.get("sign"), opened.appPublic())) {
            throw new AlipayAnswer.Refused(AlipayAnswer.INVALID_ARGUMENTS, "isv.invalid-signature",
                    "the request's RSA2 signature does not verify with the app's public key");
        }
        Map<String, Object> biz = biz(params.get("biz_content"));
        String notifyUrl = params.get("notify_url");
        String method = params.get("method");
        return switch (method) {
            case "alipay.trade.precreate" -> methods.precreate(biz, notifyUrl);
            case "alipay.trade.pay" -> methods.pay(biz, notifyUrl);
            case "alipay.trade.query" -> methods.query(biz);
            case "alipay.trade.cancel" -> methods.cancel(biz);
            case "alipay.trade.close" -> methods.close(biz);
            case "alipay.trade.refund" -> {
                AlipayAnswer refunded = methods.refund(biz);
                lateIfKnobSaysSo(chaos);
                yield refunded;
            }
            case "alipay.trade.fastpay.refund.query" -> methods.refundQuery(biz);
            default -> throw new AlipayAnswer.Refused(AlipayAnswer.INVALID_ARGUMENTS, "isv.invalid-method",
                    "the sandbox's Alipay face has no method " + printable(method));
        };
    }

    /** The {@code refund_timeouts} knob: the refund is made, its answer comes too late for the caller (issue 12). */
    private static void lateIfKnobSaysSo(Chaos chaos) {
        if (chaos.takeRefundTimeout()) {
            try {
                Thread.sleep(chaos.knobs().timeoutDelayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private Map<String, Object> biz(String bizContent) {
        if (bizContent == null || bizContent.isBlank()) {
            throw AlipayTradeMethods.invalid("biz_content is required");
        }
        try {
            Map<String, Object> biz = mapper.readValue(bizContent, OBJECT);
            if (biz == null) {
                throw AlipayTradeMethods.invalid("biz_content must be a JSON object");
            }
            return biz;
        } catch (JsonProcessingException e) {
            throw AlipayTradeMethods.invalid("biz_content is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * The answer as Alipay writes it: the response object and its signature side by side, no white space, so the
     * signed text is exactly the object's text in the body. An answer to an unknown app is not signed (there is no
     * key to sign it for), as at Alipay.
     */
    private FaceRoutes.Answer reply(String method, AlipayAnswer answer, AlipayKeys opened) {
        String node = method == null || method.isBlank() || !method.matches("[a-z.]{1,80}") ? "error_response"
                : method.replace('.', '_') + "_response";
        String inside;
        try {
            inside = mapper.writeValueAsString(answer.fields());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an Alipay answer", e);
        }
        StringBuilder body = new StringBuilder("{\"").append(node).append("\":").append(inside);
        if (!"isv.invalid-app-id".equals(answer.fields().get("sub_code"))) {
            body.append(",\"sign\":\"").append(AlipaySignatures.sign(inside, opened.alipayPrivate())).append('"');
        }
        body.append('}');
        return new FaceRoutes.Answer(200, "application/json;charset=utf-8", Map.of(),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private AlipayKeys requireOpen() {
        AlipayKeys opened = keys;
        if (opened == null) {
            throw new IllegalStateException("the Alipay face was not opened: start the sandbox gateway first");
        }
        return opened;
    }

    private static String printable(String value) {
        if (value == null) {
            return "(none)";
        }
        String shortened = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + shortened.replaceAll("\\p{Cntrl}", "?") + "'";
    }
}
