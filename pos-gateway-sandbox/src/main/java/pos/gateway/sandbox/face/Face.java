package pos.gateway.sandbox.face;

import java.nio.file.Path;
import java.time.Clock;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.gateway.sandbox.trade.TradeService;

/**
 * One wire protocol the sandbox gateway speaks over its one ledger: the project's own ({@code sandbox}), WeChat Pay
 * API v3 ({@code wechatpay-v3}) or Alipay face-to-face ({@code alipay}). A face adds its provider's API routes to the
 * server, signs (and encrypts) notifications the way its provider does, and retries them on its provider's documented
 * schedule. Orders, charges, refunds, the knobs and the {@code /sandbox/...} control routes are shared by every face.
 *
 * <p>Life: {@link #open} once before the server starts (keys generated or read again from the data directory, the
 * merchant's credentials written there for the till and the hub), then {@link #routes} on every start.
 */
public interface Face {

    /** The {@code --protocol} word: {@code sandbox}, {@code wechatpay-v3}, {@code alipay}. */
    String protocol();

    /**
     * Makes or reads again this face's keys and certificates under {@code dataDir}, and writes the merchant's side of
     * them (ids, keys, the provider's public key; files of mode 0600) into {@link #credentialsDir}.
     */
    void open(Path dataDir, Clock clock);

    /** Where {@link #open} wrote the merchant's credentials, for {@code --credentials} of the till and the hub. */
    Path credentialsDir();

    /** Adds this face's provider API to {@code routes}, answered from {@code trades}, with the knobs of {@code chaos}. */
    void routes(FaceRoutes routes, TradeService trades, Chaos chaos);

    /** How this face delivers notifications. */
    NotificationWire notifications();

    /** The provider's documented retry schedule of notifications (used unless the gateway is given another). */
    RetrySchedule documentedSchedule();

    /** What the end of a QR order's payable time does at this provider: by default the order is closed. */
    default TradeService.Expiry expiry() {
        return TradeService.Expiry.CLOSES_ORDER;
    }
}
