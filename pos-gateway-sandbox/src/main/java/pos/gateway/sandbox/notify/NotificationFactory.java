package pos.gateway.sandbox.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import pos.gateway.sandbox.api.Amount;
import pos.gateway.sandbox.api.Notification;
import pos.gateway.sandbox.api.RefundDetail;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.ledger.ChargeRow;
import pos.gateway.sandbox.ledger.NotificationRow;
import pos.gateway.sandbox.ledger.NotificationStatus;
import pos.gateway.sandbox.ledger.OrderRow;
import pos.gateway.sandbox.ledger.RefundRow;

/**
 * Builds the notification events a trade change causes, with their fixed JSON body, and rolls
 * the {@code drop_notify_rate} dice for them once, when they are created.
 *
 * <p>Thread-safe.
 */
public final class NotificationFactory {

    private final ObjectMapper mapper;
    private final Chaos chaos;
    private final RetrySchedule schedule;

    /**
     * Creates the factory.
     *
     * @param mapper writes the bodies
     * @param chaos the knobs and dice
     * @param schedule gives the delay before the first attempt
     */
    public NotificationFactory(ObjectMapper mapper, Chaos chaos, RetrySchedule schedule) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.chaos = Objects.requireNonNull(chaos, "chaos");
        this.schedule = Objects.requireNonNull(schedule, "schedule");
    }

    /**
     * The {@code TRANSACTION.SUCCESS} event of a charge.
     *
     * @param order the order, already in its new state, with a notify URL
     * @param charge the charge
     * @param now the event time
     * @return the event to store in the same transaction
     */
    public NotificationRow transactionSuccess(OrderRow order, ChargeRow charge, Instant now) {
        return event(order, charge, Notification.TRANSACTION_SUCCESS, null, now);
    }

    /**
     * The {@code REFUND.SUCCESS} event of a refund.
     *
     * @param order the order, already in its new state, with a notify URL
     * @param charge the refunded charge
     * @param refund the refund
     * @param refundedTotal everything refunded on the order, this refund included
     * @param now the event time
     * @return the event to store in the same transaction
     */
    public NotificationRow refundSuccess(OrderRow order, ChargeRow charge, RefundRow refund, long refundedTotal,
                                         Instant now) {
        return event(order, charge, Notification.REFUND_SUCCESS,
                new RefundDetail(refund.outRefundNo(), refund.refundId(), refund.amount(), refundedTotal), now);
    }

    private NotificationRow event(OrderRow order, ChargeRow charge, String eventType, RefundDetail refund,
                                  Instant now) {
        Objects.requireNonNull(order.notifyUrl(), "an order without notify_url gets no notification");
        String eventId = UUID.randomUUID().toString();
        Notification notification = new Notification(eventId, eventType, order.outTradeNo(), order.tradeState(),
                new Amount(order.total(), order.currency()), charge.transactionId(),
                charge.chargedAt().truncatedTo(ChronoUnit.SECONDS).toString(), refund);
        String body;
        try {
            body = mapper.writeValueAsString(notification);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the notification of order " + order.outTradeNo(), e);
        }
        boolean dropped = chaos.roll(chaos.knobs().dropNotifyRate());
        boolean never = dropped && chaos.knobs().dropNotifyPermanently();
        return new NotificationRow(eventId, order.outTradeNo(), eventType, order.notifyUrl(), body, 0, now,
                never ? null : now.plus(schedule.delayBefore(0)),
                never ? NotificationStatus.DROPPED : NotificationStatus.PENDING, dropped, null, null);
    }
}
