package pos.gateway.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import pos.core.money.Money;
import pos.core.pay.GatewayAnswer;
import pos.core.pay.GatewayTimeoutException;
import pos.core.pay.PaymentMethod;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentStatus;
import pos.core.pay.RefundAnswer;
import pos.gateway.sandbox.SandboxGateway;
import pos.gateway.sandbox.api.Knobs;
import pos.gateway.sandbox.api.TradeState;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.face.Face;
import pos.gateway.sandbox.face.FaceRoutes;
import pos.gateway.sandbox.face.NotificationWire;
import pos.gateway.sandbox.face.alipay.AlipayFace;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.gateway.sandbox.trade.TradeService;

@DisplayName("Alipay's retry_flag on cancel and the refund that answers too late, through the SDK over HTTP")
class CancelRetryTest {

    private static final String NEVER_CONFIRMS = "281234567890129999";

    @TempDir
    Path dataDir;
    private SandboxGateway sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    @DisplayName("R24 cancel answered 'ACQ.SYSTEM_ERROR, retry_flag=Y' is sent again and then REVOKED (action=close)")
    void retryFlagYIsRetried() {
        BusyCancelFace face = new BusyCancelFace(1);
        AlipayGateway gateway = start(face);
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 450);
        assertThat(gateway.payByCode(order, NEVER_CONFIRMS).status()).isEqualTo(PaymentStatus.USERPAYING);

        GatewayAnswer cancelled = gateway.reverse(order.outTradeNo());

        assertThat(cancelled.status()).isEqualTo(PaymentStatus.REVOKED);
        assertThat(cancelled.reasonCode()).isEqualTo("ORDER_REVERSED:action=close");
        assertThat(face.cancels.get()).isEqualTo(2);
        assertThat(sandbox.ledger().order(order.outTradeNo()).orElseThrow().tradeState()).isEqualTo(TradeState.REVOKED);
    }

    @Test
    @DisplayName("R24 a cancel that keeps asking to be retried is given up after 3 attempts: outcome unknown, call again")
    void retriesAreBounded() {
        BusyCancelFace face = new BusyCancelFace(Integer.MAX_VALUE);
        AlipayGateway gateway = start(face);
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 450);
        gateway.payByCode(order, NEVER_CONFIRMS);

        assertThatThrownBy(() -> gateway.reverse(order.outTradeNo())).isInstanceOf(GatewayTimeoutException.class)
                .hasMessageContaining("retry_flag=Y");
        assertThat(face.cancels.get()).isEqualTo(AlipayGateway.CANCEL_ATTEMPTS);
        assertThat(sandbox.ledger().order(order.outTradeNo()).orElseThrow().tradeState())
                .isEqualTo(TradeState.USERPAYING);
    }

    @Test
    @DisplayName("a refund answered too late (refund_timeouts knob) is a timeout; the retry with the same number refunds"
            + " nothing more and says it was made")
    void lateRefundIsRetriedOnce() {
        AlipayGateway gateway = start(new BusyCancelFace(0));
        PaymentOrder order = AlipaySandbox.order(PaymentMethod.PAY_CODE, 1000);
        assertThat(gateway.payByCode(order, "281234567890123456").status()).isEqualTo(PaymentStatus.SUCCESS);
        sandbox.setKnobs(Knobs.defaults().withRefundTimeouts(1).withTimeoutDelayMs(1_500));
        Money all = Money.ofMinor(1000, "CNY");

        assertThatThrownBy(() -> gateway.refund(order.outTradeNo(), "RF-" + order.outTradeNo(), all, all, "returned"))
                .isInstanceOf(GatewayTimeoutException.class);
        RefundAnswer retried = gateway.refund(order.outTradeNo(), "RF-" + order.outTradeNo(), all, all, "returned");

        assertThat(retried.done()).isTrue();
        assertThat(sandbox.ledger().order(order.outTradeNo()).orElseThrow().refundedMinor()).isEqualTo(1000);
    }

    private AlipayGateway start(Face face) {
        sandbox = SandboxGateway.builder().face(face).dataDir(dataDir).build().start();
        AlipayCredentials credentials = AlipayCredentials.read(new pos.gateway.provider.Secrets("alipay",
                sandbox.credentialsDir(), Map.of()));
        return new AlipayGateway(credentials, sandbox.baseUri(), Duration.ofMillis(800), Duration.ofMinutes(2), null,
                Duration.ofMillis(10), Clock.systemUTC());
    }

    /**
     * The Alipay face, except that its first {@code busy} cancels are answered as Alipay answers a cancel it could not
     * do yet (40004 ACQ.SYSTEM_ERROR, retry_flag=Y), signed with the face's own Alipay key, without touching the trade.
     */
    private final class BusyCancelFace implements Face {
        private final AlipayFace alipay = new AlipayFace();
        private final int busy;
        final AtomicInteger cancels = new AtomicInteger();

        BusyCancelFace(int busy) {
            this.busy = busy;
        }

        @Override
        public String protocol() {
            return alipay.protocol();
        }

        @Override
        public void open(Path dir, Clock clock) {
            alipay.open(dir, clock);
        }

        @Override
        public Path credentialsDir() {
            return alipay.credentialsDir();
        }

        @Override
        public void routes(FaceRoutes routes, TradeService trades, Chaos chaos) {
            alipay.routes((method, path, handler, refund) -> routes.add(method, path, request -> {
                boolean cancel = request.query().getOrDefault("method", "").equals("alipay.trade.cancel");
                if (cancel && cancels.incrementAndGet() <= busy) {
                    return busyAnswer();
                }
                return handler.handle(request);
            }, refund), trades, chaos);
        }

        @Override
        public NotificationWire notifications() {
            return alipay.notifications();
        }

        @Override
        public RetrySchedule documentedSchedule() {
            return alipay.documentedSchedule();
        }

        private FaceRoutes.Answer busyAnswer() throws Exception {
            String inside = "{\"code\":\"40004\",\"msg\":\"Business Failed\",\"sub_code\":\"ACQ.SYSTEM_ERROR\","
                    + "\"sub_msg\":\"busy\",\"retry_flag\":\"Y\"}";
            String pem = Files.readString(dataDir.resolve("alipay/alipay-private-key.pem"));
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", ""))));
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(inside.getBytes(StandardCharsets.UTF_8));
            String body = "{\"alipay_trade_cancel_response\":" + inside + ",\"sign\":\""
                    + Base64.getEncoder().encodeToString(signer.sign()) + "\"}";
            return FaceRoutes.Answer.text(200, "application/json;charset=utf-8", body);
        }
    }
}
