package pos.sync.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import pos.core.money.Money;
import pos.core.pay.CardCharge;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentOrder;
import pos.core.pay.QrOrder;
import pos.core.pay.RefundAnswer;

/**
 * The sandbox adapter with a provider's documented timing (WeChat Pay: no close within 5 minutes of creating an order,
 * no reverse within 15 s of the charge): only {@link #closeNotBefore} and {@link #reverseNotBefore} are its own, every
 * call goes to the real sandbox. It notes the clock's time of every close and reverse it passes on, so a test can show
 * none came early. Thread-safe.
 */
public final class DocumentedDelayGateway implements PaymentGateway {

    /** One close or reverse passed on to the sandbox, at the clock's time. */
    public record Sent(String operation, String outTradeNo, Instant at) {
    }

    private final PaymentGateway real;
    private final Duration closeDelay;
    private final Duration reverseDelay;
    private final Clock clock;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    public DocumentedDelayGateway(PaymentGateway real, Duration closeDelay, Duration reverseDelay, Clock clock) {
        this.real = Objects.requireNonNull(real, "real");
        this.closeDelay = Objects.requireNonNull(closeDelay, "closeDelay");
        this.reverseDelay = Objects.requireNonNull(reverseDelay, "reverseDelay");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** WeChat Pay's documented delays: close 5 minutes after the order, reverse 15 s after the charge. */
    public static DocumentedDelayGateway wechatTiming(PaymentGateway real, Clock clock) {
        return new DocumentedDelayGateway(real, Duration.ofMinutes(5), Duration.ofSeconds(15), clock);
    }

    /** The closes and reverses passed on so far, in order. */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    public List<Sent> sent(String operation) {
        return sent.stream().filter(s -> s.operation().equals(operation)).toList();
    }

    @Override
    public Instant closeNotBefore(Instant createdAt) {
        return createdAt.plus(closeDelay);
    }

    @Override
    public Instant reverseNotBefore(Instant chargedAt) {
        return chargedAt.plus(reverseDelay);
    }

    @Override
    public QrOrder createQrOrder(PaymentOrder order, String notifyUrl) {
        return real.createQrOrder(order, notifyUrl);
    }

    @Override
    public GatewayAnswer payByCode(PaymentOrder order, String authCode) {
        return real.payByCode(order, authCode);
    }

    @Override
    public GatewayAnswer payByCard(PaymentOrder order, CardCharge charge) {
        return real.payByCard(order, charge);
    }

    @Override
    public GatewayAnswer query(String outTradeNo) {
        return real.query(outTradeNo);
    }

    @Override
    public GatewayAnswer close(String outTradeNo) {
        sent.add(new Sent("close", outTradeNo, clock.instant()));
        return real.close(outTradeNo);
    }

    @Override
    public GatewayAnswer reverse(String outTradeNo) {
        sent.add(new Sent("reverse", outTradeNo, clock.instant()));
        return real.reverse(outTradeNo);
    }

    @Override
    public RefundAnswer refund(String outTradeNo, String refundNo, Money refund, Money total, String reason) {
        return real.refund(outTradeNo, refundNo, refund, total, reason);
    }
}
