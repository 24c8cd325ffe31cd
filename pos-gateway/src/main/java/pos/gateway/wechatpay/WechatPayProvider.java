package pos.gateway.wechatpay;

import com.wechat.pay.java.core.RSAPublicKeyConfig;
import com.wechat.pay.java.core.http.HttpClient;
import com.wechat.pay.java.core.notification.NotificationParser;
import com.wechat.pay.java.core.notification.RSAPublicKeyNotificationConfig;
import java.time.Clock;
import java.util.Objects;
import okhttp3.OkHttpClient;
import pos.core.pay.PaymentNotifications;
import pos.gateway.provider.MissingCredentialsException;
import pos.gateway.provider.PaymentProvider;
import pos.gateway.provider.PaymentProviders;
import pos.gateway.provider.ProviderSettings;
import pos.gateway.provider.Secrets;

/**
 * WeChat Pay API v3 as the till and the hub use it, in its "WeChat Pay public key" mode, made from
 * {@link ProviderSettings} and the merchant's credentials ({@link PaymentProviders#REQUIRED_CREDENTIALS}): the merchant
 * id and app id, the API certificate's serial number and the merchant's private key (PKCS#8 PEM), the API v3 key
 * (32 characters), and WeChat Pay's public key (X.509 PEM) with its id.
 *
 * <p>To configure a real merchant account: in the WeChat Pay merchant platform (pay.weixin.qq.com) under Account
 * Centre → API security, apply for the API certificate (its serial number and {@code apiclient_key.pem} are the
 * merchant-serial and merchant-key.pem), set the API v3 key (api-v3-key), and download the WeChat Pay public key and
 * its id (wechatpay-public-key.pem, wechatpay-public-key-id); bind the app id of the official account or mini program
 * to the merchant id; sign up for Native payment and code payment. Put each value in its file (mode 0600) under the
 * credentials directory, or in {@code POS_WECHATPAY_<NAME>}; leave the base URL unset for WeChat Pay's own address.
 * The store hub's {@code /notify/wechatpay} must be reachable over HTTPS from the internet as the notify URL.
 * Closing releases the HTTP client. Thread-safe.
 */
public final class WechatPayProvider implements PaymentProvider {

    private final OkHttpClient okHttp;
    private final WechatPayGateway gateway;
    private final WechatPayNotifications notifications;

    private WechatPayProvider(OkHttpClient okHttp, WechatPayGateway gateway, WechatPayNotifications notifications) {
        this.okHttp = okHttp;
        this.gateway = gateway;
        this.notifications = notifications;
    }

    /**
     * Reads the credentials and makes the provider.
     *
     * @throws MissingCredentialsException naming the file or variable of a missing, unsafe or unusable credential
     */
    public static WechatPayProvider open(ProviderSettings settings, Clock clock) {
        Objects.requireNonNull(settings, "settings");
        Secrets secrets = settings.secrets();
        String merchantId = secrets.require("merchant-id");
        String appId = secrets.require("app-id");
        String serial = secrets.require("merchant-serial");
        String merchantKey = secrets.require("merchant-key.pem");
        String apiV3Key = secrets.require("api-v3-key");
        String publicKey = secrets.require("wechatpay-public-key.pem");
        String publicKeyId = secrets.require("wechatpay-public-key-id");
        if (apiV3Key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length != 32) {
            throw new MissingCredentialsException("wechatpay credential 'api-v3-key' is not 32 characters long: "
                    + secrets.where("api-v3-key"));
        }
        RSAPublicKeyConfig config;
        NotificationParser parser;
        try {
            config = new RSAPublicKeyConfig.Builder().merchantId(merchantId).privateKey(merchantKey)
                    .merchantSerialNumber(serial).publicKey(publicKey).publicKeyId(publicKeyId).apiV3Key(apiV3Key)
                    .build();
            parser = new NotificationParser(new RSAPublicKeyNotificationConfig.Builder().publicKey(publicKey)
                    .publicKeyId(publicKeyId).apiV3Key(apiV3Key).build());
        } catch (RuntimeException e) {
            // the SDK's message may quote the key: name the files instead
            throw new MissingCredentialsException("wechatpay credentials 'merchant-key.pem' or "
                    + "'wechatpay-public-key.pem' are not usable RSA keys in PEM (" + e.getClass().getSimpleName()
                    + "): " + secrets.where("merchant-key.pem") + "; " + secrets.where("wechatpay-public-key.pem"));
        }
        OkHttpClient okHttp = WechatPayHttp.okHttp(settings.baseUrl(), settings.trust(), settings.timeout());
        HttpClient http = WechatPayHttp.signed(config, okHttp);
        WechatPayGateway gateway = new WechatPayGateway(merchantId, appId, http, settings.orderExpiry(),
                settings.notifyUrl(), clock);
        return new WechatPayProvider(okHttp, gateway, new WechatPayNotifications(parser, publicKeyId, merchantId,
                appId, clock));
    }

    @Override
    public String name() {
        return PaymentProviders.WECHATPAY;
    }

    @Override
    public WechatPayGateway gateway() {
        return gateway;
    }

    @Override
    public PaymentNotifications notifications() {
        return notifications;
    }

    @Override
    public void close() {
        okHttp.dispatcher().executorService().shutdown();
        okHttp.connectionPool().evictAll();
    }
}
