package pos.core.pay;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One payment in progress on the till, from the first request to a final state. The screen shows
 * {@link #state()} and reacts to {@link #onChange}. Thread-safe; listeners run on a background
 * thread (the screen moves to its UI thread itself).
 */
public interface PaymentSession {

    /** What the clerk sees; each has a message key in the till's bundles. */
    enum State {
        /** Sending the order to the gateway. */
        STARTING,
        /** QR shown, waiting for the customer (R21, R22). */
        WAITING_FOR_CUSTOMER,
        /** The customer must confirm the pay-code payment on the phone. */
        USER_PAYING,
        /** Paid: the sale can be completed (R17). */
        PAID,
        /** Refused by the gateway; {@link #reasonCode()} says why. */
        FAILED,
        /** No final state in time; the order was closed (R24): pay again, other tender, check again. */
        TIMED_OUT,
        /** The clerk stopped it; the order was closed or reversed. */
        CANCELLED,
        /** The gateway or the store hub could not be reached; nothing was charged that is not being undone. */
        UNREACHABLE;

        public boolean isFinal() {
            return this != STARTING && this != WAITING_FOR_CUSTOMER && this != USER_PAYING;
        }
    }

    PaymentOrder order();

    State state();

    /** The QR code to show, for QR payments once the gateway made the order. */
    Optional<QrOrder> qrOrder();

    /** When the till stops waiting (R24); counts down on screen. */
    Instant deadline();

    /** The gateway's reason code for FAILED, or a short technical reason for UNREACHABLE. */
    Optional<String> reasonCode();

    /** Asks again at once (the clerk's "check again", R24). */
    void checkAgain();

    /** The clerk gives up: the order is closed at the gateway (a pay-code payment is reversed). */
    void cancel();

    /** Registers a listener for state changes; returns a handle that removes it. */
    AutoCloseable onChange(Consumer<State> listener);
}
