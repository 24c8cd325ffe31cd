package pos.gateway.sandboxapi;

import pos.contract.TransactionIds;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import pos.contract.json.Json;
import pos.contract.json.MalformedJsonException;
import pos.core.pay.PaymentStatus;

/**
 * A parsed notification of the sandbox gateway (the shape of WeChat Pay v3's): {@code id},
 * {@code event_type} ("TRANSACTION.SUCCESS" or "REFUND.SUCCESS"), {@code out_trade_no},
 * {@code trade_state}, {@code amount {total, currency}}, {@code transaction_id},
 * {@code success_time}. Immutable.
 */
public record SandboxNotification(String id, String eventType, String outTradeNo, PaymentStatus status, String tradeState,
        long amountMinor, String currency, String gatewayTradeNo, Instant successTime) {

    /**
     * Parses a body whose signature was checked.
     *
     * @throws InvalidNotificationException (not a signature failure) if it is not a notification
     */
    public static SandboxNotification parse(byte[] body) {
        SandboxWire.Notice notice;
        try {
            notice = Json.read(Json.TOLERANT, body, SandboxWire.Notice.class);
        } catch (MalformedJsonException e) {
            throw new InvalidNotificationException("the notification cannot be read: " + e.getMessage(), e);
        }
        String outTradeNo = required(notice.outTradeNo(), "out_trade_no");
        if (!TransactionIds.isTransactionId(outTradeNo)) {
            throw new InvalidNotificationException("out_trade_no '" + TransactionIds.printable(outTradeNo)
                    + "' is not a transaction id", false);
        }
        String eventType = required(notice.eventType(), "event_type");
        String tradeState = required(notice.tradeState(), "trade_state");
        PaymentStatus status = status(tradeState);
        if (status == null) {
            throw new InvalidNotificationException("notification for " + outTradeNo + ": unknown trade_state '"
                    + TransactionIds.printable(tradeState) + "'", false);
        }
        SandboxWire.TradeAmount amount = notice.amount();
        if (amount == null || amount.total() == null || amount.total() < 0) {
            throw new InvalidNotificationException("notification for " + outTradeNo + ": amount.total is missing or not a"
                    + " whole number of minor units", false);
        }
        String currency = amount.currency() == null ? "" : amount.currency();
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidNotificationException("notification for " + outTradeNo + ": amount.currency '"
                    + TransactionIds.printable(currency) + "' is not an ISO 4217 code", false);
        }
        Instant successTime = null;
        String success = notice.successTime() == null ? "" : notice.successTime();
        if (!success.isEmpty()) {
            try {
                successTime = OffsetDateTime.parse(success).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidNotificationException("notification for " + outTradeNo + ": success_time '"
                        + TransactionIds.printable(success) + "' is not RFC 3339", e);
            }
        }
        return new SandboxNotification(notice.id() == null ? "" : notice.id(), eventType, outTradeNo, status, tradeState,
                amount.total(), currency, notice.transactionId(), successTime);
    }

    /** The gateway's trade state as a payment status, or null when unknown. */
    public static PaymentStatus status(String tradeState) {
        return switch (tradeState.toUpperCase(Locale.ROOT)) {
            case "NOTPAY" -> PaymentStatus.PENDING;
            case "USERPAYING" -> PaymentStatus.USERPAYING;
            case "SUCCESS" -> PaymentStatus.SUCCESS;
            case "CLOSED" -> PaymentStatus.CLOSED;
            case "REVOKED" -> PaymentStatus.REVOKED;
            case "REFUND" -> PaymentStatus.REFUNDED;
            case "PAYERROR" -> PaymentStatus.FAILED;
            default -> null;
        };
    }

    private static String required(String value, String field) {
        if (value == null || value.isEmpty()) {
            throw new InvalidNotificationException("the notification has no " + field, false);
        }
        return value;
    }
}
