package pos.app.sell;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import pos.core.pay.PaymentDesk;
import pos.core.pay.PaymentOrder;
import pos.core.pay.PaymentSession;
import pos.core.pay.PreCheck;
import pos.core.pay.QrOrder;

/** A hand-written fake of the payment port whose sessions the test moves from state to state. */
final class FakePaymentDesk implements PaymentDesk {
    final List<FakeSession> sessions = new ArrayList<>();
    PreCheck nextCheck = PreCheck.ok();

    @Override
    public PreCheck preCheck(PaymentOrder order) {
        return nextCheck;
    }

    @Override
    public PaymentSession startQr(PaymentOrder order) {
        FakeSession s = new FakeSession(order, null);
        sessions.add(s);
        return s;
    }

    @Override
    public PaymentSession startPayCode(PaymentOrder order, String authCode) {
        FakeSession s = new FakeSession(order, authCode);
        sessions.add(s);
        return s;
    }

    @Override
    public PaymentSession startCard(PaymentOrder order, pos.core.pay.CardCharge charge) {
        FakeSession s = new FakeSession(order, null);
        sessions.add(s);
        return s;
    }

    FakeSession last() {
        return sessions.get(sessions.size() - 1);
    }

    static final class FakeSession implements PaymentSession {
        final PaymentOrder order;
        final String authCode;
        final List<Consumer<State>> listeners = new CopyOnWriteArrayList<>();
        State state = State.STARTING;
        QrOrder qr;
        String reason;
        int checks;
        boolean cancelled;

        FakeSession(PaymentOrder order, String authCode) {
            this.order = order;
            this.authCode = authCode;
        }

        void move(State next) {
            state = next;
            listeners.forEach(l -> l.accept(next));
        }

        void showQr(String codeUrl) {
            qr = new QrOrder(order.outTradeNo(), codeUrl, Instant.parse("2026-11-22T10:02:00Z"));
            move(State.WAITING_FOR_CUSTOMER);
        }

        @Override public PaymentOrder order() { return order; }
        @Override public State state() { return state; }
        @Override public Optional<QrOrder> qrOrder() { return Optional.ofNullable(qr); }
        @Override public Instant deadline() { return order.createdAt().plusSeconds(30); }
        @Override public Optional<String> reasonCode() { return Optional.ofNullable(reason); }
        @Override public void checkAgain() { checks++; }
        @Override public void cancel() { cancelled = true; }

        @Override
        public AutoCloseable onChange(Consumer<State> listener) {
            listeners.add(listener);
            return () -> listeners.remove(listener);
        }
    }
}
