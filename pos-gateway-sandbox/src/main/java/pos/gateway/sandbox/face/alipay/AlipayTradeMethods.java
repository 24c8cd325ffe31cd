package pos.gateway.sandbox.face.alipay;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import pos.gateway.sandbox.api.Amount;
import pos.gateway.sandbox.api.ErrorCode;
import pos.gateway.sandbox.api.MicropayRequest;
import pos.gateway.sandbox.api.MicropayResponse;
import pos.gateway.sandbox.api.NativeOrderRequest;
import pos.gateway.sandbox.api.NativeOrderResponse;
import pos.gateway.sandbox.api.OrderQueryResponse;
import pos.gateway.sandbox.api.RefundAmount;
import pos.gateway.sandbox.api.RefundRequest;
import pos.gateway.sandbox.api.TradeState;
import pos.gateway.sandbox.ledger.RefundRow;
import pos.gateway.sandbox.trade.RequestRejectedException;
import pos.gateway.sandbox.trade.TradeService;

/**
 * Alipay face-to-face's trade methods answered from the sandbox's ledger ({@link TradeService}): the {@code biz_content}
 * of a request in, the inside of its answer out. Orders are in CNY (fen in the ledger, yuan on the wire).
 *
 * <p>How the ledger's states read in Alipay's words, and the quirks kept on purpose:
 * <ul>
 * <li>A precreated (QR) order that nobody has scanned does not exist for {@code alipay.trade.query}
 *     ({@code ACQ.TRADE_NOT_EXIST}), as at Alipay; {@code alipay.trade.close} of it answers the same, and the sandbox
 *     closes it in its ledger so the code can no longer be paid. Once closed it reads {@code TRADE_CLOSED}.</li>
 * <li>A pay-code charge waiting for the buyer's confirmation is {@code WAIT_BUYER_PAY} (and {@code alipay.trade.pay}
 *     answers 10003); paid is {@code TRADE_SUCCESS}; partly refunded stays {@code TRADE_SUCCESS}; closed, cancelled or
 *     wholly refunded is {@code TRADE_CLOSED} (with {@code send_pay_date} when money had been taken). A refused pay
 *     leaves no trade ({@code ACQ.TRADE_NOT_EXIST}).</li>
 * <li>{@code alipay.trade.cancel} closes an unpaid trade ({@code action=close}) and refunds a paid one
 *     ({@code action=refund}); {@code retry_flag} is {@code N} (the sandbox never needs the retry).</li>
 * <li>{@code alipay.trade.refund} refunds once per {@code out_request_no} (default: the {@code out_trade_no}, a whole
 *     refund); a repeat answers the same with {@code fund_change=N}.</li>
 * <li>{@code qr_code} is the sandbox's own {@code sandbox://pay/...} link (Alipay's is {@code https://qr.alipay.com/...}),
 *     so the simulated customer pays it through {@code POST /sandbox/pay} like any sandbox order.</li>
 * </ul>
 * Thread-safe (the ledger serializes the trades).
 */
final class AlipayTradeMethods {

    static final String CURRENCY = "CNY";
    private static final Pattern EXPRESS = Pattern.compile("([0-9]{1,4})([mhd])");
    private static final String BUYER_LOGON_ID = "159****5620";
    private static final String BUYER_USER_ID = "2088102146225135";

    private final TradeService trades;
    private final java.time.Clock clock;

