package pos.gateway.wechatpay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.wechat.pay.java.core.exception.ValidationException;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RequestParam;
import com.wechat.pay.java.service.payments.model.Transaction;
import com.wechat.pay.java.service.refund.model.RefundNotification;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import pos.core.pay.NotificationRefusedException;
import pos.core.pay.PaymentNotice;
import pos.core.pay.PaymentNotifications;
import pos.core.pay.PaymentStatus;

/**
 * WeChat Pay API v3's notifications for the store hub's {@code POST /notify/wechatpay}: verified and decrypted by the
 * SDK's {@link NotificationParser} (SHA256withRSA with WeChat Pay's public key and its id; AEAD_AES_256_GCM with the
 * API v3 key), from the headers {@code Wechatpay-Serial}, {@code Wechatpay-Signature}, {@code Wechatpay-Timestamp},
 * {@code Wechatpay-Nonce}, {@code Wechatpay-Signature-Type}.
 *
 * <p>Refused, nothing changed ({@code originUnproven}): a missing or wrong signature, another public key id, a
 * timestamp more than 5 minutes from this clock (a replay), a resource that does not decrypt, a transaction for
 * another merchant (mchid) or another app (appid). A proven TRANSACTION.* event becomes a {@link PaymentNotice} with
 * the amount WeChat Pay notified (the hub holds it when it differs from the order). A REFUND.* event is acknowledged
 * and changes no payment state (empty): the refund's own answer, asked for by the till, is what the till records.
 *
 * <p>Answers as WeChat Pay documents: taken = {@code 204} without a body (WeChat Pay goes by the status alone);
 * refused = the hub's 4xx/5xx with {@code {"code": "FAIL", "message": ...}}, and WeChat Pay sends it again on its
 * schedule (about 24 hours). Never logs keys or decrypted bodies. Thread-safe.
 */
public final class WechatPayNotifications implements PaymentNotifications {

