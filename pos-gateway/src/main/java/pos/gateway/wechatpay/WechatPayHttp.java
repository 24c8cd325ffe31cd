package pos.gateway.wechatpay;

import com.wechat.pay.java.core.Config;
import com.wechat.pay.java.core.http.DefaultHttpClientBuilder;
import com.wechat.pay.java.core.http.HttpClient;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;

/**
 * The WeChat Pay SDK's signed HTTP client on an OkHttpClient of the adapter's making, the only change to the SDK's
 * path: requests to WeChat Pay's documented hosts ({@code https://api.mch.weixin.qq.com/...} and its backups) go to the
 * configured base URL instead when one is given (a server speaking the protocol, the sandbox's {@code wechatpay-v3}
 * face) — scheme, host and port are replaced, the signed path and query are left as they are — and TLS trusts the
 * configured context when one is given. Timeouts bound connecting and each request; OkHttp does not retry on its own
 * (a retried payment request must be the adapter's decision). Thread-safe.
 */
final class WechatPayHttp {

    /** WeChat Pay's API hosts as the SDK addresses them. */
    static final Set<String> API_HOSTS = Set.of("api.mch.weixin.qq.com", "api2.mch.weixin.qq.com", "api.wechatpay.cn",
            "api2.wechatpay.cn");
    /** Where the SDK's services and the adapter's own requests are addressed. */
    static final String API = "https://api.mch.weixin.qq.com";

    private WechatPayHttp() {
    }

    /**
     * An OkHttpClient bound by {@code timeout}, redirected to {@code baseUrl} when given, trusting {@code trust} when
     * given.
     */
    static OkHttpClient okHttp(URI baseUrl, SSLContext trust, Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .connectTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .callTimeout(timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS)
                .followRedirects(false)
                .retryOnConnectionFailure(false);
        if (baseUrl != null) {
            builder.addInterceptor(redirectTo(baseUrl));
        }
        if (trust != null) {
            // The handshake is checked by the context's own trust managers; OkHttp's trust manager below only serves
            // certificate pinning, which this client does not use.
            builder.sslSocketFactory(trust.getSocketFactory(), new CheckedByContext());
        }
        return builder.build();
    }

    /** The SDK's client: signs requests with the merchant's key and verifies answers, over {@code okHttp}. */
    static HttpClient signed(Config config, OkHttpClient okHttp) {
        return new DefaultHttpClientBuilder().config(config).okHttpClient(okHttp).disableRetryOnConnectionFailure()
                .build();
    }

    private static Interceptor redirectTo(URI baseUrl) {
        String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("not an http(s) base URL for WeChat Pay: '" + baseUrl + "'");
        }
        String host = baseUrl.getHost().startsWith("[") ? baseUrl.getHost().substring(1, baseUrl.getHost().length() - 1)
                : baseUrl.getHost();
        int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : HttpUrl.defaultPort(scheme);
        return chain -> {
            Request original = chain.request();
            HttpUrl url = original.url();
            if (!API_HOSTS.contains(url.host())) {
                return chain.proceed(original);
            }
            HttpUrl target = url.newBuilder().scheme(scheme).host(host).port(port).build();
            return chain.proceed(original.newBuilder().url(target).build());
        };
    }

    /** Never consulted for the handshake (the SSLContext checks the chain); trusts nothing on its own. */
    private static final class CheckedByContext implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("client certificates are not checked here");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("the SSLContext checks the server's certificate");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
