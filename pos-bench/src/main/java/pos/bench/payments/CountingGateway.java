package pos.bench.payments;

import java.util.Objects;
import java.util.function.Supplier;
import pos.core.money.Money;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.GatewayUnreachableException;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentOrder;
import pos.core.pay.QrOrder;
import pos.core.pay.RefundAnswer;

/**
 * A till's {@link PaymentGateway} that counts, per operation, the calls that timed out (R11: the
 * outcome is unknown and the till asks again) or found the gateway unreachable, then passes every
 * call, every exception and the provider's close/reverse timing on unchanged. Thread-safe (the
 * counts are {@link RunStats}').
 */
final class CountingGateway implements PaymentGateway {

    private final PaymentGateway gateway;
    private final RunStats stats;

    CountingGateway(PaymentGateway gateway, RunStats stats) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.stats = Objects.requireNonNull(stats, "stats");
    }

    @Override
    public QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
        return counted("create", () -> gateway.createQrOrder(order, notifyUrl));
    }

    @Override
    public GatewayAnswer payByCode(PaymentOrder order, String authCode) {
        return counted("micropay", () -> gateway.payByCode(order, authCode));
    }

    @Override
    public GatewayAnswer payByCard(PaymentOrder order, pos.core.pay.CardCharge charge) {
        return counted("card", () -> gateway.payByCard(order, charge));
    }

    @Override
    public GatewayAnswer query(String outTradeNo) {
        return counted("query", () -> gateway.query(outTradeNo));
    }

    @Override
    public GatewayAnswer close(String outTradeNo) {
        return counted("close", () -> gateway.close(outTradeNo));
    }

    @Override
    public GatewayAnswer reverse(String outTradeNo) {
        return counted("reverse", () -> gateway.reverse(outTradeNo));
    }

    @Override
    public RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason) {
        return counted("refund", () -> gateway.refund(outTradeNo, refundNo, refund, total, reason));
    }

    /**
     * The provider's documented timing, passed on: without it the port's default ("at once") would make the tills
     * close a WeChat Pay order within its 5 minutes and reverse a charge within its 15 s, which WeChat Pay refuses.
     */
    @Override
    public java.time.Instant closeNotBefore(java.time.Instant createdAt) {
        return gateway.closeNotBefore(createdAt);
    }

    @Override
    public java.time.Instant reverseNotBefore(java.time.Instant chargedAt) {
        return gateway.reverseNotBefore(chargedAt);
    }

    private <T> T counted(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (GatewayTimeoutException e) {
            stats.count("gateway timeouts seen by the tills (R11), " + operation);
            throw e;
        } catch (GatewayUnreachableException e) {
            stats.count("gateway unreachable for the tills, " + operation);
            throw e;
        }
    }
}