    public static final String PROVIDER = "wechatpay";
    /** How far a notification's timestamp may be from this clock. */
    public static final Duration WINDOW = Duration.ofMinutes(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final NotificationParser parser;
    private final String publicKeyId;
    private final String merchantId;
    private final String appId;
    private final Clock clock;

    /**
     * @param parser      the SDK's parser with this store's WeChat Pay public key and API v3 key
     * @param publicKeyId the id of WeChat Pay's public key
     * @param merchantId  this store's mchid: a transaction for another is refused
     * @param appId       this store's app id
     * @param clock       the clock of the replay window
     */
    public WechatPayNotifications(NotificationParser parser, String publicKeyId, String merchantId, String appId,
            Clock clock) {
        this.parser = Objects.requireNonNull(parser, "parser");
        this.publicKeyId = Objects.requireNonNull(publicKeyId, "publicKeyId");
        this.merchantId = Objects.requireNonNull(merchantId, "merchantId");
        this.appId = Objects.requireNonNull(appId, "appId");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String provider() {
        return PROVIDER;
    }

    @Override
    public Optional<PaymentNotice> read(Function<String, String> header, String contentType, byte[] body) {
        String serial = required(header, "Wechatpay-Serial");
        String signature = required(header, "Wechatpay-Signature");
        String timestamp = required(header, "Wechatpay-Timestamp");
        String nonce = required(header, "Wechatpay-Nonce");
        String signType = header.apply("Wechatpay-Signature-Type");
        if (!publicKeyId.equals(serial)) {
            throw new NotificationRefusedException("the notification is signed with key '" + clip(serial)
                    + "', not WeChat Pay's public key " + publicKeyId, true);
        }
        Instant sent;
        try {
            sent = Instant.ofEpochSecond(Long.parseLong(timestamp));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            throw new NotificationRefusedException("Wechatpay-Timestamp is not a number of seconds", true);
        }
        Duration age = Duration.between(sent, clock.instant()).abs();
        if (age.compareTo(WINDOW) > 0) {
            throw new NotificationRefusedException("the notification's timestamp is " + age.toSeconds()
                    + " s away from this clock (at most " + WINDOW.toSeconds() + " s): a replay or a stale copy", true);
        }
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode envelope = envelope(text); // read before the signature only to choose the resource's type
        String eventType = envelope == null ? "" : envelope.path("event_type").asText("");
        RequestParam param = new RequestParam.Builder().serialNumber(serial).signature(signature).timestamp(timestamp)
                .nonce(nonce).signType(signType == null ? "WECHATPAY2-SHA256-RSA2048" : signType).body(text).build();
        boolean refund = eventType.startsWith("REFUND.");
        Class<?> type = refund ? RefundNotification.class : Transaction.class;
        Object resource = parse(param, type);
        if (envelope == null || !envelope.hasNonNull("id")) {
            throw new NotificationRefusedException("the notification has no id", false);
        }
        if (refund || !eventType.startsWith("TRANSACTION.")) {
            return Optional.empty(); // acknowledged; a refund's own answer is what the till records
        }
        return Optional.of(notice(envelope.get("id").asText(), (Transaction) resource));
    }

    @Override
    public Reply accepted() {
        return new Reply(204, null, "");
    }

    @Override
    public Reply refused(int status, String code, String message) {
        int httpStatus = status >= 400 && status <= 599 ? status : 500;
        String body = JSON.createObjectNode().put("code", "FAIL").put("message", message == null ? code : message)
                .toString();
        return new Reply(httpStatus, "application/json", body);
    }

    private PaymentNotice notice(String id, Transaction transaction) {
        if (!merchantId.equals(transaction.getMchid())) {
            throw new NotificationRefusedException("the notification is for merchant '" + clip(transaction.getMchid())
                    + "', not this store's " + merchantId, true);
        }
        if (transaction.getAppid() != null && !appId.equals(transaction.getAppid())) {
            throw new NotificationRefusedException("the notification is for app '" + clip(transaction.getAppid())
                    + "', not this store's " + appId, true);
        }
        if (transaction.getOutTradeNo() == null || transaction.getTradeState() == null
                || transaction.getAmount() == null || transaction.getAmount().getTotal() == null) {
            throw new NotificationRefusedException("the transaction has no out_trade_no, trade_state or amount", false);
        }
        String state = transaction.getTradeState().name();
        PaymentStatus status;
        try {
            status = WechatPayCodes.status(state);
        } catch (IllegalArgumentException e) {
            throw new NotificationRefusedException("unknown trade_state '" + clip(state) + "'", e);
        }
        Instant paidAt = null;
        if (transaction.getSuccessTime() != null) {
            try {
                paidAt = OffsetDateTime.parse(transaction.getSuccessTime()).toInstant();
            } catch (DateTimeParseException e) {
                throw new NotificationRefusedException("success_time is not RFC 3339", e);
            }
        }
        String currency = transaction.getAmount().getCurrency() == null ? "CNY" : transaction.getAmount().getCurrency();
        return new PaymentNotice(PROVIDER, id, transaction.getOutTradeNo(), status, state,
                transaction.getAmount().getTotal(), currency, transaction.getTransactionId(), paidAt,
                transaction.getMchid());
    }

    private <T> T parse(RequestParam param, Class<T> type) {
        try {
            return parser.parse(param, type);
        } catch (ValidationException e) {
            throw new NotificationRefusedException("the notification's signature is not WeChat Pay's", true);
        } catch (RuntimeException e) {
            // the signature held but the resource did not decrypt (or was not the JSON it claims): not this store's
            throw new NotificationRefusedException("the notification's resource does not decrypt with this store's API"
                    + " v3 key (" + e.getClass().getSimpleName() + ")", true);
        }
    }

    private static JsonNode envelope(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null; // the SDK's parser refuses it below, after the signature
        }
    }

    private static String required(Function<String, String> header, String name) {
        String value = header.apply(name);
        if (value == null || value.isBlank()) {
            throw new NotificationRefusedException("the notification has no " + name + " header", true);
        }
        return value.strip();
    }

    private static String clip(String value) {
        if (value == null) {
            return "";
        }
        String shortened = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return shortened.replaceAll("\\p{Cntrl}", "?");
    }
}
