package pos.gateway.sandbox.face.wechatpay;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import pos.gateway.sandbox.chaos.Chaos;
import pos.gateway.sandbox.face.Face;
import pos.gateway.sandbox.face.FaceRoutes;
import pos.gateway.sandbox.face.NotificationWire;
import pos.gateway.sandbox.notify.RetrySchedule;
import pos.gateway.sandbox.trade.TradeService;

/**
 * The sandbox speaking WeChat Pay API v3 ({@code --protocol wechatpay-v3}) in its "WeChat Pay public key" mode, so
 * that the official SDK (wechatpay-java) talks to it unmodified, its base URL pointed here: requests signed with the
 * merchant's key and checked, answers and notifications signed with the platform key, notifications encrypted with
 * the API v3 key. The routes are in {@link WechatPayRoutes}, the notifications in {@link WechatPayWire}, the keys in
 * {@link WechatPayKeys} (the merchant's side written to {@code <dataDir>/credentials}).
 *
 * <p>Settings: {@code closeMinimum} (default 5 minutes: WeChat Pay documents that an order is not closed within five
 * minutes of its creation) and {@code reverseMinimum} (default 15 s: no reverse within 15 s of a pay-code charge),
 * both measured on the sandbox's clock so a test can share a clock with the till; the signature clock (timestamps of
 * answers and notifications, the window of requests) is the wall clock unless given, since the SDK checks them against
 * its own. Thread-safe once opened.
 */
public final class WechatPayFace implements Face {

    public static final String PROTOCOL = "wechatpay-v3";
    public static final Duration DEFAULT_CLOSE_MINIMUM = Duration.ofMinutes(5);
    public static final Duration DEFAULT_REVERSE_MINIMUM = Duration.ofSeconds(15);

    /** WeChat Pay's documented retries: 15s/15s/30s/3m/10m/20m/30m/30m/30m/60m/3h/3h/3h/6h/6h, about 24 hours. */
    private static final RetrySchedule DOCUMENTED = new RetrySchedule(List.of(Duration.ZERO, Duration.ofSeconds(15),
            Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(3), Duration.ofMinutes(10),
            Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(30), Duration.ofMinutes(30),
            Duration.ofMinutes(60), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(3), Duration.ofHours(6),
            Duration.ofHours(6)), Duration.ofHours(6), Duration.ofMinutes(24 * 60 + 4));

    private final Duration closeMinimum;
    private final Duration reverseMinimum;
    private final Clock signatureClock;
    private volatile WechatPayKeys keys;
    private volatile Path credentialsDir;
    private volatile WechatPaySignatures signatures;
    private volatile Clock tradeClock;
    private volatile TradeService trades;

    /** The documented minimums and the wall clock for signatures. */
    public WechatPayFace() {
        this(DEFAULT_CLOSE_MINIMUM, DEFAULT_REVERSE_MINIMUM, Clock.systemUTC());
    }

    /**
     * @param closeMinimum   how long after its creation an order may first be closed
     * @param reverseMinimum how long after a pay-code charge it may first be reversed
     * @param signatureClock the clock of signature timestamps
     */
    public WechatPayFace(Duration closeMinimum, Duration reverseMinimum, Clock signatureClock) {
        this.closeMinimum = requireNotNegative(closeMinimum, "closeMinimum");
        this.reverseMinimum = requireNotNegative(reverseMinimum, "reverseMinimum");
        this.signatureClock = Objects.requireNonNull(signatureClock, "signatureClock");
    }

    @Override
    public String protocol() {
        return PROTOCOL;
    }

    @Override
    public synchronized void open(Path dataDir, Clock clock) {
        WechatPayKeys opened = WechatPayKeys.openOrCreate(dataDir);
        Path credentials = dataDir.resolve(WechatPayKeys.CREDENTIALS_DIR);
        opened.writeCredentials(credentials);
        this.signatures = new WechatPaySignatures(opened, signatureClock);
        this.tradeClock = Objects.requireNonNull(clock, "clock");
        this.keys = opened;
        this.credentialsDir = credentials;
    }

    @Override
    public Path credentialsDir() {
        return credentialsDir;
    }

    @Override
    public void routes(FaceRoutes routes, TradeService trades, Chaos chaos) {
        this.trades = trades;
        new WechatPayRoutes(requireOpen(), signatures, tradeClock, closeMinimum, reverseMinimum).install(routes, trades);
    }

    @Override
    public NotificationWire notifications() {
        return new WechatPayWire(requireOpen(), signatures, outTradeNo -> {
            TradeService current = trades;
            return current == null ? Optional.empty() : current.order(outTradeNo);
        });
    }

    @Override
    public RetrySchedule documentedSchedule() {
        return DOCUMENTED;
    }

    /**
     * WeChat Pay's {@code time_expire} is "the last moment the user can pay, not the time the order is closed": past
     * it the order stays {@code NOTPAY} (unpayable) until the merchant closes it, no sooner than {@code closeMinimum}.
     */
    @Override
    public TradeService.Expiry expiry() {
        return TradeService.Expiry.ENDS_PAYMENT;
    }

    /** The keys and ids, once opened (tests sign requests and notifications of their own with them). */
    public WechatPayKeys keys() {
        return requireOpen();
    }

    public Duration closeMinimum() {
        return closeMinimum;
    }

    public Duration reverseMinimum() {
        return reverseMinimum;
    }

    private WechatPayKeys requireOpen() {
        WechatPayKeys opened = keys;
        if (opened == null) {
            throw new IllegalStateException("the WeChat Pay face was not opened: start the sandbox gateway first");
        }
        return opened;
    }

    private static Duration requireNotNegative(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative: " + value);
        }
        return value;
    }
}
