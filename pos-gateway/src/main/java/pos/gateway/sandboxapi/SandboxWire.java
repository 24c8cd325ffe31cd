package pos.gateway.sandboxapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The sandbox gateway's request and answer bodies as this client writes and reads them (snake_case
 * on the wire; the protocol is written down in {@link SandboxPaymentGateway}). Production code does
 * not depend on the sandbox module, so the client keeps its own records. Immutable.
 */
final class SandboxWire {

    private SandboxWire() {
    }

    /** {@code {total, currency}}. */
    record Amount(long total, String currency) {
    }

    /** POST /v1/orders/native. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record NativeOrder(String outTradeNo, String description, Amount amount, String notifyUrl, long timeExpireSeconds) {
    }

    /** POST /v1/orders/micropay; no {@code notify_url} when the client has none. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Micropay(String outTradeNo, String authCode, String description, Amount amount, String notifyUrl) {
    }

    /** POST /v1/orders/card; no {@code notify_url} when the client has none. Holds the card number: never logged. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CardPay(String outTradeNo, String cardNo, String pinBlock, String description, Amount amount, String notifyUrl) {
        @Override
        public String toString() {
            return "CardPay[" + outTradeNo + "]";
        }
    }

    /** POST /v1/refunds. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Refund(String outTradeNo, String outRefundNo, RefundAmount amount, String reason) {
    }

    /** A refund's amounts. */
    record RefundAmount(long refund, long total, String currency) {
    }

    /** POST /v1/orders/{no}/close and /reverse: an empty object. */
    record Nothing() {
    }

    /** The answer to a native order. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record QrAnswer(String outTradeNo, String codeUrl, String expiresAt) {
    }

    /** An order's state: the answer to micropay, card, query, close and reverse (each fills what it knows). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Trade(String outTradeNo, String tradeState, String transactionId, String successTime, String code,
            TradeAmount amount, Boolean recall) {
    }

    /** An order amount as answered: either part may be missing. */
    record TradeAmount(Long total, String currency) {
    }

    /** The answer to a refund. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RefundDone(String outRefundNo, String refundId, String status) {
    }

    /** A 4xx answer: {@code {code, message}}. */
    record Refusal(String code, String message) {
    }

    /** A notification's body as this client reads it (after its signature was checked); a refund's details are not read. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Notice(String id, String eventType, String outTradeNo, String tradeState, TradeAmount amount,
            String transactionId, String successTime) {
    }
}
