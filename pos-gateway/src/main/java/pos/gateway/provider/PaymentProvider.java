package pos.gateway.provider;

import pos.core.pay.PaymentGateway;
import pos.core.pay.PaymentNotifications;

/**
 * One payment provider as the till and the hub use it: its requests ({@link PaymentGateway}) and its notifications
 * ({@link PaymentNotifications}, for the hub's {@code /notify/{name}}). Made by {@link PaymentProviders#open}; its
 * credentials were read and checked when it was made. Closing releases its HTTP clients.
 */
public interface PaymentProvider extends AutoCloseable {

    /** {@code sandbox}, {@code wechatpay} or {@code alipay}: the configuration's word and the notify route's. */
    String name();

    PaymentGateway gateway();

    PaymentNotifications notifications();

    @Override
    default void close() {
    }
}
