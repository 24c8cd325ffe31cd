package pos.gateway.sandboxapi;

import pos.contract.TransactionIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import pos.core.pay.PaymentStatus;

/**
 * A parsed notification of the sandbox gateway (the shape of WeChat Pay v3's): {@code id},
 * {@code event_type} ("TRANSACTION.SUCCESS" or "REFUND.SUCCESS"), {@code out_trade_no},
 * {@code trade_state}, {@code amount {total, currency}}, {@code transaction_id},
 * {@code success_time}. Immutable.
 */
public record SandboxNotification(String id, String eventType, String outTradeNo, PaymentStatus status, String tradeState,
        long amountMinor, String currency, String gatewayTradeNo, Instant successTime) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Parses a body whose signature was checked.
     *
     * @throws InvalidNotificationException (not a signature failure) if it is not a notification
     */
    public static SandboxNotification parse(byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidNotificationException("the notification is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidNotificationException("the notification cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidNotificationException("the notification is not a JSON object", false);
        }
        String outTradeNo = text(root, "out_trade_no");
        if (!TransactionIds.isTransactionId(outTradeNo)) {
            throw new InvalidNotificationException("out_trade_no '" + TransactionIds.printable(outTradeNo)
                    + "' is not a transaction id", false);
        }
        String eventType = text(root, "event_type");
        String tradeState = text(root, "trade_state");
        PaymentStatus status = status(tradeState);
        if (status == null) {
            throw new InvalidNotificationException("notification for " + outTradeNo + ": unknown trade_state '"
                    + TransactionIds.printable(tradeState) + "'", false);
        }
        JsonNode amount = root.path("amount");
        if (!amount.path("total").canConvertToLong() || amount.path("total").asLong() < 0) {
            throw new InvalidNotificationException("notification for " + outTradeNo + ": amount.total is missing or not a"
                    + " whole number of minor units", false);
        }
        String currency = amount.path("currency").asText("");
        if (!currency.matches("[A-Z]{3}")) {
            throw new InvalidNotificationException("notification for " + outTradeNo + ": amount.currency '"
                    + TransactionIds.printable(currency) + "' is not an ISO 4217 code", false);
        }
        Instant successTime = null;
        String success = root.path("success_time").asText("");
        if (!success.isEmpty()) {
            try {
                successTime = OffsetDateTime.parse(success).toInstant();
            } catch (DateTimeParseException e) {
                throw new InvalidNotificationException("notification for " + outTradeNo + ": success_time '"
                        + TransactionIds.printable(success) + "' is not RFC 3339", e);
            }
        }
        return new SandboxNotification(root.path("id").asText(""), eventType, outTradeNo, status, tradeState,
                amount.path("total").asLong(), currency, root.path("transaction_id").asText(null), successTime);
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

    private static String text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        if (node == null || !node.isTextual() || node.asText().isEmpty()) {
            throw new InvalidNotificationException("the notification has no " + field, false);
        }
        return node.asText();
    }
}