    AlipayTradeMethods(TradeService trades, java.time.Clock clock) {
        this.trades = Objects.requireNonNull(trades, "trades");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** {@code alipay.trade.precreate}: a QR order; {@code qr_code} is the code the customer scans. */
    AlipayAnswer precreate(Map<String, Object> biz, String notifyUrl) {
        String outTradeNo = text(biz, "out_trade_no");
        long total = fen(biz, "total_amount");
        String subject = text(biz, "subject");
        Integer expireSeconds = expireSeconds(biz);
        NativeOrderResponse order = trade(() -> trades.createNative(new NativeOrderRequest(outTradeNo, subject,
                new Amount(total, CURRENCY), notifyUrl, expireSeconds)));
        return AlipayAnswer.success().with("out_trade_no", order.outTradeNo()).with("qr_code", order.codeUrl());
    }

    /** {@code alipay.trade.pay} with {@code scene=bar_code}: charges the customer's pay-code. */
    AlipayAnswer pay(Map<String, Object> biz, String notifyUrl) {
        String scene = text(biz, "scene");
        if (!"bar_code".equals(scene)) {
            throw invalid("scene must be bar_code for a pay-code charge, was '" + scene + "'");
        }
        String outTradeNo = text(biz, "out_trade_no");
        long total = fen(biz, "total_amount");
        MicropayResponse charged = trade(() -> trades.micropay(new MicropayRequest(outTradeNo, text(biz, "auth_code"),
                text(biz, "subject"), new Amount(total, CURRENCY), notifyUrl)));
        if (charged.tradeState() == TradeState.USERPAYING) {
            return AlipayAnswer.processing().with("out_trade_no", outTradeNo).with("total_amount", Yuan.of(total));
        }
        if (charged.tradeState() != TradeState.SUCCESS && charged.tradeState() != TradeState.REFUND) {
            // a repeat of a pay that was closed or cancelled meanwhile
            throw new AlipayAnswer.Refused(AlipayAnswer.BUSINESS_FAILED, "ACQ.TRADE_HAS_CLOSE",
                    "trade " + outTradeNo + " is closed (" + charged.tradeState() + ")");
        }
        return AlipayAnswer.success().with("trade_no", charged.transactionId()).with("out_trade_no", outTradeNo)
                .with("buyer_logon_id", BUYER_LOGON_ID).with("total_amount", Yuan.of(total))
                .with("receipt_amount", Yuan.of(total)).with("buyer_pay_amount", Yuan.of(total))
                .with("gmt_payment", time(charged.successTime())).with("buyer_user_id", BUYER_USER_ID);
    }

    /** {@code alipay.trade.query}. */
    AlipayAnswer query(Map<String, Object> biz) {
        OrderQueryResponse order = existing(text(biz, "out_trade_no"));
        boolean paid = order.transactionId() != null;
        if (order.tradeState() == TradeState.NOTPAY || order.tradeState() == TradeState.PAYERROR) {
            throw notExist(order.outTradeNo()); // nobody scanned the code yet, or the refused pay left no trade
        }
        String status = switch (order.tradeState()) {
            case USERPAYING -> "WAIT_BUYER_PAY";
            case SUCCESS -> "TRADE_SUCCESS";
            case REFUND -> order.refundedTotal() < order.amount().total() ? "TRADE_SUCCESS" : "TRADE_CLOSED";
            default -> "TRADE_CLOSED";
        };
        return AlipayAnswer.success().with("trade_no", order.transactionId()).with("out_trade_no", order.outTradeNo())
                .with("buyer_logon_id", paid ? BUYER_LOGON_ID : null).with("trade_status", status)
                .with("total_amount", Yuan.of(order.amount().total()))
                .with("receipt_amount", paid ? Yuan.of(order.amount().total() - order.refundedTotal()) : null)
                .with("buyer_pay_amount", paid ? Yuan.of(order.amount().total()) : null)
                .with("send_pay_date", time(order.successTime())).with("buyer_user_id", paid ? BUYER_USER_ID : null);
    }

    /** {@code alipay.trade.cancel}: an unpaid trade is closed, a paid one refunded; either way it ends cancelled. */
    AlipayAnswer cancel(Map<String, Object> biz) {
        String outTradeNo = text(biz, "out_trade_no");
        trade(() -> trades.reverse(outTradeNo));
        OrderQueryResponse after = existing(outTradeNo);
        boolean refunded = after.transactionId() != null;
        return AlipayAnswer.success().with("trade_no", after.transactionId()).with("out_trade_no", outTradeNo)
                .with("retry_flag", "N").with("action", refunded ? "refund" : "close")
                .with("gmt_refund_pay", refunded ? Yuan.time(clock.instant()) : null);
    }

    /** {@code alipay.trade.close}: closes an unpaid trade; a paid one is {@code ACQ.TRADE_STATUS_ERROR}. */
    AlipayAnswer close(Map<String, Object> biz) {
        String outTradeNo = text(biz, "out_trade_no");
        OrderQueryResponse before = existing(outTradeNo);
        trade(() -> {
            trades.close(outTradeNo);
            return null;
        });
        if (before.tradeState() == TradeState.NOTPAY) {
            // Alipay knows no trade before the code is scanned; the sandbox has closed its order all the same
            throw notExist(outTradeNo);
        }
        return AlipayAnswer.success().with("trade_no", before.transactionId()).with("out_trade_no", outTradeNo);
    }

    /** {@code alipay.trade.refund}: once per {@code out_request_no}; {@code fund_change=N} for a repeat. */
    AlipayAnswer refund(Map<String, Object> biz) {
        String outTradeNo = text(biz, "out_trade_no");
        long amount = fen(biz, "refund_amount");
        Object requestNo = biz.get("out_request_no");
        String outRequestNo = requestNo == null || requestNo.toString().isBlank() ? outTradeNo : requestNo.toString();
        OrderQueryResponse order = existing(outTradeNo);
        boolean repeat = trades.findRefund(outRequestNo).isPresent();
        Object reason = biz.get("refund_reason");
        trade(() -> trades.refund(new RefundRequest(outTradeNo, outRequestNo,
                new RefundAmount(amount, order.amount().total(), order.amount().currency()),
                reason == null ? null : reason.toString())));
        OrderQueryResponse after = existing(outTradeNo);
        return AlipayAnswer.success().with("trade_no", after.transactionId()).with("out_trade_no", outTradeNo)
                .with("buyer_logon_id", BUYER_LOGON_ID).with("fund_change", repeat ? "N" : "Y")
                .with("refund_fee", Yuan.of(after.refundedTotal())).with("send_back_fee", Yuan.of(amount))
                .with("gmt_refund_pay", Yuan.time(clock.instant())).with("buyer_user_id", BUYER_USER_ID);
    }

    /**
     * {@code alipay.trade.fastpay.refund.query}: the refund of {@code out_request_no}; as Alipay documents, an answer
     * without refund fields means no such refund was made.
     */
    AlipayAnswer refundQuery(Map<String, Object> biz) {
        String outTradeNo = text(biz, "out_trade_no");
        String outRequestNo = text(biz, "out_request_no");
        OrderQueryResponse order = existing(outTradeNo);
        Optional<RefundRow> refund = trades.findRefund(outRequestNo).filter(r -> r.outTradeNo().equals(outTradeNo));
        AlipayAnswer answer = AlipayAnswer.success().with("trade_no", order.transactionId())
                .with("out_trade_no", outTradeNo).with("out_request_no", outRequestNo);
        refund.ifPresent(r -> answer.with("total_amount", Yuan.of(order.amount().total()))
                .with("refund_amount", Yuan.of(r.amount())).with("refund_status", "REFUND_SUCCESS")
                .with("gmt_refund_pay", Yuan.time(r.refundedAt())));
        return answer;
    }

    private OrderQueryResponse existing(String outTradeNo) {
        return trade(() -> trades.query(outTradeNo));
    }

    /** Runs a trade, turning the ledger's refusals into Alipay's {@code ACQ.*} answers. */
    private static <T> T trade(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RequestRejectedException e) {
            throw refusal(e.code(), e.getMessage());
        }
    }

