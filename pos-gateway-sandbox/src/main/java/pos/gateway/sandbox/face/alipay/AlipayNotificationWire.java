package pos.gateway.sandbox.face.alipay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import pos.gateway.sandbox.api.Notification;
import pos.gateway.sandbox.api.SandboxJson;
import pos.gateway.sandbox.face.NotificationWire;
import pos.gateway.sandbox.ledger.NotificationRow;

/**
 * Alipay's asynchronous notification (异步通知) of a stored ledger event: an {@code application/x-www-form-urlencoded}
 * POST with {@code notify_time}, {@code notify_type=trade_status_sync}, {@code notify_id} (the event's id, the same on
 * every retry), {@code app_id}, {@code charset}, {@code version}, {@code sign_type=RSA2}, {@code sign},
 * {@code trade_no}, {@code out_trade_no}, {@code trade_status}, the amounts in yuan, {@code seller_id},
 * {@code gmt_create}, {@code gmt_payment}; a refund adds {@code out_biz_no} (the refund number), {@code refund_fee}
 * (everything refunded so far) and {@code gmt_refund}, with {@code trade_status} {@code TRADE_SUCCESS} while part of
 * the money stays and {@code TRADE_CLOSED} once all of it went back. Signed with Alipay's private key over the sorted
 * parameters without {@code sign} and {@code sign_type}. Taken when the receiver answers the literal body
 * {@code success}, whatever the HTTP status. The ledger's events do not keep when the order was made, so
 * {@code gmt_create} is the payment's time. Thread-safe.
 */
public final class AlipayNotificationWire implements NotificationWire {

    private final AlipayKeys keys;
    private final Clock clock;
    private final ObjectMapper mapper = SandboxJson.newMapper();

    public AlipayNotificationWire(AlipayKeys keys, Clock clock) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Delivery render(NotificationRow event) {
        Map<String, String> form = params(event);
        form.put("sign", AlipaySignatures.sign(AlipaySignatures.content(form, AlipaySignatures.NOTIFICATION_UNSIGNED),
                keys.alipayPrivate()));
        return new Delivery("application/x-www-form-urlencoded; charset=utf-8", Map.of(),
                AlipayForms.encode(form).getBytes(StandardCharsets.UTF_8));
    }

    /** The notification's parameters without {@code sign}, in the order Alipay sends them. */
    public Map<String, String> params(NotificationRow event) {
        Notification notice;
        try {
            notice = mapper.readValue(event.body(), Notification.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the stored event " + event.eventId() + " is not the sandbox's notification"
                    + " JSON", e);
        }
        long total = notice.amount().total();
        String paidAt = notice.successTime() == null ? null : Yuan.time(Instant.parse(notice.successTime()));
        Map<String, String> form = new LinkedHashMap<>();
        form.put("notify_time", Yuan.time(clock.instant()));
        form.put("notify_type", "trade_status_sync");
        form.put("notify_id", event.eventId());
        form.put("app_id", keys.appId());
        form.put("charset", "utf-8");
        form.put("version", "1.0");
        form.put("sign_type", "RSA2");
        form.put("trade_no", notice.transactionId());
        form.put("out_trade_no", notice.outTradeNo());
        form.put("seller_id", keys.sellerId());
        form.put("total_amount", Yuan.of(total));
        form.put("receipt_amount", Yuan.of(total));
        form.put("buyer_pay_amount", Yuan.of(total));
        form.put("gmt_create", paidAt);
        form.put("gmt_payment", paidAt);
        if (notice.refund() == null) {
            form.put("trade_status", "TRADE_SUCCESS");
        } else {
            long refunded = notice.refund().refundedTotal();
            form.put("trade_status", refunded < total ? "TRADE_SUCCESS" : "TRADE_CLOSED");
            form.put("out_biz_no", notice.refund().outRefundNo());
            form.put("refund_fee", Yuan.of(refunded));
            form.put("gmt_refund", Yuan.time(event.createdAt()));
        }
        return form;
    }

    @Override
    public boolean acknowledged(int status, String body) {
        return "success".equals(body);
    }
}
