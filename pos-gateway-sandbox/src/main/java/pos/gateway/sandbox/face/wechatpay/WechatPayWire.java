package pos.gateway.sandbox.face.wechatpay;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import pos.gateway.sandbox.api.Notification;
import pos.gateway.sandbox.face.NotificationWire;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.OrderKind;
import pos.gateway.sandbox.ledger.OrderRow;

/**
 * Puts a stored sandbox event on the wire as WeChat Pay API v3 notifies: a JSON body
 * {@code {id, create_time, resource_type: "encrypt-resource", event_type, summary, resource: {original_type,
 * algorithm: "AEAD_AES_256_GCM", ciphertext, associated_data, nonce}}} whose resource is the transaction (or the
 * refund) encrypted with the API v3 key (AES-256-GCM, 12-character nonce, the original type as associated data,
 * base64 of ciphertext and tag), signed with the platform key in the headers {@code Wechatpay-Timestamp},
 * {@code Wechatpay-Nonce}, {@code Wechatpay-Signature}, {@code Wechatpay-Serial} and {@code Wechatpay-Signature-Type}.
 * Every attempt gets a new timestamp, nonce and signature and the same id. The receiver's HTTP status alone
 * acknowledges: any 2xx. Thread-safe.
 */
final class WechatPayWire implements NotificationWire {

    private static final String ALGORITHM = "AEAD_AES_256_GCM";

    private final WechatPayKeys keys;
    private final WechatPaySignatures signatures;
    private final Function<String, Optional<OrderRow>> orders;

    /**
     * @param orders finds an order by out_trade_no (its kind names the trade type), or nothing while stopped
     */
    WechatPayWire(WechatPayKeys keys, WechatPaySignatures signatures, Function<String, Optional<OrderRow>> orders) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.signatures = Objects.requireNonNull(signatures, "signatures");
        this.orders = Objects.requireNonNull(orders, "orders");
    }

    @Override
    public Delivery render(NotificationRow event) {
        Notification stored;
        try {
            stored = WechatPayJson.MAPPER.readValue(event.body(), Notification.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the stored notification " + event.eventId() + " is not the sandbox's JSON", e);
        }
        boolean refund = Notification.REFUND_SUCCESS.equals(stored.eventType());
        String originalType = refund ? "refund" : "transaction";
        Object resource = refund ? refund(stored, event.createdAt()) : transaction(stored);
        String nonce = signatures.nonce(12);
        String ciphertext = encrypt(json(resource), originalType, nonce);
        WechatPayJson.Notification body = new WechatPayJson.Notification(stored.id(), WechatPayJson.time(event.createdAt()),
                "encrypt-resource", stored.eventType(), refund ? "退款成功" : "支付成功",
                new WechatPayJson.Resource(originalType, ALGORITHM, ciphertext, originalType, nonce));
        String text = json(body);
        Map<String, String> headers = new LinkedHashMap<>(signatures.signatureHeaders(text));
        headers.put("Wechatpay-Signature-Type", WechatPaySignatures.SCHEMA);
        return new Delivery("application/json", headers, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public boolean acknowledged(int status, String body) {
        return status >= 200 && status < 300;
    }

    private WechatPayJson.Transaction transaction(Notification stored) {
        String tradeType = orders.apply(stored.outTradeNo()).map(OrderRow::kind)
                .map(kind -> kind == OrderKind.NATIVE ? "NATIVE" : "MICROPAY").orElse("NATIVE");
        long total = stored.amount().total();
        String currency = stored.amount().currency();
        return new WechatPayJson.Transaction(keys.appId(), keys.merchantId(), stored.outTradeNo(), stored.transactionId(),
                tradeType, "SUCCESS", "支付成功", "OTHERS", "", WechatPayJson.time(Instant.parse(stored.successTime())),
                new WechatPayJson.Payer(null, WechatPayRoutes.openid(stored.outTradeNo())),
                new WechatPayJson.TransactionAmount(total, total, currency, currency));
    }

    private WechatPayJson.RefundNotice refund(Notification stored, Instant at) {
        long total = stored.amount().total();
        long refunded = stored.refund() == null ? 0 : stored.refund().refund();
        return new WechatPayJson.RefundNotice(keys.merchantId(), stored.outTradeNo(), stored.transactionId(),
                stored.refund() == null ? null : stored.refund().outRefundNo(),
                stored.refund() == null ? null : stored.refund().refundId(), "SUCCESS", WechatPayJson.time(at),
                "支付用户零钱", new WechatPayJson.NoticeRefundAmount(total, refunded, total, refunded));
    }

    /** AES-256-GCM with the API v3 key: base64 of the ciphertext followed by the 16-byte tag. */
    private String encrypt(String plaintext, String associatedData, String nonce) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.apiV3Key().getBytes(StandardCharsets.UTF_8), "AES"),
                    new GCMParameterSpec(128, nonce.getBytes(StandardCharsets.UTF_8)));
            cipher.updateAAD(associatedData.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a notification with AES-256-GCM", e);
        }
    }

    private static String json(Object value) {
        try {
            return WechatPayJson.MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a WeChat Pay notification as JSON", e);
        }
    }
}