    private static AlipayAnswer.Refused refusal(ErrorCode code, String message) {
        String subCode = switch (code) {
            case AUTH_CODE_INVALID -> "ACQ.PAYMENT_AUTH_CODE_INVALID";
            case NOTENOUGH -> "ACQ.BUYER_BALANCE_NOT_ENOUGH";
            case PAYERROR -> "ACQ.PAYMENT_FAIL";
            case ORDER_NOT_EXIST -> "ACQ.TRADE_NOT_EXIST";
            case OUT_TRADE_NO_USED -> "ACQ.CONTEXT_INCONSISTENT";
            case OUT_REFUND_NO_USED -> "ACQ.DISCORDANT_REPEAT_REQUEST";
            case ORDERPAID, ORDER_NOT_PAID -> "ACQ.TRADE_STATUS_ERROR";
            case ORDER_CLOSED -> "ACQ.TRADE_HAS_CLOSE";
            case REFUND_AMOUNT_INVALID -> "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL";
            case SYSTEMERROR -> "ACQ.SYSTEM_ERROR";
            default -> "ACQ.INVALID_PARAMETER";
        };
        return new AlipayAnswer.Refused(AlipayAnswer.BUSINESS_FAILED, subCode, message);
    }

    private static AlipayAnswer.Refused notExist(String outTradeNo) {
        return new AlipayAnswer.Refused(AlipayAnswer.BUSINESS_FAILED, "ACQ.TRADE_NOT_EXIST",
                "no trade has out_trade_no " + outTradeNo);
    }

    static AlipayAnswer.Refused invalid(String why) {
        return new AlipayAnswer.Refused(AlipayAnswer.BUSINESS_FAILED, "ACQ.INVALID_PARAMETER", why);
    }

    private static String text(Map<String, Object> biz, String name) {
        Object value = biz.get(name);
        if (value == null || value.toString().isBlank()) {
            throw invalid(name + " is required in biz_content");
        }
        return value.toString();
    }

    private static long fen(Map<String, Object> biz, String name) {
        Object value = biz.get(name);
        try {
            return Yuan.toFen(value == null ? null : value.toString());
        } catch (IllegalArgumentException e) {
            throw invalid(name + ": " + e.getMessage());
        }
    }

    /** {@code timeout_express} / {@code qr_code_timeout_express} ("2m", "1h", "1d"), or null for the default. */
    private static Integer expireSeconds(Map<String, Object> biz) {
        Object value = biz.get("qr_code_timeout_express");
        if (value == null) {
            value = biz.get("timeout_express");
        }
        if (value == null) {
            return null;
        }
        Matcher express = EXPRESS.matcher(value.toString());
        if (!express.matches()) {
            throw invalid("timeout_express must be minutes, hours or days like 2m, 1h, 1d, was '" + value + "'");
        }
        long unit = switch (express.group(2)) {
            case "m" -> 60;
            case "h" -> 3_600;
            default -> 86_400;
        };
        return (int) Math.min(86_400, Long.parseLong(express.group(1)) * unit);
    }

    private static String time(String rfc3339) {
        return rfc3339 == null ? null : Yuan.time(Instant.parse(rfc3339));
    }
}
